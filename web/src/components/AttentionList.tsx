import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../api/client.ts';
import { useFormat } from '../format.ts';
import { useApi, type Loadable } from './use-api.ts';

const ready = <T,>(l: Loadable<T>): T | undefined => (l.status === 'ready' ? l.data : undefined);

type Counted = 'attentionFindings' | 'attentionUrgent' | 'attentionSoon' | 'attentionDrafts' | 'attentionOffers';

/**
 * What waits for the person, gathered from three screens: wrong values organisations hold
 * (who knows what), requests overdue, refused, due soon or not sent (my requests), and
 * offers on open intents. Each line links to where it is dealt with; nothing shows when
 * nothing waits, and a part that fails to load is left out rather than blocking the overview.
 */
export function AttentionList() {
  const { t } = useTranslation();
  const f = useFormat();
  const quality = useApi(() => call('insights.quality', {}), []);
  const reminders = useApi(() => call('rights.reminders', {}), []);
  const intents = useApi(() => call('intents.list', {}), []);
  const r = ready(reminders)?.reminders ?? [];
  const lines: { key: Counted; n: number; to: string }[] = [
    { key: 'attentionUrgent', n: r.filter((x) => x.level === 'urgent').length, to: '/rights' },
    { key: 'attentionSoon', n: r.filter((x) => x.level === 'soon').length, to: '/rights' },
    { key: 'attentionFindings', n: ready(quality)?.findings.length ?? 0, to: '/who-knows-what' },
    { key: 'attentionOffers', n: (ready(intents)?.intents ?? []).filter((i) => i.status === 'open').reduce((s, i) => s + i.offers, 0), to: '/intents' },
    { key: 'attentionDrafts', n: r.filter((x) => x.status === 'draft').length, to: '/rights' },
  ];
  const shown = lines.filter((l) => l.n > 0);
  if (shown.length === 0) return null;
  return (
    <section className="card" aria-labelledby="attention" data-testid="attention">
      <h2 id="attention">{t('overview.attentionTitle')}</h2>
      <ul className="plain-list">
        {shown.map((l) => (
          <li key={l.key}>
            <Link to={l.to}>{t(`overview.${l.key}`, { count: l.n, n: f.number(l.n) })}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
