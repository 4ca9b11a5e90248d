import type { Money } from '../domain/money.ts';
import type { RecordStore } from '../store/record-store.ts';
import type { IntentCategory } from './intent-schema.ts';
import type { Comparison, Price } from './offer-schema.ts';
import { latestEnergyEnd, quoteEnergy } from './energy-usage.ts';
import { costMobilePlan, priceTimes, roundedMoney } from './tariff-cost.ts';
import { billsPaid, contractsFor, lastBilledMonthEnd, latestUsageAt, mobileMonthsIn, twelveMonthsBefore, type Period, type SupplyKind } from './usage-data.ts';

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
 * The twelve months to compare: the last whole months of data, stopping at the last month
 * the current suppliers billed, so that both figures cover the same months.
 */
async function comparedPeriod(store: RecordStore, kind: SupplyKind, lastDataMs: number, timeZone: string): Promise<{ period: Period; sources: string[] }> {
  const sources = [...new Set((await contractsFor(store, kind, twelveMonthsBefore(lastDataMs, timeZone))).map((c) => c.source))];
  const billed = await lastBilledMonthEnd(store, sources, timeZone);
  return { period: twelveMonthsBefore(billed === undefined ? lastDataMs : Math.min(lastDataMs, billed), timeZone), sources };
}

/** What the person paid: the suppliers' bills, else the current contract's price × months. */
async function actualPaid(store: RecordStore, kind: SupplyKind, period: Period): Promise<{ actual: Money | null; basis: string }> {
  const contracts = await contractsFor(store, kind, period);
  const bills = await billsPaid(store, [...new Set(contracts.map((c) => c.source))], period);
  if (bills) return { actual: bills.total, basis: `${bills.count} bills from the current supplier for these months` };
  const priced = contracts.find((c) => c.data.price && c.data.period === 'month');
  if (priced?.data.price) {
    const cur = priced.data.price.currency;
    return { actual: roundedMoney(priceTimes(period.months.length, priced.data.price, cur), cur), basis: 'the current contract’s monthly price × 12 (no bills in the vault)' };
  }
  return { actual: null, basis: 'no bills and no priced contract in the vault' };
}

/** The simulated cost beside what the person paid over the same period. */
async function sideBySide(store: RecordStore, kind: SupplyKind, period: Period, simulated: Money, usage: Record<string, number>, notes: string[]): Promise<Comparison> {
  const paid = await actualPaid(store, kind, period);
  return { period: periodOut(period), simulated, actual: paid.actual, actualBasis: paid.basis, difference: difference(simulated, paid.actual), usage, notes };
}

export async function compareOffer(store: RecordStore, category: IntentCategory, price: Price, opts: ComparisonOptions): Promise<Comparison> {
  if (price.kind === 'energy') {
    const commodity = category === 'gas-supply' ? 'gas' : 'electricity';
    const last = await latestEnergyEnd(store, commodity);
    if (last === undefined) return none(`no ${commodity} readings in the vault`);
    const { period } = await comparedPeriod(store, commodity, last, opts.timeZone);
    const cost = await quoteEnergy(store, commodity, opts.name, price, period, opts.timeZone);
    if (!cost) return none(`no ${commodity} readings in the vault`);
    return sideBySide(store, commodity, period, cost.amount, { kWh: cost.kWh, offPeakKWh: cost.offPeakKWh }, cost.kWh === 0 ? [`no ${commodity} consumption in ${period.months[0]}…${period.months[11]}`] : []);
  }
  if (price.kind === 'mobile') {
    const last = await latestUsageAt(store);
    if (last === undefined) return none('no mobile usage records in the vault');
    const { period } = await comparedPeriod(store, 'mobile', last, opts.timeZone);
    const months = await mobileMonthsIn(store, period, opts.timeZone);
    const cost = costMobilePlan(months, price);
    const usage = {
      dataGB: Math.round((months.reduce((s, m) => s + m.dataBytes, 0) / 1e9) * 1000) / 1000,
      callMinutes: Math.round(months.reduce((s, m) => s + m.callSeconds, 0) / 60),
      sms: months.reduce((s, m) => s + m.sms, 0),
      monthsOverAllowance: cost.monthsOverAllowance,
    };
    return sideBySide(store, 'mobile', period, cost.amount, usage, cost.monthsOverAllowance > 0 ? [`${cost.monthsOverAllowance} of 12 months went beyond the plan’s allowances`] : []);
  }
  const cur = price.perMonth.currency;
  return { ...none('no usage data to compare for this category: twelve monthly payments shown'), simulated: roundedMoney(priceTimes(12, price.perMonth, cur), cur) };
}

function none(note: string): Comparison {
  return { period: { from: '', to: '' }, simulated: null, actual: null, actualBasis: 'none', difference: null, usage: {}, notes: [note] };
}
