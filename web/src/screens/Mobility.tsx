import { useTranslation } from 'react-i18next';
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

const MODES = ['walking', 'running', 'cycling', 'car', 'motorcycle', 'bus', 'tram', 'metro', 'train', 'plane', 'boat', 'other', 'unknown'] as const;
type Mode = (typeof MODES)[number];

/** Mobility: time at home, at work and elsewhere, distance by means of transport, the most visited places. */
export default function Mobility() {
  const { t } = useTranslation();
  const f = useInsightFormat();
  const period = usePeriod();
  const mobility = useApi(() => call('insights.mobility', { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) }), [period.from, period.to]);
  const mode = (m: string) => ((MODES as readonly string[]).includes(m) ? t(`mobility.mode.${m as Mode}`) : m);
  const hours = (h: number) => t('mobility.hours', { n: f.number(h, 0) });
  return (
    <>
      <PageTitle text={t('mobility.title')} />
      <Async value={mobility}>
        {(m) => {
          const recorded = m.time.totalHours - m.time.unrecorded.hours;
          const shares = (['home', 'work', 'elsewhere', 'moving', 'unrecorded'] as const).map((k) => ({ key: k, label: t(`mobility.time.${k}`), ...m.time[k] }));
          return (
            <>
              <PeriodPicker shown={{ from: m.period.from, to: m.period.to }} onChange={period.set} />
              {recorded <= 0 && m.totalKm === 0 ? (
                <NoDataYet title={t('mobility.empty')} hint={t('mobility.emptyHint')} />
              ) : (
                <>
                  <FigureList
                    label={t('mobility.figuresLabel')}
                    figures={[
                      { label: t('mobility.time.home'), value: f.percent(m.time.home.share), testId: 'mobility-home', hint: hours(m.time.home.hours) },
                      { label: t('mobility.time.work'), value: f.percent(m.time.work.share), testId: 'mobility-work', hint: hours(m.time.work.hours) },
                      { label: t('mobility.time.elsewhere'), value: f.percent(m.time.elsewhere.share), testId: 'mobility-elsewhere', hint: hours(m.time.elsewhere.hours) },
                      { label: t('mobility.distance'), value: `${f.number(m.totalKm, 0)} km`, testId: 'mobility-km' },
                    ]}
                  />
                  <section aria-labelledby="mobility-time">
                    <h2 id="mobility-time">{t('mobility.timeTitle')}</h2>
                    <DataTable
                      caption={t('mobility.timeTitle')}
                      testId="mobility-time"
                      columns={[{ label: t('mobility.where') }, { label: t('mobility.hoursCol'), num: true }, { label: t('mobility.share'), num: true }]}
                      rows={shares.map((s) => ({ key: s.key, head: s.label, cells: [f.number(s.hours, 0), f.percent(s.share)] }))}
                    />
                  </section>
                  <section aria-labelledby="mobility-modes">
                    <h2 id="mobility-modes">{t('mobility.byMode')}</h2>
                    {m.distanceByMode.length === 0 ? (
                      <p className="muted">{t('mobility.noTrips')}</p>
                    ) : (
                      <>
                        <figure className="chart" aria-label={t('mobility.chartLabel')}>
                          <ResponsiveContainer width="100%" height={Math.max(160, m.distanceByMode.length * 36)}>
                            <BarChart layout="vertical" data={m.distanceByMode.map((d) => ({ name: mode(d.mode), km: d.km }))} margin={{ left: 8, right: 16 }}>
                              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                              <XAxis type="number" fontSize={11} />
                              <YAxis type="category" dataKey="name" width={110} fontSize={11} />
                              <Tooltip formatter={(v) => `${f.number(Number(v), 1)} km`} />
                              <Bar dataKey="km" name="km" fill="#1f6f78" isAnimationActive={false} />
                            </BarChart>
                          </ResponsiveContainer>
                        </figure>
                        <DataTable
                          caption={t('mobility.byMode')}
                          testId="mobility-modes"
                          columns={[{ label: t('mobility.modeCol') }, { label: 'km', num: true }, { label: t('mobility.trips'), num: true }, { label: t('mobility.measuredBy') }]}
                          rows={m.distanceByMode.map((d) => ({ key: `${d.mode}-${d.from}`, head: mode(d.mode), cells: [f.number(d.km, 1), f.number(d.trips), t(`mobility.from.${d.from}`)] }))}
                        />
                      </>
                    )}
                  </section>
                  <section aria-labelledby="mobility-places">
                    <h2 id="mobility-places">{t('mobility.places')}</h2>
                    <ol className="places" data-testid="mobility-places">
                      {m.places.map((p) => (
                        <li key={`${p.lat},${p.lon}`}>
                          <strong>{p.name ?? `${f.number(p.lat, 4)}, ${f.number(p.lon, 4)}`}</strong>
                          {p.kind !== 'other' && <span className="badge">{t(`mobility.kind.${p.kind}`)}</span>} <span className="muted">— {t('mobility.visits', { n: f.number(p.visits), hours: hours(p.hours) })}</span>
                        </li>
                      ))}
                    </ol>
                  </section>
                </>
              )}
            </>
          );
        }}
      </Async>
    </>
  );
}
