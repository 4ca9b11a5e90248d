import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call } from '../api/client.ts';
import { granteeOf, granularityOf, useGranularityLabel, usePurposeLabel } from '../components/grant-text.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { useFormat } from '../format.ts';
import { useTypeName } from '../i18n/record-types.ts';

/** One grant: who, which data, granularity, purpose, validity, and its signed receipts. */
export default function GrantDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const typeName = useTypeName();
  const granularity = useGranularityLabel();
  const purpose = usePurposeLabel();
  const { id = '' } = useParams();
  const data = useApi(async () => {
    const shown = await call('grants.show', { id });
    const receipts = await Promise.all(shown.receipts.map((r) => call('grants.receipt', { id, event: r.event })));
    return { ...shown, signed: receipts };
  }, [id]);
  return (
    <>
      <p>
        <Link to="/sharing">← {t('sharing.back')}</Link>
      </p>
      <Async value={data}>
        {({ grant: g, signed }) => (
          <>
            <PageTitle text={`${t('sharing.details')} · ${granteeOf(g)}`} />
            <dl className="facts">
              <dt>{t('sharing.grantee')}</dt>
              <dd>
                {g.grantee.clientId} ({t(`sharing.kinds.${g.grantee.kind}`)})
              </dd>
              <dt>{t('sharing.scope')}</dt>
              <dd>
                <ul>
                  {g.scopes.map((s) => (
                    <li key={s.type}>
                      {typeName(s.type)}: {s.fields.length ? s.fields.join(', ') : t('sharing.allFields')}
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>{t('sharing.granularity')}</dt>
              <dd>{granularity(granularityOf(g))}</dd>
              <dt>{t('sharing.purpose')}</dt>
              <dd>{purpose(g.purpose)}</dd>
              <dt>{t('sharing.legalBasis')}</dt>
              <dd>{g.legalBasis}</dd>
              <dt>{t('sharing.validity')}</dt>
              <dd>
                {t('sharing.validRange', { from: f.dateTime(g.validFrom), until: f.dateTime(g.validUntil) })} — <span className={`badge state-${g.state}`}>{t(`sharing.state.${g.state}`)}</span>
                {g.revokedAt && <> — {t('sharing.revokedAt', { date: f.dateTime(g.revokedAt) })}</>}
              </dd>
            </dl>
            <h2>{t('sharing.receipts')}</h2>
            <p className="hint">{t('sharing.receiptSigned')}</p>
            {signed.map((r) => (
              <section key={r.id} className="card receipt" aria-label={`${t('sharing.receipt')} ${r.id}`}>
                <h3>
                  {t(`sharing.receiptEvent.${r.event}`)} — {f.dateTime(r.issuedAt)}
                </h3>
                <p className="mono">{r.id}</p>
                <details>
                  <summary>{t('sharing.receiptContent')}</summary>
                  <pre className="mono">{JSON.stringify(r.receipt, null, 2)}</pre>
                </details>
                <pre className="mono jws">{r.jws}</pre>
              </section>
            ))}
          </>
        )}
      </Async>
    </>
  );
}
