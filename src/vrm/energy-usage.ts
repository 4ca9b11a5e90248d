import { energyInsight } from '../insights/energy/energy-report.ts';
import { energyData } from '../insights/energy/energy-series.ts';
import { LocalClock } from '../insights/energy/local-clock.ts';
import { costTariff, type Tariff } from '../insights/energy/tariff.ts';
import { quoteTariff } from '../insights/energy/tariff-quote.ts';
import type { Money } from '../domain/money.ts';
import type { RecordStore } from '../store/record-store.ts';
import type { EnergyPrice } from './offer-schema.ts';
import { priceTimes, roundedMoney } from './tariff-cost.ts';
import type { Period } from './usage-data.ts';

/**
 * The person's electricity and gas as the energy insight (src/insights/energy/) reads
 * them: one series per commodity, overlapping readings counted once, cached per data
 * version. The VRM asks it for the end of the data, the kWh and off-peak share of a
 * period, and what an offer's price structure would have cost over it.
 */

export type Commodity = 'electricity' | 'gas';

/** The local dates [from, to) of a period of whole months, as the energy insight takes them. */
export function periodDates(p: Period): { from: string; to: string } {
  const last = p.months[p.months.length - 1]!;
  const [y, m] = [Number(last.slice(0, 4)), Number(last.slice(5, 7))];
  return { from: `${p.months[0]}-01`, to: m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01` };
}

async function seriesOf(store: RecordStore, commodity: Commodity) {
  return (await energyData(store)).series.find((s) => s.commodity === commodity && s.direction === 'consumption');
}

/** When a commodity's readings begin and end (the consumption series), or undefined without any. */
export async function energySpan(store: RecordStore, commodity: Commodity): Promise<{ firstMs: number; lastMs: number } | undefined> {
  const s = await seriesOf(store, commodity);
  return s ? { firstMs: s.firstMs, lastMs: s.lastMs } : undefined;
}

/** kWh over the period, and the share used in the window (from intraday readings; null without them). */
export async function energyOver(store: RecordStore, commodity: Commodity, period: Period, timeZone: string, offPeak: string): Promise<{ kWh: number; offPeakShare: number | null } | undefined> {
  const r = await energyInsight(store, { ...periodDates(period), timeZone, offPeak: [offPeak] });
  const s = r.series.find((x) => x.commodity === commodity && x.direction === 'consumption');
  return s ? { kWh: s.kWh, offPeakShare: s.intraday?.offPeak.share ?? null } : undefined;
}

/** An offer's price as the energy insight's Tariff (minor units per kWh, decimals kept). */
export function tariffOf(name: string, p: EnergyPrice): Tariff {
  const currency = p.subscriptionPerMonth.currency;
  return {
    name,
    currency,
    subscriptionMinorPerMonth: priceTimes(1, p.subscriptionPerMonth, currency),
    priceMinorPerKWh: priceTimes(1, p.pricePerKWh, currency),
    ...(p.offPeak
      ? { offPeak: { windows: [`${p.offPeak.window.from}-${p.offPeak.window.to}`], offPeakPriceMinorPerKWh: priceTimes(1, p.offPeak.pricePerKWh, currency), peakPriceMinorPerKWh: priceTimes(1, p.pricePerKWh, currency) } }
      : {}),
  };
}

/**
 * What the price would have cost over the period on the person's readings: electricity
 * through the energy insight's quote (off-peak split on the half-hour load curve), gas
 * through its tariff costing of the gas series. Undefined without readings.
 */
export async function quoteEnergy(store: RecordStore, commodity: Commodity, name: string, price: EnergyPrice, period: Period, timeZone: string): Promise<{ amount: Money; kWh: number; offPeakKWh: number } | undefined> {
  const tariff = tariffOf(name, price);
  const dates = periodDates(period);
  let cost;
  if (commodity === 'electricity') cost = await quoteTariff(store, tariff, { ...dates, timeZone });
  else {
    const series = await seriesOf(store, commodity);
    const clock = new LocalClock(timeZone);
    cost = series ? costTariff(series, tariff, clock, clock.dayOf(dates.from), clock.dayOf(dates.to)) : null;
  }
  if (!cost) return undefined;
  return { amount: roundedMoney(cost.totalMinor, tariff.currency), kWh: cost.kWh, offPeakKWh: cost.offPeakKWh ?? 0 };
}
