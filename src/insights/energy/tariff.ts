import { z } from 'zod';
import type { EnergySeries } from './energy-series.ts';
import { FINE } from './energy-series.ts';
import { monthsBetween, type LocalClock } from './local-clock.ts';
import { OffPeakWindow } from './off-peak-window.ts';
import { walkSlots } from './slot-walk.ts';

/**
 * An electricity tariff: a subscription per month plus a price per kWh, or two prices
 * (off-peak / peak) with the off-peak windows in local time. Prices are in minor units
 * per kWh and may hold decimals (19.52 = 0.1952 €/kWh); costs are rounded to whole minor
 * units at the end only.
 */
export const tariffSchema = z.object({
  name: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  subscriptionMinorPerMonth: z.number().nonnegative(),
  priceMinorPerKWh: z.number().nonnegative(),
  offPeak: z
    .object({
      windows: z.array(z.string()).min(1),
      offPeakPriceMinorPerKWh: z.number().nonnegative(),
      peakPriceMinorPerKWh: z.number().nonnegative(),
    })
    .optional(),
  /** Where the figures come from and since when they apply. */
  source: z.string().optional(),
  validFrom: z.string().optional(),
});
export type Tariff = z.infer<typeof tariffSchema>;

/**
 * The default: EDF's regulated "Tarif Bleu", option Base, 6 kVA, all taxes included, as
 * it applies from 1 August 2025: 185.64 € a year of subscription (15.47 € a month) and
 * 0.1952 € per kWh. (The same tariff's off-peak option prices 0.2081 € peak and 0.1635 €
 * off-peak per kWh.) Regulated prices change about twice a year: pass your own tariff.
 */
export const DEFAULT_TARIFF: Tariff = {
  name: 'Tarif Bleu EDF, option Base, 6 kVA (TTC)',
  currency: 'EUR',
  subscriptionMinorPerMonth: 1547,
  priceMinorPerKWh: 19.52,
  source: 'Tarif réglementé de vente (TRVE) Tarif Bleu, grille au 1er août 2025, as published by EDF and price comparators (checked 2025-08-07)',
  validFrom: '2025-08-01',
};

export const tariffCostSchema = z.object({
  tariff: z.string(),
  currency: z.string(),
  kWh: z.number(),
  /** With off-peak prices: the split used. Energy from daily or monthly readings (no hours) is split like the hourly part, or by the windows' share of the day when there is none. */
  offPeakKWh: z.number().optional(),
  peakKWh: z.number().optional(),
  months: z.number(),
  subscriptionMinor: z.number().int(),
  energyMinor: z.number().int(),
  totalMinor: z.number().int(),
});
export type TariffCost = z.infer<typeof tariffCostSchema>;

/**
 * What a tariff would have cost over the local days [fromDay, toDay) of a series: the
 * subscription for the months of the period (a part month counts its share of days)
 * plus the energy at the tariff's prices.
 *
 * Example: costTariff(electricity, DEFAULT_TARIFF, clock, day('2025-01-01'), day('2026-01-01'))
 *   → { kWh: 4213.5, months: 12, subscriptionMinor: 18564, energyMinor: 82248, totalMinor: 100812, … }
 */
export function costTariff(series: EnergySeries, tariff: Tariff, clock: LocalClock, fromDay: number, toDay: number): TariffCost {
  let wh = 0;
  let offWh = 0;
  let fineWh = 0;
  const window = tariff.offPeak ? OffPeakWindow.parse(tariff.offPeak.windows) : null;
  walkSlots(series, clock, fromDay, toDay, (v) => {
    wh += v.wh;
    if (window && v.state === FINE) {
      fineWh += v.wh;
      if (window.contains(v.minute)) offWh += v.wh;
    }
  });
  const months = monthsBetween(fromDay, toDay);
  const subscription = months * tariff.subscriptionMinorPerMonth;
  const kWh = wh / 1000;
  if (!window || !tariff.offPeak) {
    const energy = kWh * tariff.priceMinorPerKWh;
    return { tariff: tariff.name, currency: tariff.currency, kWh: round3(kWh), months: round3(months), subscriptionMinor: Math.round(subscription), energyMinor: Math.round(energy), totalMinor: Math.round(subscription + energy) };
  }
  const share = fineWh > 0 ? offWh / fineWh : window.hoursPerDay() / 24;
  const offPeakKWh = offWh / 1000 + ((wh - fineWh) / 1000) * share;
  const peakKWh = kWh - offPeakKWh;
  const energy = offPeakKWh * tariff.offPeak.offPeakPriceMinorPerKWh + peakKWh * tariff.offPeak.peakPriceMinorPerKWh;
  return {
    tariff: tariff.name,
    currency: tariff.currency,
    kWh: round3(kWh),
    offPeakKWh: round3(offPeakKWh),
    peakKWh: round3(peakKWh),
    months: round3(months),
    subscriptionMinor: Math.round(subscription),
    energyMinor: Math.round(energy),
    totalMinor: Math.round(subscription + energy),
  };
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
