import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { call } from '../api/client.ts';
import { useCarbonHeading } from '../components/insights/carbon-heading.ts';
import { DataTable } from '../components/insights/DataTable.tsx';
import { FigureList } from '../components/insights/FigureList.tsx';
import { NoDataYet } from '../components/insights/NoDataYet.tsx';
import { useInsightFormat } from '../components/insights/month-format.ts';
import { PeriodPicker, usePeriod } from '../components/insights/PeriodPicker.tsx';
import { ServerText } from '../components/insights/ServerText.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';

/** Carbon footprint: the year's total by heading, what is measured and what is estimated from spending, and every factor with its source. */
export default function Carbon() {
  const { t } = useTranslation();
  const f = useInsightFormat();
  const period = usePeriod();
  const carbon = useApi(() => call('insights.carbon', { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) }), [period.from, period.to]);
  const headingName = useCarbonHeading();
  const heading = (h: string) => headingName(h) ?? h;
  const kg = (n: number) => `${f.number(n, 0)} kg CO₂e`;
  return (
    <>
      <PageTitle text={t('carbon.title')} />
      <Async value={carbon}>
        {(c) => (
          <>
            <PeriodPicker shown={{ from: c.period.from, to: c.period.to }} onChange={period.set} />
            {c.totalKg === 0 ? (
              <NoDataYet title={t('carbon.empty')} hint={t('carbon.emptyHint')} />
            ) : (
              <>
                <FigureList
                  label={t('carbon.figuresLabel')}
                  figures={[
                    { label: t('carbon.total'), value: `${f.number(c.totalKg / 1000, 2)} t CO₂e`, testId: 'carbon-total', hint: t('carbon.period', { from: f.date(c.period.from), to: f.date(c.period.to) }) },
                    { label: t('carbon.measured'), value: f.percent(c.measuredShare), testId: 'carbon-measured', hint: kg(c.measuredKg) },
                    { label: t('carbon.estimated'), value: f.percent(1 - c.measuredShare), testId: 'carbon-estimated', hint: kg(c.spendingKg) },
                  ]}
                />
                <section aria-labelledby="carbon-headings">
                  <h2 id="carbon-headings">{t('carbon.byHeading')}</h2>
                  <figure className="chart" aria-label={t('carbon.chartLabel')}>
                    <ResponsiveContainer width="100%" height={Math.max(200, c.byHeading.length * 30)}>
                      <BarChart layout="vertical" data={c.byHeading.map((h) => ({ name: heading(h.heading), kg: h.kg }))} margin={{ left: 8, right: 16 }}>
                        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                        <XAxis type="number" fontSize={11} tickFormatter={(v: number) => f.number(v)} />
                        <YAxis type="category" dataKey="name" width={120} fontSize={11} />
                        <Tooltip formatter={(v) => kg(Number(v))} />
                        <Bar dataKey="kg" name="kg CO₂e" fill="#2f7a4b" isAnimationActive={false} />
                      </BarChart>
                    </ResponsiveContainer>
                  </figure>
                  <DataTable
                    caption={t('carbon.byHeading')}
                    testId="carbon-headings"
                    columns={[{ label: t('carbon.headingCol') }, { label: 'kg CO₂e', num: true }, { label: t('carbon.share'), num: true }]}
                    rows={c.byHeading.map((h) => ({ key: h.heading, head: heading(h.heading), cells: [f.number(h.kg, 0), f.percent(h.share)] }))}
                  />
                </section>
                {c.years.length > 0 && (
                  <section aria-labelledby="carbon-years">
                    <h2 id="carbon-years">{t('carbon.byYear')}</h2>
                    <DataTable
                      caption={t('carbon.byYear')}
                      testId="carbon-years"
                      columns={[{ label: t('carbon.year') }, { label: 'kg CO₂e', num: true }, { label: t('carbon.measured'), num: true }]}
                      rows={c.years.map((y) => ({
                        key: y.year,
                        head: (
                          <>
                            {y.year} <span className="muted small">({t('carbon.period', { from: f.date(y.from), to: f.date(y.to) })})</span>
                          </>
                        ),
                        cells: [f.number(y.totalKg, 0), f.percent(y.measuredShare)],
                      }))}
                    />
                  </section>
                )}
                <section aria-labelledby="carbon-parts">
                  <h2 id="carbon-parts">{t('carbon.parts')}</h2>
                  <p className="hint">{t('carbon.partsHint')}</p>
                  <DataTable
                    caption={t('carbon.parts')}
                    testId="carbon-parts"
                    columns={[{ label: t('carbon.what') }, { label: t('carbon.basis') }, { label: t('carbon.quantity'), num: true }, { label: t('carbon.factor'), num: true }, { label: 'kg CO₂e', num: true }]}
                    rows={c.parts.map((p) => ({
                      key: `${p.what}-${p.factorId}`,
                      head: (
                        <>
                          {p.what} <span className="muted small">· {heading(p.heading)}</span>
                        </>
                      ),
                      cells: [<span className={`badge basis-${p.basis}`}>{t(`carbon.basisKind.${p.basis}`)}</span>, `${f.number(p.quantity, 1)} ${p.unit}`, `${f.number(p.kgPerUnit, 3)} / ${p.unit}`, f.number(p.kg, 1)],
                    }))}
                  />
                  {c.notCounted.length > 0 && (
                    <>
                      <h3>{t('carbon.notCounted')}</h3>
                      <ul className="plain-list">
                        {c.notCounted.map((n) => (
                          <li key={n.what}>
                            <strong>{n.what}</strong> — {f.number(n.quantity, 1)} {n.unit}: <ServerText>{n.reason}</ServerText>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </section>
                <section aria-labelledby="carbon-factors">
                  <h2 id="carbon-factors">{t('carbon.factors')}</h2>
                  <DataTable
                    caption={t('carbon.factors')}
                    testId="carbon-factors"
                    columns={[{ label: t('carbon.factorName') }, { label: 'kg CO₂e', num: true }, { label: t('carbon.source') }, { label: t('carbon.year'), num: true }]}
                    rows={c.factors.map((x) => ({
                      key: x.id,
                      head: (
                        <>
                          <ServerText>{x.label}</ServerText>
                          {x.approximate && <span className="badge">{t('carbon.approximate')}</span>}
                        </>
                      ),
                      cells: [`${f.number(x.kgCO2e, 3)} / ${x.unit}`, <span className="small">{x.source}</span>, x.year],
                    }))}
                  />
                </section>
              </>
            )}
          </>
        )}
      </Async>
    </>
  );
}
