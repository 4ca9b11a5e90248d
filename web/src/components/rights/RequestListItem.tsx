import { Link } from 'react-router';
import { useFormat } from '../../format.ts';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from './StatusBadge.tsx';
import { useRightsText, type RequestView } from './rights-text.ts';

/** One request in the list: to whom, which right, how, sent and due days (with the days left), its last event. */
export function RequestListItem({ r }: { r: RequestView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useRightsText();
  return (
    <li className={`rights-item rights-item-${r.status}`} data-request={r.id} data-source={r.organisation.source}>
      <div className="rights-item-head">
        <h3>
          <Link to={`/rights/${encodeURIComponent(r.id)}`} aria-label={t('rights.open', { organisation: r.organisation.name }) + ` — ${text.kindTitle(r.kind)}`}>
            {r.organisation.name}
          </Link>
        </h3>
        <StatusBadge status={r.status} />
      </div>
      <p>
        {text.kind(r.kind)} · {text.channel(r.channel)}
      </p>
      <dl className="rights-dates">
        <div>
          <dt>{t('rights.sentOn')}</dt>
          <dd data-testid="sent-on">{r.sentOn ? f.date(r.sentOn) : t('rights.notSent')}</dd>
        </div>
        {r.dueOn && (
          <div>
            <dt>{t('rights.dueOn')}</dt>
            <dd>
              <span data-testid="due-on">{f.date(r.dueOn)}</span>
              {r.daysLeft !== undefined && <span className={r.daysLeft < 0 ? 'rights-late' : 'muted'}> ({text.left(r.daysLeft)})</span>}
            </dd>
          </div>
        )}
      </dl>
      <p className="muted small">
        {t('rights.lastEvent', { event: text.lastEvent(r) })}
      </p>
    </li>
  );
}
