import { z } from 'zod';
import { haversineM } from '../../domain/geo.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { DAY_MS, LocalClock, dateOf } from '../energy/local-clock.ts';
import { cachedByVersion } from '../insight-cache.ts';
import { mobilityData, type MobilityData, type Stay, type Trip } from './mobility-data.ts';

const share = z.object({ hours: z.number(), share: z.number() });

/** Output of `insights.mobility`. Time shares cover the whole period and sum to 1. */
export const mobilityResultSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  time: z.object({
    totalHours: z.number(),
    home: share,
    work: share,
    elsewhere: share,
    /** On a recorded trip (a track) between stays. */
    moving: share,
    /** Neither at a recorded place nor on a recorded trip. */
    unrecorded: share,
  }),
  homes: z.array(z.object({ name: z.string().nullable(), lat: z.number(), lon: z.number(), inferred: z.boolean() })),
  workplaces: z.array(z.object({ name: z.string().nullable(), lat: z.number(), lon: z.number(), inferred: z.boolean() })),
  /**
   * Distance per means of transport. Tracks give their mode and length; a move between two
   * stays that no track covers counts as mode `unknown`, at the straight-line distance.
   */
  distanceByMode: z.array(z.object({ mode: z.string(), km: z.number(), trips: z.number().int(), from: z.enum(['tracks', 'visits']) })),
  totalKm: z.number(),
  places: z.array(z.object({ name: z.string().nullable(), kind: z.enum(['home', 'work', 'other']), semanticType: z.string().nullable(), visits: z.number().int(), hours: z.number(), lat: z.number(), lon: z.number() })),
});
export type MobilityResult = z.infer<typeof mobilityResultSchema>;

export interface MobilityOptions {
  from?: string;
  to?: string;
  timeZone?: string;
  /** How many places to list (most visited first); default 10. */
  top?: number;
}

/** Two stays further apart than this are a move. */
const MOVE_M = 250;
/** A track covers a move when its ends lie this close to the two places… */
const TRACK_END_M = 2_000;
/** …and it runs within this long of the move. */
const TRACK_SLACK_MS = DAY_MS;

const round2 = (x: number) => Math.round(x * 100) / 100;

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Time of [t0, t1) spent inside stays (sorted, disjoint). */
function timeInStays(stays: Stay[], t0: number, t1: number): number {
  let lo = 0;
  let hi = stays.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stays[mid]!.endMs <= t0) lo = mid + 1;
    else hi = mid;
  }
  let n = 0;
  for (let i = lo; i < stays.length && stays[i]!.startMs < t1; i++) n += overlap(stays[i]!.startMs, stays[i]!.endMs, t0, t1);
  return n;
}

function coveredByTrack(trips: Trip[], a: Stay, b: Stay): boolean {
  return trips.some(
    (t) =>
      t.startMs >= a.endMs - TRACK_SLACK_MS &&
      t.endMs <= b.startMs + TRACK_SLACK_MS &&
      t.from !== null &&
      t.to !== null &&
      haversineM(t.from, a.place) <= TRACK_END_M &&
      haversineM(t.to, b.place) <= TRACK_END_M,
  );
}

/** Distance per mode over [startMs, endMs): tracks that start in it, and moves between stays no track covers. */
export function distancesByMode(data: MobilityData, startMs: number, endMs: number): MobilityResult['distanceByMode'] {
  const acc = new Map<string, { m: number; trips: number; from: 'tracks' | 'visits' }>();
  const add = (mode: string, m: number, from: 'tracks' | 'visits') => {
    const a = acc.get(mode) ?? { m: 0, trips: 0, from };
    a.m += m;
    a.trips++;
    acc.set(mode, a);
  };
  const trips = data.trips.filter((t) => t.endMs >= startMs - TRACK_SLACK_MS && t.startMs < endMs + TRACK_SLACK_MS);
  for (const t of trips) if (t.startMs >= startMs && t.startMs < endMs) add(t.mode, t.distanceM, 'tracks');
  const stays = data.stays;
  for (let i = 1; i < stays.length; i++) {
    const a = stays[i - 1]!;
    const b = stays[i]!;
    if (a.endMs < startMs || a.endMs >= endMs || a.place === b.place) continue;
    const d = haversineM(a.place, b.place);
    if (d < MOVE_M || coveredByTrack(trips, a, b)) continue;
    add('unknown', d, 'visits');
  }
  return [...acc.entries()].map(([mode, a]) => ({ mode, km: round2(a.m / 1000), trips: a.trips, from: a.from })).sort((x, y) => y.km - x.km);
}

export function mobilityReport(data: MobilityData, opts: MobilityOptions = {}): MobilityResult {
  const clock = new LocalClock(opts.timeZone ?? 'Europe/Paris');
  const lastMs = Math.max(data.stays.at(-1)?.endMs ?? 0, data.trips.at(-1)?.endMs ?? 0) || Date.now();
  const { fromDay, toDay } = clock.period(opts, lastMs);
  const startMs = clock.midnight(fromDay);
  const endMs = clock.midnight(toDay);
  const total = Math.max(0, endMs - startMs);

  const time = { home: 0, work: 0, elsewhere: 0, moving: 0 };
  const perPlace = new Map<number, { visits: number; ms: number }>();
  for (const s of data.stays) {
    const ms = overlap(s.startMs, s.endMs, startMs, endMs);
    if (ms <= 0) continue;
    time[s.place.kind === 'home' ? 'home' : s.place.kind === 'work' ? 'work' : 'elsewhere'] += ms;
    const p = perPlace.get(s.place.id) ?? { visits: 0, ms: 0 };
    p.visits++;
    p.ms += ms;
    perPlace.set(s.place.id, p);
  }
  // Trips may overlap one another: count each moment once, and never inside a stay.
  let coveredUntil = startMs;
  for (const t of data.trips) {
    const t0 = Math.max(t.startMs, coveredUntil, startMs);
    const t1 = Math.min(t.endMs, endMs);
    if (t1 <= t0) continue;
    time.moving += t1 - t0 - timeInStays(data.stays, t0, t1);
    coveredUntil = t1;
  }
  const unrecorded = total - time.home - time.work - time.elsewhere - time.moving;
  const part = (ms: number) => ({ hours: round2(ms / 3_600_000), share: total > 0 ? Math.round((ms / total) * 10_000) / 10_000 : 0 });

  const distanceByMode = distancesByMode(data, startMs, endMs);
  const top = opts.top ?? 10;
  const where = (kind: 'home' | 'work') => data.places.filter((p) => p.kind === kind && perPlace.has(p.id)).map((p) => ({ name: p.name, lat: p.lat, lon: p.lon, inferred: p.inferred }));
  return {
    period: { from: dateOf(fromDay), to: dateOf(toDay), timeZone: clock.timeZone },
    time: { totalHours: round2(total / 3_600_000), home: part(time.home), work: part(time.work), elsewhere: part(time.elsewhere), moving: part(time.moving), unrecorded: part(unrecorded) },
    homes: where('home'),
    workplaces: where('work'),
    distanceByMode,
    totalKm: round2(distanceByMode.reduce((n, d) => n + d.km, 0)),
    places: [...perPlace.entries()]
      .sort((a, b) => b[1].visits - a[1].visits || b[1].ms - a[1].ms)
      .slice(0, top)
      .map(([id, v]) => {
        const p = data.places[id]!;
        return { name: p.name, kind: p.kind, semanticType: p.semanticType, visits: v.visits, hours: round2(v.ms / 3_600_000), lat: p.lat, lon: p.lon };
      }),
  };
}

/** `insights.mobility`: time at home, at work and elsewhere, distance by mode, most visited places. */
export async function mobilityInsight(store: RecordStore, opts: MobilityOptions = {}): Promise<MobilityResult> {
  return cachedByVersion(store, `mobility:report:${JSON.stringify(opts)}`, async () => mobilityReport(await mobilityData(store), opts));
}
