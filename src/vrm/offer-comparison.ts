import type { Money } from '../domain/money.ts';
import type { RecordStore } from '../store/record-store.ts';
import type { IntentCategory } from './intent-schema.ts';
import type { Comparison, Price } from './offer-schema.ts';
import { energySpan, quoteEnergy } from './energy-usage.ts';
import { costMobilePlan, priceTimes, roundedMoney } from './tariff-cost.ts';
import { billsPaid, contractsFor, lastBilledMonthEnd, mobileMonthsIn, trimmedToData, usageSpan, twelveMonthsBefore, type Period, type SupplyKind } from './usage-data.ts';

/**
 * What an offer would have cost on the person's own last twelve whole months, next to
 * what they actually paid: energy offers over the real interval readings, mobile plans
 * over the operator's usage records. Computed in the vault; vendors never see it.
 */
export interface ComparisonOptions {
  timeZone: string;
  /** The offer's name, for the tariff the energy insight costs. */
  name: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const periodOut = (p: Period) => ({ from: iso(p.fromMs), to: iso(p.toMs) });

function difference(simulated: Money | null, actual: Money | null): Money | null {
  if (!simulated || !actual || simulated.currency !== actual.currency) return null;
  return { amountMinor: simulated.amountMinor - actual.amountMinor, currency: simulated.currency };
}

/**
 * The months to compare: the last twelve whole months of data, stopping at the last month
 * the current suppliers billed, so that both figures cover the same months — fewer when the
 * data begins inside them (see trimmedToData).
 */
async function comparedPeriod(store: RecordStore, kind: SupplyKind, data: { firstMs: number; lastMs: number }, timeZone: string): Promise<{ period: Period; sources: string[] }> {
  const sources = [...new Set((await contractsFor(store, kind, twelveMonthsBefore(data.lastMs, timeZone))).map((c) => c.source))];
  const billed = await lastBilledMonthEnd(store, sources, timeZone);
  const twelve = twelveMonthsBefore(billed === undefined ? data.lastMs : Math.min(data.lastMs, billed), timeZone);
  return { period: trimmedToData(twelve, data.firstMs, timeZone), sources };
}

/** A note when the data covers fewer than twelve months of the period. */
const shortNote = (period: Period): string[] =>
  period.months.length < 12 ? [`the data covers only ${period.months.length} whole months (${period.months[0] ?? '—'} to ${period.months.at(-1) ?? '—'}): both figures are for those months`] : [];

/** What the person paid: the suppliers' bills, else the current contract's price × months. */
async function actualPaid(store: RecordStore, kind: SupplyKind, period: Period): Promise<{ actual: Money | null; basis: string }> {
  const contracts = await contractsFor(store, kind, period);
  const bills = await billsPaid(store, [...new Set(contracts.map((c) => c.source))], period);
  if (bills) return { actual: bills.total, basis: `${bills.count} bills from the current supplier for these months` };
  const priced = contracts.find((c) => c.data.price && c.data.period === 'month');
  if (priced?.data.price) {
    const cur = priced.data.price.currency;
    return { actual: roundedMoney(priceTimes(period.months.length, priced.data.price, cur), cur), basis: `the current contract’s monthly price × ${period.months.length} (no bills in the vault)` };
  }
  return { actual: null, basis: 'no bills and no priced contract in the vault' };
}

/** The simulated cost beside what the person paid over the same period. */
async function sideBySide(store: RecordStore, kind: SupplyKind, period: Period, simulated: Money, usage: Record<string, number>, notes: string[]): Promise<Comparison> {
  const paid = await actualPaid(store, kind, period);
  return { period: periodOut(period), simulated, actual: paid.actual, actualBasis: paid.basis, difference: difference(simulated, paid.actual), usage, notes: [...shortNote(period), ...notes] };
}

export async function compareOffer(store: RecordStore, category: IntentCategory, price: Price, opts: ComparisonOptions): Promise<Comparison> {
  if (price.kind === 'energy') {
    const commodity = category === 'gas-supply' ? 'gas' : 'electricity';
    const span = await energySpan(store, commodity);
    if (span === undefined || span.lastMs <= span.firstMs) return none(`no ${commodity} readings in the vault`);
    const { period } = await comparedPeriod(store, commodity, span, opts.timeZone);
    if (period.months.length === 0) return none(`the ${commodity} readings do not cover a whole month yet`);
    const cost = await quoteEnergy(store, commodity, opts.name, price, period, opts.timeZone);
    if (!cost) return none(`no ${commodity} readings in the vault`);
    return sideBySide(store, commodity, period, cost.amount, { kWh: cost.kWh, offPeakKWh: cost.offPeakKWh }, cost.kWh === 0 ? [`no ${commodity} consumption in ${period.months[0]}…${period.months.at(-1)}`] : []);
  }
  if (price.kind === 'mobile') {
    const span = await usageSpan(store);
    if (span === undefined) return none('no mobile usage records in the vault');
    const { period } = await comparedPeriod(store, 'mobile', span, opts.timeZone);
    if (period.months.length === 0) return none('the mobile usage records do not cover a whole month yet');
    const months = await mobileMonthsIn(store, period, opts.timeZone);
    const cost = costMobilePlan(months, price);
    const usage = {
      dataGB: Math.round((months.reduce((s, m) => s + m.dataBytes, 0) / 1e9) * 1000) / 1000,
      callMinutes: Math.round(months.reduce((s, m) => s + m.callSeconds, 0) / 60),
      sms: months.reduce((s, m) => s + m.sms, 0),
      monthsOverAllowance: cost.monthsOverAllowance,
    };
    return sideBySide(store, 'mobile', period, cost.amount, usage, cost.monthsOverAllowance > 0 ? [`${cost.monthsOverAllowance} of ${period.months.length} months went beyond the plan’s allowances`] : []);
  }
  const cur = price.perMonth.currency;
  return { ...none('no usage data to compare for this category: twelve monthly payments shown'), simulated: roundedMoney(priceTimes(12, price.perMonth, cur), cur) };
}

function none(note: string): Comparison {
  return { period: { from: '', to: '' }, simulated: null, actual: null, actualBasis: 'none', difference: null, usage: {}, notes: [note] };
}
