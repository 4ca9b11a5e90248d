import type { RecordStore } from '../../store/record-store.ts';
import { energyData } from './energy-series.ts';
import { LocalClock, dateOf } from './local-clock.ts';
import { costTariff, type Tariff, type TariffCost } from './tariff.ts';

/**
 * What a tariff would have cost on the person's own electricity readings over a period
 * (default: the last 12 months of readings), e.g. to compare an offer with what she pays.
 * Returns null when the vault holds no electricity consumption.
 *
 * Example: await quoteTariff(vault.store, { name: 'Offre X', currency: 'EUR',
 *   subscriptionMinorPerMonth: 1400, priceMinorPerKWh: 18.5 }, { from: '2025-01-01', to: '2026-01-01' })
 *   → { kWh: 5538.7, months: 12, subscriptionMinor: 16800, energyMinor: 102466, totalMinor: 119266, … }
 */
export async function quoteTariff(store: RecordStore, tariff: Tariff, period: { from?: string; to?: string; timeZone?: string } = {}): Promise<(TariffCost & { from: string; to: string }) | null> {
  const series = (await energyData(store)).series.find((s) => s.commodity === 'electricity' && s.direction === 'consumption');
  if (!series) return null;
  const clock = new LocalClock(period.timeZone ?? 'Europe/Paris');
  const { fromDay, toDay } = clock.period(period, series.lastMs);
  return { ...costTariff(series, tariff, clock, fromDay, toDay), from: dateOf(fromDay), to: dateOf(toDay) };
}
