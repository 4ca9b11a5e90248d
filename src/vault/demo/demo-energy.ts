import type { ConnectorRecord } from '../../connectors/connector.ts';
import { leaseAt, type DemoPlan } from './demo-plan.ts';
import type { RoutineBook } from './demo-routine.ts';
import { ORGS } from './demo-persona.ts';
import { hash32, unitHash } from './prng.ts';
import { dayNumberOf, parisEpochMs, parisLocal, parisOffset, partsOf } from './demo-time.ts';

/**
 * The home's energy: a 30-minute electricity load curve (as Enedis publishes it for a
 * Linky meter) and monthly gas volumes. Every value is a pure function of the plan, the
 * routine and the slot, so the supplier's bill can be computed from exactly the same
 * numbers as the readings without keeping 175,000 readings in memory.
 *
 * Shape: a night base load of 150–300 W (fridge, standby), a morning peak before work,
 * an evening peak (cooking, lights, screens), washing machine runs, and electric heating
 * that follows the outdoor temperature (Lyon: ~3 °C in January, ~22 °C in July) with a
 * thermostat set back at night, when she is out, and to frost protection on holiday.
 * Readings are generated on UTC half-hours from local midnight of the first day to local
 * midnight after the last: 48 per local day, 46 on the spring DST day, 50 in autumn.
 */

export const SLOT_MS = 1_800_000;

/** Gas over [fromDay, toDay) on one meter. */
export interface GasPeriod {
  fromDay: number;
  toDay: number;
  volumeM3: number;
  factor: number;
  energyWh: number;
}

export class EnergyModel {
  constructor(
    private readonly plan: DemoPlan,
    private readonly routines: RoutineBook,
  ) {}

  /** Daily mean outdoor temperature in °C (seasonal curve plus a smooth weather anomaly). */
  temperature(day: number): number {
    const doy = day - dayNumberOf(partsOf(day).year, 1, 1);
    const seasonal = 12.6 - 9.4 * Math.cos((2 * Math.PI * (doy - 18)) / 365.25);
    let anomaly = 0;
    for (let k = 0; k < 5; k++) anomaly += unitHash(this.plan.seed, 0x7e4, day - k) - 0.5;
    return seasonal + anomaly * 3.2;
  }

  private cachedDay = -1;
  private cached = { temperature: 0, summer: false, heatLossWPerK: 0 };

  /** What powerW needs about a day, computed once per day (readings come in order). */
  private dayInfo(day: number): { temperature: number; summer: boolean; heatLossWPerK: number } {
    if (day !== this.cachedDay) {
      const month = partsOf(day).month;
      this.cached = { temperature: this.temperature(day), summer: month >= 4 && month <= 9, heatLossWPerK: leaseAt(this.plan, day).heatLossWPerK };
      this.cachedDay = day;
    }
    return this.cached;
  }

  /** Average power in W over the half-hour starting at epochMs (an even integer). */
  powerW(epochMs: number): number {
    const { day, hour } = parisLocal(epochMs);
    const minute = Math.round(hour * 60);
    const r = this.routines.of(day);
    const info = this.dayInfo(day);
    const slot = Math.floor(epochMs / SLOT_MS);
    const noise = unitHash(this.plan.seed, 0xe1ec, slot);
    let w = 150 + 110 * noise;
    const home = this.routines.atHome(r, minute + 15);
    const awake = minute >= r.wake - 10 && minute < r.sleep;
    // Heating: outdoor temperature with a daily swing, thermostat set-backs.
    const outdoor = info.temperature - 3.5 * Math.cos((2 * Math.PI * (hour - 3)) / 24);
    const need = Math.max(0, 17 - outdoor);
    const setback = r.holiday ? 0.3 : !home ? 0.55 : awake ? 1.05 : 0.75;
    w += need * info.heatLossWPerK * setback * (0.9 + 0.2 * unitHash(this.plan.seed, 0x4ea7, slot));
    if (home && awake) {
      const dark = hour < (info.summer ? 6.5 : 8) || hour >= (info.summer ? 21 : 17.5);
      w += 120 + (dark ? 140 : 0);
      if (minute < r.wake + 60) w += 380 + 300 * noise; // kettle, shower pump, toaster
      if (hour >= 19 && hour < 20.5) w += 700 + 500 * noise; // oven, hob extractor, dishwasher
      else if (hour >= 18) w += 220;
      if (r.telework && hour >= 9 && hour < 17.5) w += 90;
    }
    if (r.laundry !== undefined && minute >= r.laundry && minute < r.laundry + 60) w += 1_100;
    return 2 * Math.round(w / 2);
  }

  /** Electricity consumed over [fromMs, toMs), in Wh (both on half-hour boundaries). */
  electricityWh(fromMs: number, toMs: number): number {
    let wh = 0;
    for (let t = fromMs; t < toMs; t += SLOT_MS) wh += this.powerW(t) / 2;
    return wh;
  }

  /** Gas used on a day, in m³ (hot water and cooking; more in winter, almost none when away). */
  gasDayM3(day: number): number {
    const r = this.routines.of(day);
    if (r.holiday) return 0.02;
    const cold = Math.max(0, 15 - this.temperature(day));
    return 0.38 + 0.03 * cold + 0.2 * unitHash(this.plan.seed, 0x6a5, day);
  }

  /**
   * Gas of a calendar month, clipped to the plan's days and split at the move (each flat
   * has its own meter): volume (m³, 2 decimals), conversion factor, energy. The readings
   * and the gas bills both use these numbers.
   */
  gasPeriods(year: number, month: number): GasPeriod[] {
    const fromDay = Math.max(dayNumberOf(year, month, 1), this.plan.startDay);
    const toDay = Math.min(dayNumberOf(year, month + 1, 1), this.plan.endDay + 1);
    const factor = Math.round((11.05 + 0.35 * unitHash(this.plan.seed, 0xfac, year * 12 + month)) * 1000) / 1000;
    const cuts = fromDay < this.plan.moveDay && toDay > this.plan.moveDay ? [fromDay, this.plan.moveDay, toDay] : [fromDay, toDay];
    const out: GasPeriod[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      let v = 0;
      for (let d = cuts[i]!; d < cuts[i + 1]!; d++) v += this.gasDayM3(d);
      const volumeM3 = Math.round(v * 100) / 100;
      out.push({ fromDay: cuts[i]!, toDay: cuts[i + 1]!, volumeM3, factor, energyWh: Math.round(volumeM3 * factor * 1000) });
    }
    return out;
  }
}

/** Epoch ms of local midnight starting a day. */
export function localMidnight(day: number): number {
  return parisEpochMs(day, 0);
}

/** The 30-minute electricity readings, lazily, one per UTC half-hour. */
export function* electricityReadings(plan: DemoPlan, model: EnergyModel): Generator<ConnectorRecord> {
  const from = localMidnight(plan.startDay);
  const to = localMidnight(plan.endDay + 1);
  let startIso = new Date(from).toISOString();
  let currentLease = leaseAt(plan, plan.startDay);
  let source = `enedis:${currentLease.prm}`;
  let nextSwitch = localMidnight(plan.moveDay);
  for (let t = from; t < to; t += SLOT_MS) {
    if (t >= nextSwitch) {
      currentLease = leaseAt(plan, plan.moveDay);
      source = `enedis:${currentLease.prm}`;
      nextSwitch = Infinity;
    }
    const endIso = new Date(t + SLOT_MS).toISOString();
    const w = model.powerW(t);
    yield {
      type: 'energy.reading',
      source,
      sourceRef: startIso,
      occurredAt: startIso,
      occurredOffset: parisOffset(t),
      data: {
        meterId: currentLease.prm,
        commodity: 'electricity',
        direction: 'consumption',
        kind: 'interval',
        start: startIso,
        end: endIso,
        energyWh: w / 2,
        averagePowerW: w,
        quality: 'measured',
      },
    };
    startIso = endIso;
  }
}

/** Monthly gas readings from the gas supplier (volume, conversion factor, energy). */
export function* gasReadings(plan: DemoPlan, model: EnergyModel): Generator<ConnectorRecord> {
  const first = partsOf(plan.startDay);
  const last = partsOf(plan.endDay);
  for (let y = first.year, m = first.month; y < last.year || (y === last.year && m <= last.month); m === 12 ? (y++, (m = 1)) : m++) {
    for (const p of model.gasPeriods(y, m)) {
      const pl = leaseAt(plan, p.fromDay);
      const startMs = localMidnight(p.fromDay);
      const start = new Date(startMs).toISOString();
      yield {
        type: 'energy.reading',
        source: ORGS.gas.source,
        sourceRef: `${pl.pce}/${start}`,
        occurredAt: start,
        occurredOffset: parisOffset(startMs),
        data: {
          meterId: pl.pce,
          commodity: 'gas',
          direction: 'consumption',
          kind: 'interval',
          start,
          end: new Date(localMidnight(p.toDay)).toISOString(),
          volumeM3: p.volumeM3,
          conversionKWhPerM3: p.factor,
          energyWh: p.energyWh,
          quality: (hash32(plan.seed, p.fromDay) & 7) === 0 ? 'estimated' : 'measured',
        },
      };
    }
  }
}

