import { MesInfosError } from '../../domain/errors.ts';
import type { DerivedInsight } from '../../consent/projection.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { buildEnergyData, energyData, type EnergyData } from './energy-series.ts';
import { LocalClock, monthOf } from './local-clock.ts';
import { dailyTotals } from './energy-report.ts';
import { round3 } from './tariff.ts';
import { cachedByVersion } from '../insight-cache.ts';

/**
 * What an `energy.monthly` grant gives: monthly kWh (and m³ where the meter gives a
 * volume) per commodity and direction — never a reading, a meter id or an hour.
 */
export interface EnergyMonthly {
  timeZone: string;
  months: { month: string; commodity: string; direction: string; kWh: number; volumeM3?: number }[];
}

/** Monthly totals of the series, within [from, to) when given (instants, as a grant's filters hold them). */
export function monthlyTotals(data: EnergyData, timeZone: string, from?: string, to?: string): EnergyMonthly {
  const clock = new LocalClock(timeZone);
  // Whole local days inside [from, to) only: a day the window cuts is left out, so nothing
  // outside the granted range reaches the grantee.
  let fromDay = -Infinity;
  if (from) {
    const f = Date.parse(from);
    fromDay = clock.localDay(f);
    if (clock.midnight(fromDay) < f) fromDay++;
  }
  // The day holding `to` is cut by it (or starts at it): days before it only.
  const toDay = to ? clock.localDay(Date.parse(to)) : Infinity;
  const months: EnergyMonthly['months'] = [];
  for (const s of data.series) {
    const acc = new Map<string, { wh: number; m3: number }>();
    for (const [day, t] of dailyTotals(s, clock)) {
      if (day < fromDay || day >= toDay) continue;
      const m = monthOf(day);
      const a = acc.get(m) ?? { wh: 0, m3: 0 };
      a.wh += t.wh;
      a.m3 += t.m3;
      acc.set(m, a);
    }
    for (const [month, a] of [...acc.entries()].sort(([x], [y]) => x.localeCompare(y)))
      months.push({ month, commodity: s.commodity, direction: s.direction, kWh: round3(a.wh / 1000), ...(a.m3 > 0 ? { volumeM3: round3(a.m3) } : {}) });
  }
  return { timeZone, months };
}

async function dataFor(store: RecordStore, sources?: string[], meters?: string[]): Promise<EnergyData> {
  if (!sources && !meters) return energyData(store);
  return cachedByVersion(store, `energy:series:${JSON.stringify([sources ?? null, meters ?? null])}`, () => buildEnergyData(store, { ...(sources ? { sources } : {}), ...(meters ? { meters } : {}) }));
}

/** `energy.monthly`: monthly kWh per commodity, for a grant on `energy.reading` (its sources, meters and period apply). */
export const energyMonthly: DerivedInsight = async (store, scope) => {
  if (!scope.types.includes('energy.reading')) throw new MesInfosError('CONSENT_DENIED', 'The insight energy.monthly needs a grant on energy.reading.');
  const data = await dataFor(store, scope.filters.sources, scope.filters.accounts);
  return monthlyTotals(data, scope.timeZone ?? 'Europe/Paris', scope.filters.from, scope.filters.to);
};

/** The derived insights of this folder, by name, for the consent engine. */
export const energyDerived: Readonly<Record<string, DerivedInsight>> = { 'energy.monthly': energyMonthly };
