import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { energyInsight } from '../../src/insights/energy/energy-report.ts';
import { energyMonthly } from '../../src/insights/energy/derived.ts';
import { DEFAULT_TARIFF } from '../../src/insights/energy/tariff.ts';
import type { Vault } from '../../src/vault/vault.ts';
import { openDemoVault } from '../support/demo-vault.ts';

// Independent of the insight's own clock: Intl gives the Paris wall time of each reading's start.
const paris = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function local(iso: string): { month: string; date: string; hour: number; minute: number } {
  const p = Object.fromEntries(paris.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { month: `${p.year}-${p.month}`, date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute) };
}

interface Reading {
  commodity: string;
  start: string;
  end: string;
  energyWh?: number;
  averagePowerW?: number;
  volumeM3?: number;
  conversionKWhPerM3?: number;
}

/** Wh of a reading, converted by hand: energy if given, else W × hours, else m³ × kWh/m³ × 1000. */
function whOf(r: Reading): number {
  if (r.energyWh !== undefined) return r.energyWh;
  const hours = (Date.parse(r.end) - Date.parse(r.start)) / 3_600_000;
  if (r.averagePowerW !== undefined) return r.averagePowerW * hours;
  return r.volumeM3! * r.conversionKWhPerM3! * 1000;
}

describe('insights.energy on the ten-year demo person', () => {
  let demo: Awaited<ReturnType<typeof openDemoVault>>;
  let vault: Vault;
  const byMonth = new Map<string, number>();
  const m3ByMonth = new Map<string, number>();
  const jan2020: { hour: number; minute: number; date: string; wh: number; w: number }[] = [];

  beforeAll(async () => {
    demo = await openDemoVault({ copy: false });
    vault = demo.vault;
    for await (const rec of vault.store.iterate({ types: ['energy.reading'], from: '2019-11-01', to: '2021-02-01' })) {
      const r = rec.data as unknown as Reading;
      const l = local(r.start);
      const key = `${r.commodity} ${l.month}`;
      byMonth.set(key, (byMonth.get(key) ?? 0) + whOf(r));
      if (r.volumeM3 !== undefined) m3ByMonth.set(key, (m3ByMonth.get(key) ?? 0) + r.volumeM3);
      if (r.commodity === 'electricity' && l.month === '2020-01') jan2020.push({ ...l, wh: whOf(r), w: r.averagePowerW! });
    }
  });
  afterAll(() => demo.cleanup());

  it('gives monthly kWh equal to the readings converted by hand, for electricity and gas', async () => {
    const r = await energyInsight(vault.store, { from: '2020-01-01', to: '2021-01-01' });
    const elec = r.series.find((s) => s.commodity === 'electricity')!;
    const gas = r.series.find((s) => s.commodity === 'gas')!;
    expect(elec.monthly.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}`));
    for (const s of [elec, gas])
      for (const m of s.monthly) {
        expect(m.kWh).toBeCloseTo(byMonth.get(`${s.commodity} ${m.month}`)! / 1000, 2);
        expect(m.complete).toBe(true);
      }
    for (const m of gas.monthly) expect(m.volumeM3).toBeCloseTo(m3ByMonth.get(`gas ${m.month}`)!, 2);
    // Days, months and the year agree with one another.
    const days = elec.daily.reduce((n, d) => n + d.kWh, 0);
    expect(elec.daily).toHaveLength(366);
    expect(days).toBeCloseTo(elec.kWh, 1);
    expect(elec.yearly).toEqual([{ year: '2020', kWh: elec.kWh, complete: true }]);
    expect(elec.meters.length).toBeGreaterThanOrEqual(1);
  });

  it('compares with the same months a year before and with earlier years', async () => {
    const r = await energyInsight(vault.store, { from: '2020-01-01', to: '2021-01-01' });
    const elec = r.series.find((s) => s.commodity === 'electricity')!;
    const dec = elec.monthly.find((m) => m.month === '2020-12')!;
    expect(dec.sameMonthLastYearKWh).toBeCloseTo(byMonth.get('electricity 2019-12')! / 1000, 2);
    expect(dec.changePct).toBeCloseTo(((dec.kWh - dec.sameMonthLastYearKWh!) / dec.sameMonthLastYearKWh!) * 100, 0);
    const y2019 = r.history.find((h) => h.commodity === 'electricity' && h.year === '2019')!;
    expect(elec.yearOverYear!.previousKWh).toBeCloseTo(y2019.kWh, 2);
    expect(elec.past.years[0]).toEqual({ from: '2019-01-01', kWh: elec.yearOverYear!.previousKWh });
    const ranked = [elec.kWh, ...elec.past.years.map((p) => p.kWh)].sort((a, b) => a - b);
    expect(elec.past.rank).toBe(ranked.indexOf(elec.kWh) + 1);
  });

  it('splits off-peak and peak, finds the base load and the peak hours from the load curve', async () => {
    const r = await energyInsight(vault.store, { from: '2020-01-01', to: '2020-02-01', offPeak: ['22:00-06:00'] });
    const d = r.series.find((s) => s.commodity === 'electricity')!.intraday!;
    const inWindow = (h: number) => h >= 22 || h < 6;
    const off = jan2020.filter((x) => inWindow(x.hour)).reduce((n, x) => n + x.wh, 0) / 1000;
    const total = jan2020.reduce((n, x) => n + x.wh, 0) / 1000;
    expect(d.offPeak.kWh).toBeCloseTo(off, 2);
    expect(d.peakKWh).toBeCloseTo(total - off, 2);
    expect(d.unplacedKWh).toBe(0);
    // Base load: the median over the nights of the lowest 00:00–05:00 half-hour power.
    const nightly = new Map<string, number>();
    for (const x of jan2020) if (x.hour < 5) nightly.set(x.date, Math.min(nightly.get(x.date) ?? Infinity, x.w));
    const minima = [...nightly.values()].sort((a, b) => a - b);
    expect(d.nights).toBe(31);
    expect(d.baseLoadW).toBe(Math.round(minima[15]!));
    // Peak hours: the hours of highest average power, and the evening beats the night.
    const hourly = Array.from({ length: 24 }, (_, h) => {
      const xs = jan2020.filter((x) => x.hour === h);
      return Math.round(xs.reduce((n, x) => n + x.w, 0) / xs.length);
    });
    expect(d.hourlyAverageW).toEqual(hourly);
    expect(d.peakHours[0]!.averageW).toBe(Math.max(...hourly));
    expect(d.peakHours[0]!.hour).toBeGreaterThanOrEqual(17);
    expect(d.maxDemand.powerW).toBe(Math.max(...jan2020.map((x) => x.w)));
    // Another window moves energy between the two sides, the total stays.
    const other = (await energyInsight(vault.store, { from: '2020-01-01', to: '2020-02-01', offPeak: ['01:30-07:30', '12:30-14:30'] })).series[0]!.intraday!;
    expect(other.offPeak.kWh + other.peakKWh).toBeCloseTo(total, 2);
    expect(other.offPeak.kWh).not.toBeCloseTo(d.offPeak.kWh, 0);
  });

  it('prices the year under the default regulated tariff and under an off-peak tariff', async () => {
    const base = (await energyInsight(vault.store, { from: '2020-01-01', to: '2021-01-01' })).series[0]!;
    expect(base.cost!.months).toBe(12);
    expect(base.cost!.subscriptionMinor).toBe(12 * DEFAULT_TARIFF.subscriptionMinorPerMonth);
    expect(base.cost!.energyMinor).toBe(Math.round(base.kWh * DEFAULT_TARIFF.priceMinorPerKWh));
    expect(base.cost!.totalMinor).toBe(base.cost!.subscriptionMinor + base.cost!.energyMinor);
    const hphc = { name: 'HP/HC', currency: 'EUR', subscriptionMinorPerMonth: 1600, priceMinorPerKWh: 0, offPeak: { windows: ['22:00-06:00'], offPeakPriceMinorPerKWh: 16.35, peakPriceMinorPerKWh: 20.81 } };
    const priced = (await energyInsight(vault.store, { from: '2020-01-01', to: '2021-01-01', tariff: hphc })).series[0]!;
    expect(priced.cost!.offPeakKWh).toBeCloseTo(priced.intraday!.offPeak.kWh, 2);
    expect(priced.cost!.energyMinor).toBe(Math.round(priced.cost!.offPeakKWh! * 16.35 + priced.cost!.peakKWh! * 20.81));
  });

  it('answers an energy.monthly grant with monthly totals only, within the grant’s period', async () => {
    const r = (await energyMonthly(vault.store, { types: ['energy.reading'], filters: { from: '2020-01-01T00:00:00+01:00', to: '2020-04-01T00:00:00+02:00' }, timeZone: 'Europe/Paris' })) as { months: { month: string; commodity: string; kWh: number }[] };
    expect(r.months.map((m) => `${m.commodity} ${m.month}`)).toEqual(['electricity 2020-01', 'electricity 2020-02', 'electricity 2020-03', 'gas 2020-01', 'gas 2020-02', 'gas 2020-03']);
    for (const m of r.months) expect(m.kWh).toBeCloseTo(byMonth.get(`${m.commodity} ${m.month}`)! / 1000, 2);
    expect(JSON.stringify(r)).not.toMatch(/meterId|averagePowerW|T\d\d:/);
    await expect(energyMonthly(vault.store, { types: ['bank.transaction'], filters: {} })).rejects.toMatchObject({ code: 'CONSENT_DENIED' });
  });
});
