import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../api/client.ts';
import { useFormat } from '../../format.ts';
import { Async } from '../StateViews.tsx';
import { useApi } from '../use-api.ts';
import type { Quality } from './FindingCard.tsx';

/** One source on the map: how many records it gave, of which types, and what it believes about the person's identity. */
export function SourceCard({ source, records, quality, attributeName }: { source: string; records: number; quality: Quality; attributeName: (attribute: string, category: string) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const facets = useApi(() => call('insights.timeline', { source: [source], limit: 1 }), [source]);
  const beliefs = quality.attributes.flatMap((a) => a.beliefs.filter((b) => b.source === source).map((b) => ({ ...b, category: a.category })));
  const wrong = beliefs.filter((b) => b.status === 'differs').length;
  return (
    <li className={`source-card${wrong > 0 ? ' has-conflict' : ''}`} data-source={source}>
      <h3>
        <Link to={`/timeline?source=${encodeURIComponent(source)}`}>{source}</Link>
      </h3>
      <p className="muted">
        {t('whoKnows.records', { n: f.number(records) })}
        {wrong > 0 && (
          <>
            {' · '}
            <strong className="conflict-text">{t('whoKnows.wrongValues', { n: f.number(wrong) })}</strong>
          </>
        )}
      </p>
      <Async value={facets}>
        {(tl) => (
          <ul className="chips small" aria-label={t('whoKnows.typesHeld', { source })}>
            {(tl.facets?.types ?? []).map((ty) => (
              <li key={ty.value}>
                <span className="chip">
                  {ty.value} <span className="muted">({f.number(ty.count)})</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Async>
      {beliefs.length > 0 && (
        <table className="beliefs">
          <caption className="visually-hidden">{t('whoKnows.beliefsOf', { source })}</caption>
          <tbody>
            {beliefs.map((b) => (
              <tr key={`${b.attribute}-${b.recordIds.join()}`} className={`belief-${b.status}`}>
                <th scope="row">{attributeName(b.attribute, b.category)}</th>
                <td className="belief-value">
                  {b.value}
                  {b.status !== 'agrees' && <span className={`badge belief-badge-${b.status}`}>{t(`whoKnows.status.${b.status}`)}</span>}
                  {b.correctedByPerson && <span className="badge">{t('whoKnows.correctedByYou')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
