import { z } from 'zod';
import { moneySchema, type Money } from '../domain/money.ts';
import type { RecordData } from '../domain/record.ts';
import { cachedByVersion } from '../insights/insight-cache.ts';
import { contractSchema } from '../domain/types/finance.ts';
import { documentSchema } from '../domain/types/commerce.ts';
import { offsetAt, zonedToInstant } from '../domain/time.ts';
import { LocalClock, monthOf } from '../insights/energy/local-clock.ts';
import type { RecordStore } from '../store/record-store.ts';
import type { Commodity } from './energy-usage.ts';
import { priceTimes, roundedMoney, type MobileMonth } from './tariff-cost.ts';

/**
 * What the comparisons and the disclosed profile read from the vault, through the
 * RecordStore port: the last twelve whole months of the person's own data, mobile usage
 * per month, the contracts in force and the bills paid (energy: see energy-usage.ts).
 */

/** Twelve whole local months: [fromMs, toMs), with their labels ("2025-11" … "2026-10"). */
export interface Period {
  fromMs: number;
  toMs: number;
  months: string[];
}

function localParts(ms: number, timeZone: string): { year: number; month: number; day: number; minute: number } {
  const d = new Date(ms + offsetAt(ms, timeZone) * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), minute: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

function monthStartMs(year: number, month: number, timeZone: string): number {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return Date.parse(zonedToInstant({ year: y, month: m, day: 1, hour: 0, minute: 0 }, timeZone).instant);
}

/** The twelve whole local months that end at or before `lastMs` (the end of the latest data). */
export function twelveMonthsBefore(lastMs: number, timeZone: string): Period {
  const p = localParts(lastMs, timeZone);
  const toMs = monthStartMs(p.year, p.month, timeZone);
  const fromMs = monthStartMs(p.year, p.month - 12, timeZone);
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const ms = monthStartMs(p.year, p.month - 12 + i, timeZone);
    const lp = localParts(ms, timeZone);
    months.push(`${lp.year}-${String(lp.month).padStart(2, '0')}`);
  }
  return { fromMs, toMs, months };
}

/**
 * The period without its months before the data begins: when the first reading (at
 * `firstMs`) falls inside the period, it starts at the first whole local month from then
 * on, so an offer is never costed on months the vault has no readings for. Unchanged when
 * the data covers the whole period. Example: Oct 2025 – Sep 2026 with readings from 3 Nov
 * 2025 → Dec 2025 – Sep 2026 (10 months).
 */
export function trimmedToData(period: Period, firstMs: number, timeZone: string): Period {
  if (firstMs <= period.fromMs) return period;
  const p = localParts(firstMs, timeZone);
  const atMonthStart = monthStartMs(p.year, p.month, timeZone) === firstMs;
  const fromMs = atMonthStart ? firstMs : monthStartMs(p.year, p.month + 1, timeZone);
  const first = localParts(fromMs, timeZone);
  const firstMonth = `${first.year}-${String(first.month).padStart(2, '0')}`;
  const months = period.months.filter((m) => m >= firstMonth);
  return { fromMs: Math.min(fromMs, period.toMs), toMs: period.toMs, months };
}

/** Mobile usage per local month of the period (outgoing calls and messages, all data). */
export function mobileMonthsIn(store: RecordStore, period: Period, timeZone: string): Promise<MobileMonth[]> {
  return cachedByVersion(store, `vrm:mobile:${period.fromMs}:${period.toMs}:${timeZone}`, async () => {
    const months = new Map(period.months.map((m) => [m, { month: m, dataBytes: 0, callSeconds: 0, sms: 0 }]));
    // The energy insight's clock asks the zone's offset once per day, not once per record.
    const clock = new LocalClock(timeZone);
    for await (const r of store.iterate({ types: ['telecom.usage'], from: new Date(period.fromMs).toISOString(), to: new Date(period.toMs).toISOString() })) {
      const d = r.data as RecordData<'telecom.usage'>;
      const m = months.get(monthOf(clock.localDay(Date.parse(d.start))));
      if (!m) continue;
      const outgoing = d.direction !== 'incoming';
      if (d.kind === 'data') m.dataBytes += d.dataBytes ?? 0;
      else if (d.kind === 'call' && outgoing) m.callSeconds += d.durationS ?? 0;
      else if ((d.kind === 'sms' || d.kind === 'mms') && outgoing) m.sms += d.count ?? 1;
    }
    return [...months.values()];
  });
}

/** When the mobile usage records begin and end, or undefined without any. */
export async function usageSpan(store: RecordStore): Promise<{ firstMs: number; lastMs: number } | undefined> {
  const [first, last] = await Promise.all([store.query({ types: ['telecom.usage'], order: 'asc', limit: 1 }), store.query({ types: ['telecom.usage'], order: 'desc', limit: 1 })]);
  const a = first.records[0];
  const b = last.records[0];
  return a && b ? { firstMs: Date.parse(a.occurredAt), lastMs: Date.parse(b.occurredAt) } : undefined;
}

export type ContractData = z.infer<typeof contractSchema>;

/** Which contract terms mark the contract that supplies a commodity or a line. */
export type SupplyKind = Commodity | 'mobile';
function supplies(c: ContractData, kind: SupplyKind): boolean {
  if (kind === 'electricity') return c.kind === 'energy' && ('prm' in c.terms || 'contractedPowerKVA' in c.terms);
  if (kind === 'gas') return c.kind === 'energy' && 'pce' in c.terms;
  return c.kind === 'telecom' && 'line' in c.terms;
}

/** The contracts of that kind in force during the period (or still active), with their source. */
export async function contractsFor(store: RecordStore, kind: SupplyKind, period: Period): Promise<{ source: string; data: ContractData }[]> {
  const out: { source: string; data: ContractData }[] = [];
  for await (const r of store.iterate({ types: ['contract'] })) {
    const p = contractSchema.safeParse(r.data);
    if (!p.success || !supplies(p.data, kind)) continue;
    const ended = p.data.endDate !== undefined && Date.parse(`${p.data.endDate}T23:59:59Z`) < period.fromMs;
    if (!ended && p.data.status !== 'pending') out.push({ source: r.source, data: p.data });
  }
  return out;
}

/**
 * The end of the last month the suppliers billed (the local midnight after it), or
 * undefined without bills: a comparison stops there so that it sets twelve billed months
 * against twelve simulated ones, not a month not yet billed.
 */
export async function lastBilledMonthEnd(store: RecordStore, sources: readonly string[], timeZone: string): Promise<number | undefined> {
  if (sources.length === 0) return undefined;
  let latest: string | undefined;
  const page = await store.query({ types: ['document'], sources: [...sources], order: 'desc', limit: 100 });
  for (const r of page.records) {
    const p = documentSchema.safeParse(r.data);
    if (!p.success || p.data.kind !== 'bill') continue;
    const start = p.data.periodStart ?? p.data.issuedOn;
    if (!latest || start > latest) latest = start;
  }
  if (!latest) return undefined;
  return monthStartMs(Number(latest.slice(0, 4)), Number(latest.slice(5, 7)) + 1, timeZone);
}

/**
 * What the person paid those suppliers for the period: bills (documents of kind `bill`
 * from the suppliers' sources) whose period starts in it. Bills are issued after the
 * period, so documents up to 62 days after its end are read.
 */
export async function billsPaid(store: RecordStore, sources: readonly string[], period: Period): Promise<{ total: Money; count: number } | undefined> {
  if (sources.length === 0) return undefined;
  let currency: string | undefined;
  let minor = 0;
  let count = 0;
  const months = new Set(period.months);
  for await (const r of store.iterate({ types: ['document'], sources: [...sources], from: new Date(period.fromMs).toISOString(), to: new Date(period.toMs + 62 * 86_400_000).toISOString() })) {
    const p = documentSchema.safeParse(r.data);
    if (!p.success || p.data.kind !== 'bill' || !p.data.amount) continue;
    const start = p.data.periodStart ?? p.data.issuedOn;
    if (!months.has(start.slice(0, 7))) continue;
    const a = moneySchema.parse(p.data.amount);
    if (currency !== undefined && currency !== a.currency) return undefined;
    currency = a.currency;
    minor += priceTimes(1, a, a.currency);
    count++;
  }
  return currency ? { total: roundedMoney(minor, currency), count } : undefined;
}
