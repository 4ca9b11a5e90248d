import type { RecordStore } from '../../store/record-store.ts';
import { isUnder } from './categories.ts';
import { cachedByVersion } from '../insight-cache.ts';
import { loadCategorised, type CategorisedTx } from './ledger.ts';

/**
 * Recurring payments and subscriptions, found in the whole history: payments with the
 * same label key (label-key.ts), direction and currency, at least three of them, whose
 * intervals are regular (three quarters within a tolerance of their median) and whose
 * amounts are steady (the median change from one payment to the next is at most 35 %).
 * Transfers between the person's own accounts are left out. A series is `ended` when its
 * next payment is overdue by more than the grace (a third of the period, from 10 to 45 days)
 * at `asOf` (default: the latest booking date in the vault).
 */

export type Period = 'weekly' | 'fortnightly' | 'monthly' | 'bimonthly' | 'quarterly' | 'yearly';

const PERIODS: { period: Period; days: number; min: number; max: number }[] = [
  { period: 'weekly', days: 7, min: 6, max: 8 },
  { period: 'fortnightly', days: 14, min: 13, max: 16 },
  { period: 'monthly', days: 30.44, min: 26, max: 35 },
  { period: 'bimonthly', days: 60.9, min: 54, max: 68 },
  { period: 'quarterly', days: 91.3, min: 84, max: 99 },
  { period: 'yearly', days: 365.25, min: 345, max: 385 },
];

export interface RecurringSeries {
  key: string;
  /** The latest payment's label. */
  label: string;
  category: string;
  direction: 'in' | 'out';
  currency: string;
  period: Period;
  /** Median interval between payments, in days. */
  periodDays: number;
  occurrences: number;
  first: string;
  last: string;
  /** Latest amount, positive. */
  amountMinor: number;
  averageMinor: number;
  /** Change between the first and the latest payment (means of up to three at each end when amounts vary). */
  drift: { firstMinor: number; lastMinor: number; changeMinor: number; changePct: number | null };
  /** Price changes (dates the amount changed), for fixed-price series; empty when the amount varies every time. */
  changes: { date: string; fromMinor: number; toMinor: number }[];
  status: 'active' | 'ended';
  nextExpected: string | null;
  transactionIds: string[];
}

export interface RecurringResult {
  asOf: string | null;
  currency: string;
  /** What the active outgoing series cost per month (each normalised to 30.44 days), in the main currency. */
  monthlyCostMinor: number;
  series: RecurringSeries[];
}

const DAY = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number) => new Date(Math.round(day) * DAY).toISOString().slice(0, 10);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** One group's series, or undefined when it is not regular enough. */
export function seriesOf(key: string, txs: readonly CategorisedTx[], asOf: string): RecurringSeries | undefined {
  if (txs.length < 3) return undefined;
  const days = txs.map((t) => dayOf(t.date));
  const gaps = days.slice(1).map((d, i) => d - days[i]!).filter((g) => g > 0);
  if (gaps.length < 2) return undefined;
  const m = median(gaps);
  const p = PERIODS.find((x) => m >= x.min && m <= x.max);
  if (!p) return undefined;
  const tolerance = Math.max(3, p.days * 0.2);
  if (gaps.filter((g) => Math.abs(g - m) <= tolerance).length < gaps.length * 0.75) return undefined;
  const amounts = txs.map((t) => Math.abs(t.amountMinor));
  const steps = amounts.slice(1).map((a, i) => Math.abs(a - amounts[i]!) / Math.max(1, amounts[i]!));
  if (median(steps) > 0.35) return undefined;
  const variable = new Set(amounts).size > amounts.length / 2;
  const changes: RecurringSeries['changes'] = [];
  if (!variable) for (let i = 1; i < amounts.length; i++) if (amounts[i] !== amounts[i - 1]) changes.push({ date: txs[i]!.date, fromMinor: amounts[i - 1]!, toMinor: amounts[i]! });
  const firstMinor = variable ? Math.round(mean(amounts.slice(0, 3))) : amounts[0]!;
  const lastMinor = variable ? Math.round(mean(amounts.slice(-3))) : amounts[amounts.length - 1]!;
  const lastDay = days[days.length - 1]!;
  const ended = dayOf(asOf) > lastDay + m + Math.max(10, Math.min(45, m / 3));
  const latest = txs[txs.length - 1]!;
  return {
    key,
    label: latest.label,
    category: latest.category,
    direction: latest.amountMinor >= 0 ? 'in' : 'out',
    currency: latest.currency,
    period: p.period,
    periodDays: Math.round(m * 10) / 10,
    occurrences: txs.length,
    first: txs[0]!.date,
    last: latest.date,
    amountMinor: amounts[amounts.length - 1]!,
    averageMinor: Math.round(mean(amounts)),
    drift: { firstMinor, lastMinor, changeMinor: lastMinor - firstMinor, changePct: firstMinor ? Math.round(((lastMinor - firstMinor) / firstMinor) * 1000) / 10 : null },
    changes,
    status: ended ? 'ended' : 'active',
    nextExpected: ended ? null : dateOf(lastDay + m),
    transactionIds: txs.map((t) => t.id),
  };
}

/** Recurring series among transactions (oldest first), judged at `asOf` (default: the latest booking date). */
export function recurringOf(txs: readonly CategorisedTx[], q: { asOf?: string; includeEnded?: boolean } = {}): RecurringResult {
  const asOf = q.asOf ?? txs[txs.length - 1]?.date ?? null;
  const groups = new Map<string, CategorisedTx[]>();
  for (const t of txs) {
    if (isUnder(t.category, 'transfers') || t.amountMinor === 0) continue;
    const k = `${t.amountMinor > 0 ? 'in' : 'out'}|${t.currency}|${t.key}`;
    const g = groups.get(k);
    if (g) g.push(t);
    else groups.set(k, [t]);
  }
  const series: RecurringSeries[] = [];
  if (asOf)
    for (const [k, g] of groups) {
      const s = seriesOf(k, g.filter((t) => t.date <= asOf), asOf);
      if (s && (q.includeEnded !== false || s.status === 'active')) series.push(s);
    }
  series.sort((a, b) => (a.status === b.status ? b.amountMinor - a.amountMinor : a.status === 'active' ? -1 : 1));
  const currency = txs[txs.length - 1]?.currency ?? 'EUR';
  const monthlyCostMinor = Math.round(
    series.filter((s) => s.status === 'active' && s.direction === 'out' && s.currency === currency).reduce((sum, s) => sum + (s.amountMinor * 30.44) / s.periodDays, 0),
  );
  return { asOf, currency, monthlyCostMinor, series };
}

/** Recurring payments over the person's whole history. Cached until the next commit. */
export function detectRecurring(store: RecordStore, q: { asOf?: string; includeEnded?: boolean } = {}): Promise<RecurringResult> {
  return cachedByVersion(store, `budget.recurring:${q.asOf ?? ''}:${q.includeEnded === false ? 0 : 1}`, async () => recurringOf(await loadCategorised(store), q));
}
