import { useTranslation } from 'react-i18next';
import { call } from '../api/client.ts';
import { correctedByPerson, FindingCard } from '../components/insights/FindingCard.tsx';
import { FigureList } from '../components/insights/FigureList.tsx';
import { NoDataYet } from '../components/insights/NoDataYet.tsx';
import { SourceCard } from '../components/insights/SourceCard.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { AskEveryOrganisation } from '../components/rights/AskEveryOrganisation.tsx';
import { requestForFinding } from '../components/rights/finding-requests.ts';
import { Async } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { useFormat } from '../format.ts';

const CATEGORIES = ['name', 'postal_address', 'email', 'phone', 'iban', 'birth_date'] as const;

/**
 * "Who knows what about me": every source with the types of records it gave, what each
 * organisation believes about the person's identity, the wrong values highlighted, and for
 * each a correction in the vault and a rectification request to the organisation — one
 * action asks every organisation at once; a value already asked links to its request.
 */
export default function WhoKnowsWhat() {
  const { t } = useTranslation();
  const f = useFormat();
  const stats = useApi(() => call('vault.stats', {}), []);
  const quality = useApi(() => call('insights.quality', {}), []);
  const rights = useApi(() => call('rights.list', {}), []);
  const attributeName = (attribute: string, category: string) => ((CATEGORIES as readonly string[]).includes(category) ? t(`whoKnows.attribute.${category as (typeof CATEGORIES)[number]}`) : attribute);
  return (
    <>
      <PageTitle text={t('whoKnows.title')} />
      <p className="lead">{t('whoKnows.intro')}</p>
      <Async value={stats}>
        {(s) =>
          s.total === 0 ? (
            <NoDataYet title={t('whoKnows.empty')} />
          ) : (
            <Async value={quality}>
              {(q) => {
                const withIdentity = new Set(q.sources);
                const sources = Object.entries(s.bySource).sort((a, b) => Number(withIdentity.has(b[0])) - Number(withIdentity.has(a[0])) || b[1] - a[1]);
                return (
                  <>
                    <FigureList
                      label={t('whoKnows.figuresLabel')}
                      figures={[
                        { label: t('whoKnows.sourcesCount'), value: f.number(sources.length), testId: 'who-sources' },
                        { label: t('whoKnows.identityCount'), value: f.number(q.sources.length), testId: 'who-identity-sources' },
                        { label: t('whoKnows.findingsCount'), value: f.number(q.findings.length), testId: 'who-findings', tone: q.findings.length > 0 ? 'bad' : 'good' },
                      ]}
                    />
                    <section aria-labelledby="who-findings">
                      <h2 id="who-findings">{t('whoKnows.findingsTitle')}</h2>
                      {q.findings.length === 0 ? (
                        <p className="notice notice-success">{t('whoKnows.allGood')}</p>
                      ) : (
                        <Async value={rights}>
                          {({ requests }) => (
                            <>
                              <AskEveryOrganisation findings={q.findings} requests={requests} onDone={rights.reload} />
                              <div className="findings">
                                {q.findings.map((fi) => (
                                  <FindingCard
                                    key={fi.id}
                                    finding={fi}
                                    corrected={correctedByPerson(q, fi)}
                                    attributeName={attributeName(fi.attribute, fi.category)}
                                    onChanged={quality.reload}
                                    existing={requestForFinding(fi, requests)}
                                    onRequested={rights.reload}
                                  />
                                ))}
                              </div>
                            </>
                          )}
                        </Async>
                      )}
                      {q.unresolved.length > 0 && <p className="notice notice-error">{t('whoKnows.unresolved', { list: q.unresolved.join(', ') })}</p>}
                    </section>
                    <section aria-labelledby="who-map">
                      <h2 id="who-map">{t('whoKnows.mapTitle')}</h2>
                      <p className="hint">{t('whoKnows.mapHint')}</p>
                      <ul className="source-map">
                        {sources.map(([source, n]) => (
                          <SourceCard key={source} source={source} records={n} quality={q} attributeName={attributeName} />
                        ))}
                      </ul>
                    </section>
                  </>
                );
              }}
            </Async>
          )
        }
      </Async>
    </>
  );
}
