import { z } from 'zod';
import type { RecordStore } from '../../store/record-store.ts';
import { cachedByVersion } from '../insight-cache.ts';
import { loadCategorised } from '../budget/ledger.ts';
import { dailyTotals } from '../energy/energy-report.ts';
import { energyData } from '../energy/energy-series.ts';
import { DAY_MS, LocalClock, dateOf } from '../energy/local-clock.ts';
import { mobilityData } from '../mobility/mobility-data.ts';
import { distancesByMode } from '../mobility/mobility-report.ts';
import { CATEGORY_FACTORS, FOOTPRINT_HEADING, MODE_SPENDING, factorById, transportFactorId, type EmissionFactor } from './emission-factors.ts';

const partSchema = z.object({
  heading: z.string(),
  /** `measured`: from meters and tracks; `spending`: from money spent, with a monetary factor. */
  basis: z.enum(['measured', 'spending']),
  /** What was counted: "electricity", "car", or a budget category id ("food.groceries"). */
  what: z.string(),
  quantity: z.number(),
  unit: z.string(),
  factorId: z.string(),
  kgPerUnit: z.number(),
  /** quantity × kgPerUnit. */
  kg: z.number(),
});

const totalsSchema = { totalKg: z.number(), measuredKg: z.number(), spendingKg: z.number(), measuredShare: z.number() };

/** Output of `insights.carbon`: kg CO2e, every part with the quantity and factor it comes from. */
export const carbonResultSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  ...totalsSchema,
  byHeading: z.array(z.object({ heading: z.string(), kg: z.number(), share: z.number() })),
  parts: z.array(partSchema),
  /** What the data shows but the estimate leaves out, and why. */
  notCounted: z.array(z.object({ what: z.string(), quantity: z.number(), unit: z.string(), reason: z.string() })),
  /** Calendar years within the period. */
  years: z.array(z.object({ year: z.string(), from: z.string(), to: z.string(), ...totalsSchema })),
  factors: z.array(z.object({ id: z.string(), kgCO2e: z.number(), unit: z.string(), label: z.string(), source: z.string(), year: z.number(), approximate: z.boolean().optional() })),
});
export type CarbonResult = z.infer<typeof carbonResultSchema>;
type Part = z.infer<typeof partSchema>;
type NotCounted = CarbonResult['notCounted'][number];

export interface CarbonOptions {
  from?: string;
  to?: string;
  timeZone?: string;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function part(heading: string, basis: Part['basis'], what: string, quantity: number, factor: EmissionFactor): Part {
  return { heading, basis, what, quantity: r3(quantity), unit: factor.unit, factorId: factor.id, kgPerUnit: factor.kgCO2e, kg: r3(r3(quantity) * factor.kgCO2e) };
}

/** The factor of a budget category: its own, else its nearest ancestor's; null when not consumption. */
function categoryFactor(category: string): string | null | undefined {
  const parts = category.split('.');
  for (let i = parts.length; i > 0; i--) {
    const id = parts.slice(0, i).join('.');
    if (id in CATEGORY_FACTORS) return CATEGORY_FACTORS[id];
  }
  return undefined;
}

/** The parts of the footprint over the local days [fromDay, toDay), kept per data version (a one-year period and its year are one computation). */
function footprintParts(store: RecordStore, clock: LocalClock, fromDay: number, toDay: number): Promise<{ parts: Part[]; notCounted: NotCounted[] }> {
  return cachedByVersion(store, `carbon:parts:${clock.timeZone}:${fromDay}:${toDay}`, () => computeParts(store, clock, fromDay, toDay));
}

async function computeParts(store: RecordStore, clock: LocalClock, fromDay: number, toDay: number): Promise<{ parts: Part[]; notCounted: NotCounted[] }> {
  const parts: Part[] = [];
  const notCounted: NotCounted[] = [];

  // Home energy, from the meters.
  const measured = new Set<string>();
  for (const s of (await energyData(store)).series) {
    if (s.direction !== 'consumption') continue;
    let wh = 0;
    for (const [day, t] of dailyTotals(s, clock)) if (day >= fromDay && day < toDay) wh += t.wh;
    if (wh <= 0) continue;
    if (s.commodity === 'electricity' || s.commodity === 'gas') {
      measured.add(s.commodity);
      parts.push(part('home energy', 'measured', s.commodity, wh / 1000, factorById(s.commodity === 'electricity' ? 'electricity.fr' : 'gas.network')));
    } else notCounted.push({ what: s.commodity, quantity: r3(wh / 1000), unit: 'kWh', reason: 'no emission factor for this commodity' });
  }

  // Spending by budget category (euros only).
  const spent = new Map<string, number>();
  let foreign = 0;
  for (const t of await loadCategorised(store, { from: dateOf(fromDay), to: dateOf(toDay) })) {
    if (t.currency !== 'EUR') {
      foreign++;
      continue;
    }
    spent.set(t.category, (spent.get(t.category) ?? 0) - t.amountMinor);
  }
  if (foreign > 0) notCounted.push({ what: 'transactions in other currencies', quantity: foreign, unit: 'transactions', reason: 'monetary factors are per euro' });
  const spentUnder = (category: string) => [...spent].reduce((n, [c, m]) => (c === category || c.startsWith(`${category}.`) ? n + m : n), 0);
  for (const [category, minor] of [...spent].sort(([a], [b]) => a.localeCompare(b))) {
    const factorId = categoryFactor(category);
    if (factorId === null || minor <= 0) continue;
    const euros = minor / 100;
    const commodity = category === 'energy.electricity' ? 'electricity' : category === 'energy.gas' ? 'gas' : null;
    if (commodity && measured.has(commodity)) {
      notCounted.push({ what: category, quantity: r3(euros), unit: 'EUR', reason: `the ${commodity} meter readings count it` });
      continue;
    }
    const heading = FOOTPRINT_HEADING[category.split('.')[0]!] ?? 'other';
    parts.push(part(heading, 'spending', category, euros, factorById(factorId ?? 'spend.average')));
  }

  // Transport, from tracks: per mode and factor; a mode the person also pays for through a
  // spending category (fuel, tickets) is counted there, not twice.
  const mob = await mobilityData(store);
  const startMs = clock.midnight(fromDay);
  const endMs = clock.midnight(toDay);
  const byFactor = new Map<string, { mode: string; km: number }>();
  for (const trip of mob.trips) {
    if (trip.startMs < startMs || trip.startMs >= endMs) continue;
    const km = trip.distanceM / 1000;
    const factorId = transportFactorId(trip.mode, km);
    const paidBy = MODE_SPENDING[trip.mode];
    const key = factorId === undefined ? `none:${trip.mode}` : paidBy && spentUnder(paidBy) > 0 ? `paid:${trip.mode}:${paidBy}` : factorId;
    const acc = byFactor.get(key) ?? { mode: trip.mode, km: 0 };
    acc.km += km;
    byFactor.set(key, acc);
  }
  for (const [key, { mode, km }] of byFactor) {
    if (key.startsWith('none:')) notCounted.push({ what: `${mode} trips`, quantity: r3(km), unit: 'km', reason: 'means of transport unknown' });
    else if (key.startsWith('paid:')) notCounted.push({ what: `${mode} trips`, quantity: r3(km), unit: 'km', reason: `counted through spending on ${key.split(':')[2]}` });
    else parts.push(part('transport', 'measured', mode, km, factorById(key)));
  }
  const legs = distancesByMode(mob, startMs, endMs).find((d) => d.from === 'visits');
  if (legs) notCounted.push({ what: 'moves between places without a track', quantity: legs.km, unit: 'km', reason: 'means of transport unknown' });
  return { parts, notCounted };
}

function totals(parts: Part[]): { totalKg: number; measuredKg: number; spendingKg: number; measuredShare: number } {
  const measuredKg = parts.filter((p) => p.basis === 'measured').reduce((n, p) => n + p.kg, 0);
  const spendingKg = parts.filter((p) => p.basis === 'spending').reduce((n, p) => n + p.kg, 0);
  const totalKg = measuredKg + spendingKg;
  return { totalKg: r3(totalKg), measuredKg: r3(measuredKg), spendingKg: r3(spendingKg), measuredShare: totalKg > 0 ? Math.round((measuredKg / totalKg) * 1000) / 1000 : 0 };
}

export async function carbonReport(store: RecordStore, opts: CarbonOptions = {}): Promise<CarbonResult> {
  const clock = new LocalClock(opts.timeZone ?? 'Europe/Paris');
  const series = (await energyData(store)).series;
  const lastMs = series.length ? Math.max(...series.map((s) => s.lastMs)) : Date.now();
  const { fromDay, toDay } = clock.period(opts, lastMs);
  const found = await footprintParts(store, clock, fromDay, toDay);
  const parts = [...found.parts];
  const notCounted = found.notCounted;
  const t = totals(parts);
  const headings = new Map<string, number>();
  for (const p of parts) headings.set(p.heading, (headings.get(p.heading) ?? 0) + p.kg);
  const years: CarbonResult['years'] = [];
  for (let y = new Date(fromDay * DAY_MS).getUTCFullYear(); Date.UTC(y, 0, 1) / DAY_MS < toDay; y++) {
    const a = Math.max(fromDay, Date.UTC(y, 0, 1) / DAY_MS);
    const b = Math.min(toDay, Date.UTC(y + 1, 0, 1) / DAY_MS);
    years.push({ year: String(y), from: dateOf(a), to: dateOf(b), ...totals((await footprintParts(store, clock, a, b)).parts) });
  }
  const used = new Set(parts.map((p) => p.factorId));
  return {
    period: { from: dateOf(fromDay), to: dateOf(toDay), timeZone: clock.timeZone },
    ...t,
    byHeading: [...headings].map(([heading, kg]) => ({ heading, kg: r3(kg), share: t.totalKg > 0 ? Math.round((kg / t.totalKg) * 1000) / 1000 : 0 })).sort((a, b) => b.kg - a.kg),
    parts: parts.sort((a, b) => b.kg - a.kg),
    notCounted,
    years,
    factors: [...used].sort().map((id) => factorById(id)),
  };
}

/** `insights.carbon`, cached per data version and input. */
export function carbonInsight(store: RecordStore, opts: CarbonOptions = {}): Promise<CarbonResult> {
  return cachedByVersion(store, `carbon:${JSON.stringify(opts)}`, () => carbonReport(store, opts));
}
