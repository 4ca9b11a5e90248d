import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { call } from '../api/client.ts';
import type { OperationOutput } from '../api/operations.ts';
import { DataTable } from '../components/insights/DataTable.tsx';
import { FigureList } from '../components/insights/FigureList.tsx';
import { NoDataYet } from '../components/insights/NoDataYet.tsx';
import { useInsightFormat } from '../components/insights/month-format.ts';
import { PeriodPicker, usePeriod } from '../components/insights/PeriodPicker.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';

type Series = OperationOutput<'insights.energy'>['series'][number];

/** One meter series (electricity, gas…): totals, base load, off-peak split, cost, month by month against last year. */
function SeriesView({ s }: { s: Series }) {
  const { t } = useTranslation();
  const f = useInsightFormat();
  const key = `${s.commodity}-${s.direction}`;
  const d = s.intraday;
  const monthly = s.monthly.map((m) => ({ month: f.month(m.month), kWh: m.kWh, lastYear: m.sameMonthLastYearKWh }));
  return (
    <section aria-labelledby={`energy-${key}`} className="card">
      <h2 id={`energy-${key}`}>
        {t(`energy.commodity.${s.commodity}`)} · {t(`energy.direction.${s.direction}`)}
      </h2>
      <FigureList
        label={t('energy.figuresLabel')}
        figures={[
          { label: t('energy.total'), value: f.kWh(s.kWh), testId: `energy-total-${key}`, ...(s.volumeM3 !== undefined ? { hint: `${f.number(s.volumeM3, 1)} m³` } : {}) },
          { label: t('energy.yearOverYear'), value: s.yearOverYear ? f.change(s.yearOverYear.changePct) : '—', testId: `energy-yoy-${key}`, ...(s.yearOverYear ? { hint: t('energy.before', { kWh: f.kWh(s.yearOverYear.previousKWh) }) } : { hint: t('energy.noYearBefore') }) },
          ...(s.cost ? [{ label: t('energy.cost'), value: f.money({ amountMinor: s.cost.totalMinor, currency: s.cost.currency }), testId: `energy-cost-${key}`, hint: s.cost.tariff }] : []),
          ...(d
            ? [
                { label: t('energy.baseLoad'), value: `${f.number(d.baseLoadW)} W`, testId: `energy-base-${key}`, hint: t('energy.baseLoadHint', { share: f.percent(d.baseLoadShare) }) },
                { label: t('energy.offPeak'), value: f.percent(d.offPeak.share), testId: `energy-offpeak-${key}`, hint: t('energy.offPeakHint', { windows: d.offPeak.windows.join(', '), kWh: f.kWh(d.offPeak.kWh), peak: f.kWh(d.peakKWh) }) },
              ]
            : []),
        ]}
      />
      {s.past.rank !== null && <p>{t('energy.past', { rank: f.number(s.past.rank), of: f.number(s.past.of), average: f.kWh(s.past.averageKWh ?? 0) })}</p>}
      {d && (
        <p>
          {t('energy.peakHours', { hours: d.peakHours.map((p) => t('energy.hourAt', { hour: p.hour, w: f.number(p.averageW) })).join(', ') })}{' '}
          {t('energy.maxDemand', { w: f.number(d.maxDemand.powerW), at: f.dateTime(d.maxDemand.at) })}
        </p>
      )}
      <h3>{t('energy.daily')}</h3>
      <figure className="chart" aria-label={t('energy.dailyLabel')}>
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={s.daily} margin={{ left: 0, right: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tickFormatter={(v: string) => f.date(v)} minTickGap={40} fontSize={11} />
            <YAxis fontSize={11} width={40} />
            <Tooltip labelFormatter={(v) => f.date(String(v))} formatter={(v) => f.kWh(Number(v), 2)} />
            <Line type="monotone" dataKey="kWh" name="kWh" stroke="#1d4e89" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <h3>{t('energy.monthly')}</h3>
      <figure className="chart" aria-label={t('energy.monthlyLabel')}>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={monthly} margin={{ left: 0, right: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" fontSize={11} />
            <YAxis fontSize={11} width={48} />
            <Tooltip formatter={(v) => f.kWh(Number(v))} />
            <Legend />
            <Bar dataKey="kWh" name={t('energy.thisPeriod')} fill="#1d4e89" isAnimationActive={false} />
            <Bar dataKey="lastYear" name={t('energy.lastYear')} fill="#9aa4b2" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <DataTable
        caption={t('energy.monthly')}
        testId={`energy-monthly-${key}`}
        columns={[{ label: t('energy.month') }, { label: 'kWh', num: true }, { label: t('energy.lastYear'), num: true }, { label: t('energy.changeCol'), num: true }]}
        rows={s.monthly.map((m) => ({
          key: m.month,
          head: (
            <>
              {f.longMonth(m.month)}
              {!m.complete && <span className="muted"> {t('energy.partial')}</span>}
            </>
          ),
          cells: [f.number(m.kWh, 1), m.sameMonthLastYearKWh === null ? '—' : f.number(m.sameMonthLastYearKWh, 1), f.change(m.changePct)],
        }))}
      />
      {d && (
        <>
          <h3>{t('energy.hourly')}</h3>
          <figure className="chart" aria-label={t('energy.hourlyLabel', { hours: d.hourlyAverageW.map((w, h) => `${h}h ${f.number(w)} W`).join(', ') })}>
            <ResponsiveContainer width="100%" height={180}>
              <BarChart data={d.hourlyAverageW.map((w, hour) => ({ hour: `${hour}h`, w }))} margin={{ left: 0, right: 8 }}>
                <XAxis dataKey="hour" fontSize={11} interval={2} />
                <YAxis fontSize={11} width={48} />
                <Tooltip formatter={(v) => `${f.number(Number(v))} W`} />
                <Bar dataKey="w" name="W" fill="#2f7a4b" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </>
      )}
    </section>
  );
}

/** Energy: what the home consumes, from the meters' readings. */
export default function Energy() {
  const { t } = useTranslation();
  const f = useInsightFormat();
  const period = usePeriod();
  const energy = useApi(() => call('insights.energy', { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) }), [period.from, period.to]);
  return (
    <>
      <PageTitle text={t('energy.title')} />
      <Async value={energy}>
        {(e) => (
          <>
            <PeriodPicker shown={{ from: e.period.from, to: e.period.to }} onChange={period.set} />
            {e.series.length === 0 ? (
              <NoDataYet title={t('energy.empty')} hint={t('energy.emptyHint')} />
            ) : (
              <>
                <p className="hint">{t('energy.periodHint', { from: f.date(e.period.from), to: f.date(e.period.to), tz: e.period.timeZone })}</p>
                {e.series.map((s) => (
                  <SeriesView key={`${s.commodity}-${s.direction}`} s={s} />
                ))}
                <section aria-labelledby="energy-history">
                  <h2 id="energy-history">{t('energy.history')}</h2>
                  <DataTable
                    caption={t('energy.history')}
                    testId="energy-history"
                    columns={[{ label: t('energy.year') }, { label: t('energy.what') }, { label: 'kWh', num: true }]}
                    rows={e.history.map((h) => ({
                      key: `${h.commodity}-${h.direction}-${h.year}`,
                      head: (
                        <>
                          {h.year}
                          {!h.complete && <span className="muted"> {t('energy.partial')}</span>}
                        </>
                      ),
                      cells: [t(`energy.commodity.${h.commodity as Series['commodity']}`), f.number(h.kWh, 1)],
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
