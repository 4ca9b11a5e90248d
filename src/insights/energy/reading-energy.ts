import type { RecordData } from '../../domain/record.ts';

export type EnergyReading = RecordData<'energy.reading'>;

/**
 * kWh per m³ of network gas used when a reading gives a volume without the supplier's
 * conversion factor: 11.2 kWh (PCS) per m³, the order of the coefficients GRDF applies in
 * metropolitan France (they range about 10.7–11.6 with the gas quality and altitude).
 */
export const DEFAULT_GAS_KWH_PER_M3 = 11.2;

/** One reading turned into what it says about a period: energy in Wh, volume in m³. */
export interface EnergyInterval {
  meterId: string;
  /** `commodity/direction`, e.g. `electricity/consumption`. */
  series: string;
  startMs: number;
  endMs: number;
  /** Energy over the interval in Wh, or null when the reading cannot give one (water). */
  wh: number | null;
  /** Volume over the interval in m³ (gas, water), or null. */
  m3: number | null;
  /** Lower ranks win where readings of the same meter overlap (measured before index differences). */
  rank: number;
}

export function seriesKey(r: Pick<EnergyReading, 'commodity' | 'direction'>): string {
  return `${r.commodity}/${r.direction}`;
}

/**
 * The energy and volume an `interval` reading reports:
 * - energy: `energyWh` when given (the supplier's own conversion for gas); else average
 *   power × duration (W × h = Wh); else gas volume × conversion factor (the reading's, or
 *   DEFAULT_GAS_KWH_PER_M3) × 1000;
 * - volume: `volumeM3`, or `volumeL` / 1000.
 * Returns undefined for other kinds, for a reading with neither energy nor volume, or for
 * an empty interval.
 */
export function intervalOf(r: EnergyReading): EnergyInterval | undefined {
  if (r.kind !== 'interval' || !r.start) return undefined;
  const startMs = Date.parse(r.start);
  const endMs = Date.parse(r.end);
  if (!(endMs > startMs)) return undefined;
  const m3 = r.volumeM3 ?? (r.volumeL !== undefined ? r.volumeL / 1000 : null);
  let wh: number | null = null;
  if (r.energyWh !== undefined) wh = r.energyWh;
  else if (r.averagePowerW !== undefined) wh = (r.averagePowerW * (endMs - startMs)) / 3_600_000;
  else if (m3 !== null && r.commodity === 'gas') wh = m3 * (r.conversionKWhPerM3 ?? DEFAULT_GAS_KWH_PER_M3) * 1000;
  if (wh === null && m3 === null) return undefined;
  return { meterId: r.meterId, series: seriesKey(r), startMs, endMs, wh, m3, rank: 0 };
}

/**
 * Consecutive index readings of one meter and series (sorted by `end`) turned into
 * intervals: the difference of two registers is what was used between them. A register
 * that goes down (meter replaced or reset) starts afresh and yields nothing for that gap.
 */
export function indexIntervals(readings: EnergyReading[]): EnergyInterval[] {
  const out: EnergyInterval[] = [];
  const sorted = readings.filter((r) => r.kind === 'index').sort((a, b) => Date.parse(a.end) - Date.parse(b.end));
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    const startMs = Date.parse(a.end);
    const endMs = Date.parse(b.end);
    if (!(endMs > startMs)) continue;
    let wh: number | null = null;
    let m3: number | null = null;
    if (a.indexWh !== undefined && b.indexWh !== undefined) {
      if (b.indexWh < a.indexWh) continue;
      wh = b.indexWh - a.indexWh;
    }
    if (a.indexM3 !== undefined && b.indexM3 !== undefined) {
      if (b.indexM3 < a.indexM3) continue;
      m3 = b.indexM3 - a.indexM3;
      if (wh === null && b.commodity === 'gas') wh = m3 * (b.conversionKWhPerM3 ?? DEFAULT_GAS_KWH_PER_M3) * 1000;
    }
    if (wh === null && m3 === null) continue;
    out.push({ meterId: b.meterId, series: seriesKey(b), startMs, endMs, wh, m3, rank: 1 });
  }
  return out;
}
