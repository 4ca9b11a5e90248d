import type { RecordStore } from '../../store/record-store.ts';
import { SLOT_MS, SLOTS_PER_DAY, DAY_MS } from './local-clock.ts';
import { indexIntervals, intervalOf, seriesKey, type EnergyInterval, type EnergyReading } from './reading-energy.ts';
import { cachedByVersion } from '../insight-cache.ts';

export const NO_DATA = 0;
export const FINE = 1;
export const COARSE = 2;

/** Readings at most this long count as intraday data (a half-hour load curve, hourly values). */
const FINE_MS = 3_600_000;

/** One UTC day of a series, in 48 half-hour slots. */
export interface DaySlots {
  /** Energy per slot, Wh. */
  wh: Float64Array;
  /** Volume per slot, m³ (gas, water). */
  m3: Float64Array;
  /**
   * NO_DATA, FINE (the slot's energy comes only from intraday readings: usable for hours,
   * base load, off-peak) or COARSE (part of it is a share of a longer reading).
   */
  state: Uint8Array;
}

/**
 * The energy of one commodity and direction (`electricity/consumption`), spread on UTC
 * half-hours: every reading's energy is shared among the slots its interval overlaps, in
 * proportion of the overlap. Where readings of one meter overlap (a load curve and daily
 * totals of the same days, the same curve imported twice), the shortest reading wins for
 * the time it covers and longer ones fill only what is left, so nothing is counted twice.
 * Meters are added together (two homes' meters at once are both consumption).
 */
export interface EnergySeries {
  key: string;
  commodity: EnergyReading['commodity'];
  direction: EnergyReading['direction'];
  /** By UTC day number. */
  days: Map<number, DaySlots>;
  meters: string[];
  readings: number;
  firstMs: number;
  lastMs: number;
}

export interface EnergyData {
  series: EnergySeries[];
  /** Readings that could not be used (no energy or volume, empty interval, a max_power reading). */
  skipped: number;
}

function daySlots(days: Map<number, DaySlots>, day: number): DaySlots {
  let d = days.get(day);
  if (!d) days.set(day, (d = { wh: new Float64Array(SLOTS_PER_DAY), m3: new Float64Array(SLOTS_PER_DAY), state: new Uint8Array(SLOTS_PER_DAY) }));
  return d;
}

/** One meter's slots with how much of each slot is already covered (0–1). */
class MeterGrid {
  readonly days = new Map<number, DaySlots>();
  private readonly covered = new Map<number, Float32Array>();

  add(iv: EnergyInterval): void {
    const duration = iv.endMs - iv.startMs;
    const fine = duration <= FINE_MS;
    for (let s = Math.floor(iv.startMs / SLOT_MS); s * SLOT_MS < iv.endMs; s++) {
      const slotStart = s * SLOT_MS;
      const overlap = Math.min(iv.endMs, slotStart + SLOT_MS) - Math.max(iv.startMs, slotStart);
      if (overlap <= 0) continue;
      const day = Math.floor(slotStart / DAY_MS);
      const i = s - day * SLOTS_PER_DAY;
      let cov = this.covered.get(day);
      if (!cov) this.covered.set(day, (cov = new Float32Array(SLOTS_PER_DAY)));
      const part = overlap / SLOT_MS;
      const free = Math.max(0, Math.min(part, 1 - cov[i]!));
      if (free <= 1e-9) continue;
      cov[i] = cov[i]! + free;
      const share = (free / part) * (overlap / duration);
      const d = daySlots(this.days, day);
      if (iv.wh !== null) d.wh[i] = d.wh[i]! + iv.wh * share;
      if (iv.m3 !== null) d.m3[i] = d.m3[i]! + iv.m3 * share;
      d.state[i] = Math.max(d.state[i]!, fine ? FINE : COARSE);
    }
  }
}

/** Restricts the readings used (a grant's sources and accounts). */
export interface EnergyFilter {
  sources?: readonly string[];
  meters?: readonly string[];
}

/**
 * Reads every `energy.reading` once and builds one series per commodity and direction.
 * Costs one pass over the readings (about 175,000 for ten years of a load curve); callers
 * use `energyData(store)`, which caches it per data version.
 */
export async function buildEnergyData(store: RecordStore, only: EnergyFilter = {}): Promise<EnergyData> {
  const byMeter = new Map<string, { intervals: EnergyInterval[]; index: EnergyReading[] }>();
  let skipped = 0;
  const counts = new Map<string, number>();
  for await (const rec of store.iterate({ types: ['energy.reading'], ...(only.sources ? { sources: [...only.sources] } : {}) })) {
    const r = rec.data as EnergyReading;
    if (only.meters && !only.meters.includes(r.meterId)) continue;
    const meterKey = `${r.meterId}\u0000${seriesKey(r)}`;
    let m = byMeter.get(meterKey);
    if (!m) byMeter.set(meterKey, (m = { intervals: [], index: [] }));
    if (r.kind === 'index') m.index.push(r);
    else {
      const iv = intervalOf(r);
      if (iv) m.intervals.push(iv);
      else skipped++;
    }
    counts.set(seriesKey(r), (counts.get(seriesKey(r)) ?? 0) + 1);
  }
  const out = new Map<string, EnergySeries>();
  for (const m of byMeter.values()) {
    const all = m.intervals.concat(indexIntervals(m.index));
    if (all.length === 0) continue;
    all.sort((a, b) => a.endMs - a.startMs - (b.endMs - b.startMs) || a.rank - b.rank || a.startMs - b.startMs);
    const grid = new MeterGrid();
    for (const iv of all) grid.add(iv);
    const first = all[0]!;
    const [commodity, direction] = first.series.split('/') as [EnergyReading['commodity'], EnergyReading['direction']];
    let s = out.get(first.series);
    if (!s) out.set(first.series, (s = { key: first.series, commodity, direction, days: new Map(), meters: [], readings: counts.get(first.series) ?? 0, firstMs: Infinity, lastMs: -Infinity }));
    s.meters.push(first.meterId);
    for (const iv of all) {
      if (iv.startMs < s.firstMs) s.firstMs = iv.startMs;
      if (iv.endMs > s.lastMs) s.lastMs = iv.endMs;
    }
    for (const [day, slots] of grid.days) {
      const d = daySlots(s.days, day);
      for (let i = 0; i < SLOTS_PER_DAY; i++) {
        d.wh[i] = d.wh[i]! + slots.wh[i]!;
        d.m3[i] = d.m3[i]! + slots.m3[i]!;
        d.state[i] = Math.max(d.state[i]!, slots.state[i]!);
      }
    }
  }
  const order = ['electricity', 'gas', 'water', 'heat'];
  const series = [...out.values()].sort((a, b) => order.indexOf(a.commodity) - order.indexOf(b.commodity) || a.direction.localeCompare(b.direction));
  for (const s of series) s.meters.sort();
  return { series, skipped };
}

/** The energy series of a store, computed once per data version. */
export function energyData(store: RecordStore): Promise<EnergyData> {
  return cachedByVersion(store, 'energy:series', () => buildEnergyData(store));
}
