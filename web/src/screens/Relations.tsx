import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { call } from '../api/client.ts';
import { DataTable } from '../components/insights/DataTable.tsx';
import { FigureList } from '../components/insights/FigureList.tsx';
import { NoDataYet } from '../components/insights/NoDataYet.tsx';
import { useInsightFormat } from '../components/insights/month-format.ts';
import { PeriodPicker, usePeriod } from '../components/insights/PeriodPicker.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';

const TOP = 20;

/** Relations: who the person is in touch with, how often, the trend, who they lost touch with, and merged contacts. */
export default function Relations() {
  const { t } = useTranslation();
  const f = useInsightFormat();
  const period = usePeriod();
  const relations = useApi(() => call('insights.relations', { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) }), [period.from, period.to]);
  return (
    <>
      <PageTitle text={t('relations.title')} />
      <Async value={relations}>
        {(r) => {
          const top = r.people.filter((p) => p.interactions > 0).slice(0, TOP);
          const merged = r.people.filter((p) => p.cards.length > 1);
          return (
            <>
              <PeriodPicker shown={{ from: r.from.slice(0, 10), to: r.to.slice(0, 10) }} onChange={period.set} />
              {r.totals.people === 0 && r.totals.interactions === 0 ? (
                <NoDataYet title={t('relations.empty')} hint={t('relations.emptyHint')} />
              ) : (
                <>
                  <FigureList
                    label={t('relations.figuresLabel')}
                    figures={[
                      { label: t('relations.interactions'), value: f.number(r.totals.interactions), testId: 'relations-interactions' },
                      { label: t('relations.peopleInTouch'), value: t('relations.ofPeople', { n: f.number(r.totals.peopleInTouch), of: f.number(r.totals.people) }), testId: 'relations-people' },
                      { label: t('relations.calls'), value: f.number(r.totals.calls), testId: 'relations-calls', hint: t('relations.minutes', { n: f.number(r.totals.callMinutes) }) },
                      { label: t('relations.messages'), value: f.number(r.totals.messages), testId: 'relations-messages' },
                      { label: t('relations.meetings'), value: f.number(r.totals.meetings), testId: 'relations-meetings' },
                    ]}
                  />
                  <section aria-labelledby="relations-months">
                    <h2 id="relations-months">{t('relations.byMonth')}</h2>
                    <figure className="chart" aria-label={t('relations.chartLabel', { months: r.byMonth.map((m) => `${f.month(m.month)}: ${f.number(m.interactions)}`).join(', ') })}>
                      <ResponsiveContainer width="100%" height={220}>
                        <BarChart data={r.byMonth.map((m) => ({ ...m, label: f.month(m.month) }))} margin={{ left: 0, right: 8 }}>
                          <CartesianGrid strokeDasharray="3 3" vertical={false} />
                          <XAxis dataKey="label" fontSize={11} />
                          <YAxis fontSize={11} width={40} />
                          <Tooltip formatter={(v) => f.number(Number(v))} />
                          <Bar dataKey="interactions" name={t('relations.interactions')} fill="#6b3fa0" isAnimationActive={false} />
                        </BarChart>
                      </ResponsiveContainer>
                    </figure>
                  </section>
                  <section aria-labelledby="relations-people">
                    <h2 id="relations-people">{t('relations.mostInTouch')}</h2>
                    <DataTable
                      caption={t('relations.mostInTouch')}
                      testId="relations-top"
                      columns={[
                        { label: t('relations.person') },
                        { label: t('relations.interactions'), num: true },
                        { label: t('relations.calls'), num: true },
                        { label: t('relations.messages'), num: true },
                        { label: t('relations.meetings'), num: true },
                        { label: t('relations.trend') },
                        { label: t('relations.last') },
                      ]}
                      rows={top.map((p) => ({
                        key: p.id,
                        head: p.name,
                        cells: [f.number(p.interactions), f.number(p.calls), f.number(p.messages), f.number(p.meetings), <span className={`badge trend-${p.trend.kind}`}>{t(`relations.trendKind.${p.trend.kind}`)}</span>, p.last ? f.date(p.last) : '—'],
                      }))}
                    />
                  </section>
                  <section aria-labelledby="relations-lost">
                    <h2 id="relations-lost">{t('relations.lostTouch', { n: f.number(r.lostAfterDays) })}</h2>
                    {r.lostTouch.length === 0 ? (
                      <p className="muted">{t('relations.noneLost')}</p>
                    ) : (
                      <ul className="plain-list" data-testid="relations-lost">
                        {r.lostTouch.slice(0, TOP).map((p) => (
                          <li key={p.id}>
                            <strong>{p.name}</strong> — {t('relations.lastSeen', { date: f.date(p.last), days: f.number(p.daysSince), n: f.number(p.interactions) })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </section>
                  <section aria-labelledby="relations-merged">
                    <h2 id="relations-merged">{t('relations.merged', { n: f.number(merged.length) })}</h2>
                    <p className="hint">{t('relations.mergedHint')}</p>
                    <ul className="plain-list">
                      {merged.slice(0, TOP).map((p) => (
                        <li key={p.id}>
                          <details>
                            <summary>
                              {p.name} <span className="muted">({t('relations.cards', { n: f.number(p.cards.length) })})</span>
                            </summary>
                            <ul>
                              {p.cards.map((c) => (
                                <li key={c.recordId}>
                                  <Link to={`/records/${c.recordId}`}>{c.fullName}</Link> <span className="muted">· {c.source}</span>
                                </li>
                              ))}
                            </ul>
                            <p className="small">{p.evidence.map((e) => t('relations.evidence', { field: t(`relations.field.${e.field}`), value: e.value })).join(' · ')}</p>
                          </details>
                        </li>
                      ))}
                    </ul>
                  </section>
                  {r.unmatched.length > 0 && (
                    <section aria-labelledby="relations-unmatched">
                      <h2 id="relations-unmatched">{t('relations.unmatched')}</h2>
                      <ul className="plain-list">
                        {r.unmatched.slice(0, 10).map((u) => (
                          <li key={`${u.channel}-${u.value}`}>
                            <span className="mono">{u.value}</span> — {t(`relations.channel.${u.channel}`)}, {t('relations.times', { n: f.number(u.interactions) })}
                          </li>
                        ))}
                      </ul>
                    </section>
                  )}
                </>
              )}
            </>
          );
        }}
      </Async>
    </>
  );
}
