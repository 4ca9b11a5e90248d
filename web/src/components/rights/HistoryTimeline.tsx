import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { useRightsText, type RequestView } from './rights-text.ts';

/** Actions whose note is the person's or the organisation's own words (the others' notes are MesInfos's, in the facts). */
const FREE_NOTES: readonly string[] = ['send', 'acknowledge', 'close'];

/** A request's whole history, oldest first: when, who, what, and the status it led to. */
export function HistoryTimeline({ r }: { r: RequestView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useRightsText();
  return (
    <section aria-labelledby="rights-history">
      <h2 id="rights-history">{t('rights.historyTitle')}</h2>
      <ol className="rights-history" data-testid="history">
        {r.history.map((h, i) => (
          <li key={`${h.at}-${i}`} data-action={h.action}>
            <time dateTime={h.at}>{f.dateTime(h.at)}</time>
            <span className="rights-history-what">
              <strong>{text.action(h.action)}</strong> — {text.actor(h.by, r)}
            </span>
            <StatusBadge status={h.to} />
            {h.note && FREE_NOTES.includes(h.action) && <q className="muted">{h.note}</q>}
          </li>
        ))}
      </ol>
    </section>
  );
}
