import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../api/client.ts';
import type { OperationOutput } from '../../api/operations.ts';
import type { Finding } from '../insights/FindingCard.tsx';
import { ErrorState } from '../StateViews.tsx';
import { requestForFinding } from './finding-requests.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { useRightsText, type RequestView } from './rights-text.ts';
import './rights.css';

type Outcome = OperationOutput<'rights.fromQuality'>;

/**
 * "Ask every organisation to rectify": one rectification request per organisation for every
 * wrong value not yet asked (rights.fromQuality), sent at once to the organisations linked
 * through their API; then what was created (with links) and what was not asked again, and why.
 */
export function AskEveryOrganisation({ findings, requests, onDone }: { findings: Finding[]; requests: RequestView[]; onDone: () => void }) {
  const { t } = useTranslation();
  const text = useRightsText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const toAsk = findings.filter((f) => f.expected !== null && !requestForFinding(f, requests));
  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      setOutcome(await call('rights.fromQuality', { send: true }));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const whyNot = (s: Outcome['skipped'][number]) => {
    const finding = findings.find((f) => f.source === s.source && f.attribute === s.attribute);
    const existing = finding && requestForFinding(finding, requests);
    if (existing) return <Link to={`/rights/${encodeURIComponent(existing.id)}`}>{t('whoKnows.skippedAsked')}</Link>;
    return finding?.expected === null ? t('whoKnows.skippedNoValue') : s.reason;
  };
  return (
    <section className="card rights-summary" aria-labelledby="ask-every-organisation" data-testid="ask-every-organisation">
      <h2 id="ask-every-organisation">{t('whoKnows.askAllTitle')}</h2>
      {outcome === null && (
        <>
          <p className="hint">{t('whoKnows.askAllHint')}</p>
          {toAsk.length > 0 ? (
            <button type="button" onClick={() => void ask()} disabled={busy}>
              {t('whoKnows.askAll')}
            </button>
          ) : (
            <p>
              {t('whoKnows.allAsked')} <Link to="/rights">{t('whoKnows.seeAllRequests')}</Link>
            </p>
          )}
        </>
      )}
      {outcome && (
        <div role="status">
          <p>
            <strong>{outcome.created.length > 0 ? t('whoKnows.askAllDone', { n: outcome.created.length }) : t('whoKnows.askAllNothing')}</strong>
          </p>
          {outcome.created.length > 0 && (
            <ul data-testid="created-requests">
              {outcome.created.map((r) => (
                <li key={r.id} data-source={r.organisation.source}>
                  <Link to={`/rights/${encodeURIComponent(r.id)}`}>{r.organisation.name}</Link> — {r.items.map((i) => i.what).join(', ')} — <StatusBadge status={r.status} /> {text.channel(r.channel)}
                </li>
              ))}
            </ul>
          )}
          {outcome.skipped.length > 0 && (
            <>
              <p>{t('whoKnows.skippedTitle')}</p>
              <ul>
                {outcome.skipped.map((s) => (
                  <li key={`${s.source}-${s.attribute}`}>
                    {s.source} — {s.attribute}: {whyNot(s)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>
            <Link to="/rights">{t('whoKnows.seeAllRequests')}</Link>
          </p>
        </div>
      )}
      {error !== null && <ErrorState error={error} />}
    </section>
  );
}
