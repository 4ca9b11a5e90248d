import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { call } from '../api/client.ts';
import { granteeOf, granularityOf, typesOf, useGranularityLabel } from '../components/grant-text.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async, EmptyState, Notice } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { useFormat } from '../format.ts';
import { useTypeName } from '../i18n/record-types.ts';

/**
 * Who accessed what (audit.list, hash-chained, with audit.verify's verdict), and the
 * consents the person gave and withdrew (from the grants and their receipts).
 */
export default function AccessLog() {
  const { t } = useTranslation();
  const f = useFormat();
  const typeName = useTypeName();
  const granularity = useGranularityLabel();
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const grantee = params.get('grantee') ?? '';
  const [draft, setDraft] = useState(grantee);
  const entries = useApi(() => call('audit.list', { limit: 200, ...(grantee ? { grantee } : {}) }), [grantee]);
  const verdict = useApi(() => call('audit.verify', {}), []);
  const grants = useApi(() => call('grants.list', grantee ? { grantee } : {}), [grantee]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(draft.trim() ? { grantee: draft.trim() } : {});
  };

  return (
    <>
      <PageTitle text={t('accessLog.title')} />
      <p className="lead">{t('accessLog.intro')}</p>
      <Async value={verdict}>
        {(v) => (v.ok ? <Notice>{t('accessLog.intact', { count: v.entries })}</Notice> : <Notice kind="error">{t('accessLog.broken', { seq: v.firstBroken?.seq ?? 0, message: v.firstBroken?.message ?? '' })}</Notice>)}
      </Async>
      <form className="filters" onSubmit={submit} role="search">
        <div className="field grow">
          <label htmlFor={filterId}>{t('accessLog.grantee')}</label>
          <input id={filterId} value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit">{t('accessLog.filter')}</button>
        </div>
      </form>

      <section aria-labelledby="consents-title">
        <h2 id="consents-title">{t('accessLog.consents')}</h2>
        <Async value={grants}>
          {({ grants: list }) => {
            const events = list
              .flatMap((g) => [{ at: g.createdAt, given: true, g }, ...(g.revokedAt ? [{ at: g.revokedAt, given: false, g }] : [])])
              .sort((a, b) => b.at.localeCompare(a.at));
            return events.length === 0 ? (
              <EmptyState title={t('accessLog.emptyConsents')} />
            ) : (
              <ol className="log" data-testid="consent-events">
                {events.map((e) => (
                  <li key={`${e.g.id}-${e.given}`}>
                    <time dateTime={e.at}>{f.dateTime(e.at)}</time>{' '}
                    <Link to={`/sharing/${encodeURIComponent(e.g.id)}`}>
                      {e.given ? t('accessLog.consentGiven', { grantee: granteeOf(e.g), types: typesOf(e.g, typeName), granularity: granularity(granularityOf(e.g)) }) : t('accessLog.consentWithdrawn', { grantee: granteeOf(e.g), types: typesOf(e.g, typeName) })}
                    </Link>
                  </li>
                ))}
              </ol>
            );
          }}
        </Async>
      </section>

      <section aria-labelledby="accesses-title">
        <h2 id="accesses-title">{t('accessLog.accesses')}</h2>
        <Async value={entries}>
          {({ entries: list }) =>
            list.length === 0 ? (
              <EmptyState title={t('accessLog.emptyAccesses')} />
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('accessLog.at')}</th>
                      <th scope="col">{t('accessLog.who')}</th>
                      <th scope="col">{t('accessLog.what')}</th>
                      <th scope="col" className="num">
                        {t('accessLog.records')}
                      </th>
                      <th scope="col">{t('accessLog.outcome')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((e) => (
                      <tr key={e.seq}>
                        <td>{e.seq}</td>
                        <td>{f.dateTime(e.at)}</td>
                        <td>{e.clientId}</td>
                        <td>
                          {e.operation} ({e.action}) {e.types.map(typeName).join(', ')}
                        </td>
                        <td className="num">{f.number(e.recordCount)}</td>
                        <td>
                          {t(`accessLog.outcomes.${e.outcome}`)}
                          {e.reason && <span className="muted"> — {e.reason}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
      </section>
    </>
  );
}
