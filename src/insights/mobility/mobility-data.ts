import { haversineM, pathLengthM } from '../../domain/geo.ts';
import type { RecordData } from '../../domain/record.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { cachedByVersion } from '../insight-cache.ts';

export type PlaceKind = 'home' | 'work' | 'other';

/** A place the person stayed at, gathered from visits of the same name within 500 m (or unnamed ones within 150 m). */
export interface Place {
  id: number;
  name: string | null;
  semanticType: string | null;
  lat: number;
  lon: number;
  /** From the source's semantic type (home, work), else inferred from when she is there. */
  kind: PlaceKind;
  inferred: boolean;
}

export interface Stay {
  place: Place;
  startMs: number;
  endMs: number;
}

export interface Trip {
  mode: string;
  startMs: number;
  endMs: number;
  distanceM: number;
  from: { lat: number; lon: number } | null;
  to: { lat: number; lon: number } | null;
}

export interface MobilityData {
  places: Place[];
  /** Sorted by start, overlaps removed (a later stay starts when the earlier one ends). */
  stays: Stay[];
  trips: Trip[];
}

function kindOf(semanticType: string | undefined): PlaceKind | null {
  const t = semanticType?.toLowerCase() ?? '';
  if (t.includes('home') || t === 'domicile') return 'home';
  if (t.includes('work') || t === 'travail') return 'work';
  return null;
}

class PlaceIndex {
  readonly places: Place[] = [];
  private readonly byName = new Map<string, Place[]>();

  placeOf(v: RecordData<'place.visit'>): Place {
    const name = v.name?.trim() || null;
    const key = v.placeId ?? name ?? '';
    const near = name || v.placeId ? 500 : 150;
    const list = this.byName.get(key) ?? [];
    for (const p of list) if (haversineM(p, v) <= near) return p;
    const kind = kindOf(v.semanticType);
    const p: Place = { id: this.places.length, name, semanticType: v.semanticType ?? null, lat: v.lat, lon: v.lon, kind: kind ?? 'other', inferred: false };
    list.push(p);
    this.byName.set(key, list);
    this.places.push(p);
    return p;
  }
}

/**
 * Where nobody labelled home or work: home is the place with the most time between 00:00
 * and 06:00 (UTC is close enough to rank places), work the other place with the most
 * weekday time between 09:00 and 17:00, if it holds at least 40 hours.
 */
function inferKinds(places: Place[], stays: Stay[]): void {
  const night = new Map<Place, number>();
  const office = new Map<Place, number>();
  const hour = 3_600_000;
  for (const s of stays) {
    for (let t = Math.ceil(s.startMs / hour) * hour; t < s.endMs; t += hour) {
      const d = new Date(t);
      const h = d.getUTCHours();
      if (h < 6) night.set(s.place, (night.get(s.place) ?? 0) + 1);
      else if (h >= 9 && h < 17 && d.getUTCDay() % 6 !== 0) office.set(s.place, (office.get(s.place) ?? 0) + 1);
    }
  }
  const top = (m: Map<Place, number>, not?: Place) => [...m.entries()].filter(([p]) => p !== not).sort((a, b) => b[1] - a[1])[0];
  if (!places.some((p) => p.kind === 'home')) {
    const h = top(night);
    if (h) Object.assign(h[0], { kind: 'home', inferred: true });
  }
  if (!places.some((p) => p.kind === 'work')) {
    const w = top(office, places.find((p) => p.kind === 'home'));
    if (w && w[1] >= 40) Object.assign(w[0], { kind: 'work', inferred: true });
  }
}

/** Reads every place visit and track once (callers use `mobilityData(store)`, cached per data version). */
export async function buildMobilityData(store: RecordStore): Promise<MobilityData> {
  const index = new PlaceIndex();
  const stays: Stay[] = [];
  const trips: Trip[] = [];
  for await (const rec of store.iterate({ types: ['place.visit', 'track'] })) {
    if (rec.type === 'place.visit') {
      const v = rec.data as RecordData<'place.visit'>;
      const startMs = Date.parse(v.start);
      const endMs = Date.parse(v.end);
      if (endMs > startMs) stays.push({ place: index.placeOf(v), startMs, endMs });
    } else {
      const t = rec.data as RecordData<'track'>;
      const pts = t.points;
      const startMs = Date.parse(t.start ?? pts[0]?.at ?? rec.occurredAt);
      const endMs = Date.parse(t.end ?? pts[pts.length - 1]?.at ?? rec.occurredAt);
      const distanceM = t.distanceM ?? pathLengthM(pts);
      if (distanceM > 0) trips.push({ mode: t.mode, startMs, endMs: Math.max(startMs, endMs), distanceM, from: pts[0] ?? null, to: pts[pts.length - 1] ?? null });
    }
  }
  stays.sort((a, b) => a.startMs - b.startMs);
  let prevEnd = -Infinity;
  const clean: Stay[] = [];
  for (const s of stays) {
    const startMs = Math.max(s.startMs, prevEnd);
    if (s.endMs <= startMs) continue;
    clean.push(startMs === s.startMs ? s : { ...s, startMs });
    prevEnd = s.endMs;
  }
  inferKinds(index.places, clean);
  trips.sort((a, b) => a.startMs - b.startMs);
  return { places: index.places, stays: clean, trips };
}

/** Visits and tracks of a store, read once per data version. */
export function mobilityData(store: RecordStore): Promise<MobilityData> {
  return cachedByVersion(store, 'mobility:data', () => buildMobilityData(store));
}
