import type { RecordStore } from '../../store/record-store.ts';
import { energyData, FINE, type EnergyData, type EnergySeries } from './energy-series.ts';
import type { EnergyResult, EnergySeriesResult } from './energy-schema.ts';
import { DAY_MS, LocalClock, dateOf, monthOf, yearBefore } from './local-clock.ts';
import { DEFAULT_OFF_PEAK, OffPeakWindow } from './off-peak-window.ts';
import { walkSlots } from './slot-walk.ts';
import { costTariff, DEFAULT_TARIFF, round3, type Tariff } from './tariff.ts';
import { cachedByVersion } from '../insight-cache.ts';

export interface EnergyOptions {
  /** First local day (inclusive), a date or an instant; default: a year before `to`. */
  from?: string;
  /** Local day after the last (exclusive); default: the day after the last reading. */
  to?: string;
  /** The person's time zone; default Europe/Paris. */
  timeZone?: string;
  /** Off-peak windows for the split; default 22:00–06:00. */
  offPeak?: string[];
  /** Tariff to price electricity consumption; default DEFAULT_TARIFF. */
  tariff?: Tariff;
}

/** A year's data counts for a comparison when it covers at least this share of the days. */
const COVERAGE = 0.9;

interface DayTotal {
  wh: number;
  m3: number;
}

/**
 * `insights.energy`: kWh per day, month and year, base load, peak hours, off-peak split,
 * year-over-year change, cost under a tariff and comparison with the person's own past,
 * for each commodity. Computed from the series cached per data version; results are
 * cached per input too.
 */
export async function energyInsight(store: RecordStore, opts: EnergyOptions = {}): Promise<EnergyResult> {
  return cachedByVersion(store, `energy:report:${JSON.stringify(opts)}`, async () => energyReport(await energyData(store), opts));
}

/** The energy report of already-built series (pure). */
export function energyReport(data: EnergyData, opts: EnergyOptions = {}): EnergyResult {
  const clock = new LocalClock(opts.timeZone ?? 'Europe/Paris');
  const window = OffPeakWindow.parse(opts.offPeak ?? DEFAULT_OFF_PEAK);
  const lastMs = data.series.length ? Math.max(...data.series.map((s) => s.lastMs)) : Date.now();
  const { fromDay, toDay } = clock.period(opts, lastMs);
  const series: EnergySeriesResult[] = [];
  const history: EnergyResult['history'] = [];
  for (const s of data.series) {
    const all = dailyTotals(s, clock);
    series.push(seriesReport(s, all, clock, window, fromDay, toDay, opts.tariff ?? DEFAULT_TARIFF));
    for (const y of wholeHistory(all)) history.push({ commodity: s.commodity, direction: s.direction, year: y.year, kWh: y.kWh, complete: y.complete });
  }
  return { period: { from: dateOf(fromDay), to: dateOf(toDay), timeZone: clock.timeZone }, series, history, skippedReadings: data.skipped };
}

const dailyCache = new WeakMap<EnergySeries, Map<string, Map<number, DayTotal>>>();

/** Energy and volume per local day, over all the data of a series (kept with the series, per time zone). */
export function dailyTotals(s: EnergySeries, clock: LocalClock): Map<number, DayTotal> {
  let byZone = dailyCache.get(s);
  if (!byZone) dailyCache.set(s, (byZone = new Map()));
  const hit = byZone.get(clock.timeZone);
  if (hit) return hit;
  const out = new Map<number, DayTotal>();
  let cur: DayTotal | undefined;
  let curDay = NaN;
  walkSlots(s, clock, clock.localDay(s.firstMs), clock.localDay(s.lastMs - 1) + 1, (v) => {
    if (v.day !== curDay) {
      curDay = v.day;
      cur = out.get(v.day);
      if (!cur) out.set(v.day, (cur = { wh: 0, m3: 0 }));
    }
    cur!.wh += v.wh;
    cur!.m3 += v.m3;
  });
  byZone.set(clock.timeZone, out);
  return out;
}

function sumDays(all: Map<number, DayTotal>, from: number, to: number): { wh: number; m3: number; days: number } {
  let wh = 0;
  let m3 = 0;
  let days = 0;
  for (let d = from; d < to; d++) {
    const t = all.get(d);
    if (!t) continue;
    wh += t.wh;
    m3 += t.m3;
    days++;
  }
  return { wh, m3, days };
}

function amounts(wh: number, m3: number, hasVolume: boolean): { kWh: number; volumeM3?: number } {
  return { kWh: round3(wh / 1000), ...(hasVolume ? { volumeM3: round3(m3) } : {}) };
}

function pct(cur: number, prev: number): number | null {
  return prev > 0 ? Math.round(((cur - prev) / prev) * 1000) / 10 : null;
}

const histories = new WeakMap<Map<number, DayTotal>, ReturnType<typeof byYear>>();

/** Every year of a series' daily totals (kept with them: it is the same for every question). */
function wholeHistory(all: Map<number, DayTotal>): ReturnType<typeof byYear> {
  let h = histories.get(all);
  if (!h) histories.set(all, (h = byYear(all, -Infinity, Infinity)));
  return h;
}

const volumes = new WeakMap<Map<number, DayTotal>, boolean>();

/** Whether a series reports volumes (gas, water), asked once per daily totals. */
function hasVolumeIn(all: Map<number, DayTotal>): boolean {
  let v = volumes.get(all);
  if (v === undefined) volumes.set(all, (v = [...all.values()].some((t) => t.m3 > 0)));
  return v;
}

function byYear(all: Map<number, DayTotal>, from: number, to: number): { year: string; kWh: number; volumeM3?: number; complete: boolean }[] {
  const years = new Map<string, { wh: number; m3: number; days: number }>();
  for (const [d, t] of all) {
    if (d < from || d >= to) continue;
    const y = dateOf(d).slice(0, 4);
    const acc = years.get(y) ?? { wh: 0, m3: 0, days: 0 };
    acc.wh += t.wh;
    acc.m3 += t.m3;
    acc.days++;
    years.set(y, acc);
  }
  const hasVolume = hasVolumeIn(all);
  return [...years.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, a]) => {
      const y = Number(year);
      const days = (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / DAY_MS;
      return { year, ...amounts(a.wh, a.m3, hasVolume), complete: a.days === days };
    });
}

function seriesReport(s: EnergySeries, all: Map<number, DayTotal>, clock: LocalClock, window: OffPeakWindow, fromDay: number, toDay: number, tariff: Tariff): EnergySeriesResult {
  const hasVolume = hasVolumeIn(all);
  const periodDays = toDay - fromDay;
  const cur = sumDays(all, fromDay, toDay);

  const daily: EnergySeriesResult['daily'] = [];
  const months = new Map<string, { wh: number; m3: number; days: number; first: number }>();
  for (let d = fromDay; d < toDay; d++) {
    const t = all.get(d);
    if (!t) continue;
    daily.push({ date: dateOf(d), ...amounts(t.wh, t.m3, hasVolume) });
    const m = monthOf(d);
    const acc = months.get(m) ?? { wh: 0, m3: 0, days: 0, first: d };
    acc.wh += t.wh;
    acc.m3 += t.m3;
    acc.days++;
    months.set(m, acc);
  }
  const monthly: EnergySeriesResult['monthly'] = [...months.entries()].map(([month, a]) => {
    const y = Number(month.slice(0, 4));
    const mo = Number(month.slice(5, 7));
    const start = Date.UTC(y, mo - 1, 1) / DAY_MS;
    const end = Date.UTC(y, mo, 1) / DAY_MS;
    const before = sumDays(all, Date.UTC(y - 1, mo - 1, 1) / DAY_MS, Date.UTC(y - 1, mo, 1) / DAY_MS);
    const lastYear = before.days >= COVERAGE * (Date.UTC(y - 1, mo, 1) / DAY_MS - Date.UTC(y - 1, mo - 1, 1) / DAY_MS) ? before.wh / 1000 : null;
    const complete = a.days === end - start;
    return {
      month,
      ...amounts(a.wh, a.m3, hasVolume),
      complete,
      sameMonthLastYearKWh: lastYear === null ? null : round3(lastYear),
      changePct: lastYear === null || !complete ? null : pct(a.wh / 1000, lastYear),
    };
  });

  // The same dates in earlier years.
  const pastYears: { from: string; kWh: number }[] = [];
  let yoy: EnergySeriesResult['yearOverYear'] = null;
  const firstDay = clock.localDay(s.firstMs);
  for (let k = 1, f = yearBefore(fromDay), t = yearBefore(toDay); t > firstDay; k++, f = yearBefore(f), t = yearBefore(t)) {
    const p = sumDays(all, f, t);
    if (p.days < COVERAGE * (t - f)) continue;
    if (k === 1) yoy = { previousKWh: round3(p.wh / 1000), changePct: cur.days >= COVERAGE * periodDays ? pct(cur.wh, p.wh) : null };
    pastYears.push({ from: dateOf(f), kWh: round3(p.wh / 1000) });
  }
  const comparable = cur.days >= COVERAGE * periodDays && pastYears.length > 0;
  const averageKWh = pastYears.length ? round3(pastYears.reduce((n, p) => n + p.kWh, 0) / pastYears.length) : null;
  const rank = comparable ? 1 + pastYears.filter((p) => p.kWh < cur.wh / 1000).length : null;

  const intraday = intradayStats(s, clock, window, fromDay, toDay, cur.wh);
  const cost = s.commodity === 'electricity' && s.direction === 'consumption' ? costTariff(s, tariff, clock, fromDay, toDay) : undefined;
  return {
    commodity: s.commodity,
    direction: s.direction,
    meters: s.meters,
    ...amounts(cur.wh, cur.m3, hasVolume),
    daily,
    monthly,
    yearly: byYear(all, fromDay, toDay),
    yearOverYear: yoy,
    past: { years: pastYears, averageKWh, rank, of: comparable ? pastYears.length + 1 : 0 },
    ...(intraday ? { intraday } : {}),
    ...(cost ? { cost } : {}),
  };
}

function intradayStats(s: EnergySeries, clock: LocalClock, window: OffPeakWindow, fromDay: number, toDay: number, totalWh: number): EnergySeriesResult['intraday'] {
  const hourWh = new Float64Array(24);
  const hourSlots = new Float64Array(24);
  const nightMin = new Map<number, number>();
  let offWh = 0;
  let fineWh = 0;
  let unplacedWh = 0;
  let maxW = -Infinity;
  let maxAt = 0;
  walkSlots(s, clock, fromDay, toDay, (v) => {
    if (v.state !== FINE) {
      unplacedWh += v.wh;
      return;
    }
    // Slots are half-hours: average power is twice the energy.
    const w = v.wh * 2;
    fineWh += v.wh;
    const h = Math.floor(v.minute / 60);
    hourWh[h] = hourWh[h]! + v.wh;
    hourSlots[h] = hourSlots[h]! + 1;
    if (window.contains(v.minute)) offWh += v.wh;
    if (v.minute < 300) nightMin.set(v.day, Math.min(nightMin.get(v.day) ?? Infinity, w));
    if (w > maxW) {
      maxW = w;
      maxAt = v.startMs;
    }
  });
  if (fineWh === 0 && maxW === -Infinity) return undefined;
  const hourly = [...hourWh].map((wh, h) => (hourSlots[h]! > 0 ? Math.round((wh * 2) / hourSlots[h]!) : 0));
  const minima = [...nightMin.values()].sort((a, b) => a - b);
  const baseLoadW = minima.length ? (minima.length % 2 ? minima[(minima.length - 1) / 2]! : (minima[minima.length / 2 - 1]! + minima[minima.length / 2]!) / 2) : 0;
  const hours = (clock.midnight(toDay) - clock.midnight(fromDay)) / 3_600_000;
  return {
    baseLoadW: Math.round(baseLoadW),
    nights: minima.length,
    baseLoadShare: totalWh > 0 ? Math.round(((baseLoadW * hours) / totalWh) * 1000) / 1000 : 0,
    hourlyAverageW: hourly,
    peakHours: hourly
      .map((averageW, hour) => ({ hour, averageW }))
      .sort((a, b) => b.averageW - a.averageW)
      .slice(0, 3),
    maxDemand: { powerW: Math.round(maxW), at: new Date(maxAt).toISOString() },
    offPeak: { windows: window.windows, kWh: round3(offWh / 1000), share: fineWh > 0 ? Math.round((offWh / fineWh) * 1000) / 1000 : 0 },
    peakKWh: round3((fineWh - offWh) / 1000),
    unplacedKWh: round3(unplacedWh / 1000),
  };
}
