import { haversineM } from '../../domain/geo.ts';
import type { ConnectorRecord } from '../../connectors/connector.ts';
import { WORK_PLACE, type DemoAddress } from './demo-persona.ts';
import { PARENTS_HOME, leaseAt, type DemoPlan, type Destination } from './demo-plan.ts';
import type { DayRoutine, RoutineBook } from './demo-routine.ts';
import { Rng, hash32 } from './prng.ts';
import { MINUTE_MS, dateOf, parisEpochMs, parisOffset } from './demo-time.ts';

/**
 * Her location history (source `app:historique-positions`): the places she stayed at
 * each day (`place.visit`: home, work, gym, supermarket, doctor, friends, holiday
 * lodging), derived from the same routine as her spending and her electricity, and a few
 * GPS `track`s with points (bike commutes in the last year, the car or train journeys to
 * and from summer holidays). Visits are split at local midnight.
 */

const SOURCE = 'app:historique-positions';

interface Place {
  name: string;
  lat: number;
  lon: number;
  semanticType: string;
  address?: string;
}

const GYM: Place = { name: 'Fitness Park Lyon 7', lat: 45.7456, lon: 4.8421, semanticType: 'gym' };
const DOCTOR: Place = { name: 'Cabinet médical Jean Macé', lat: 45.7459, lon: 4.8425, semanticType: 'doctor', address: '5 rue Jaboulay, 69007 Lyon' };
const SUPERMARKETS: [Place, Place] = [
  { name: 'Supermarché Soleil Lyon 3 Villette', lat: 45.7594, lon: 4.8588, semanticType: 'supermarket' },
  { name: 'Supermarché Soleil Lyon 7 Jean Macé', lat: 45.7468, lon: 4.8437, semanticType: 'supermarket' },
];

function home(address: DemoAddress): Place {
  return { name: 'Domicile', lat: address.lat, lon: address.lon, semanticType: 'home', address: address.label };
}

function restaurant(name: string, seed: number): Place {
  let h = seed;
  for (let i = 0; i < name.length; i++) h = hash32(h, name.charCodeAt(i));
  return { name, lat: 45.757 + ((h & 0xfff) / 0xfff - 0.5) * 0.02, lon: 4.832 + (((h >>> 12) & 0xfff) / 0xfff - 0.5) * 0.03, semanticType: 'restaurant' };
}

function stay(place: Place, day: number, fromMin: number, toMin: number, rng: Rng): ConnectorRecord {
  const startMs = parisEpochMs(day, fromMin);
  const endMs = parisEpochMs(day, toMin);
  const start = new Date(startMs).toISOString();
  return {
    type: 'place.visit',
    source: SOURCE,
    sourceRef: `visit-${start}`,
    occurredAt: start,
    occurredOffset: parisOffset(startMs),
    data: {
      name: place.name,
      ...(place.address ? { address: place.address } : {}),
      lat: Math.round((place.lat + rng.normal(0, 0.00005)) * 1e6) / 1e6,
      lon: Math.round((place.lon + rng.normal(0, 0.00005)) * 1e6) / 1e6,
      start,
      end: new Date(endMs).toISOString(),
      semanticType: place.semanticType,
      confidence: rng.int(70, 99),
    },
  };
}

/** The day's stays outside home, in order, as [place, from, to] minutes. */
function outings(r: DayRoutine, plan: DemoPlan, supermarket: Place): [Place, number, number][] {
  const out: [Place, number, number][] = [];
  if (r.working && !r.telework) out.push([{ name: WORK_PLACE.name, lat: WORK_PLACE.lat, lon: WORK_PLACE.lon, semanticType: 'work', address: WORK_PLACE.address }, r.arriveWork, r.leaveWork]);
  if (r.doctor !== undefined) out.push([DOCTOR, r.doctor, r.doctor + 35]);
  if (r.gym) out.push([GYM, r.gym.start, r.gym.end]);
  if (r.supermarket !== undefined) out.push([supermarket, r.supermarket, r.supermarket + 40]);
  if (r.meeting && r.meeting.where !== 'home') {
    const m = r.meeting;
    const place = m.where === 'friend' ? { name: `Chez ${m.peer.given} ${m.peer.family}`, lat: m.peer.lat, lon: m.peer.lon, semanticType: 'friend' } : restaurant(m.where, plan.seed);
    out.push([place, m.minute, Math.min(m.minute + m.durationMin, 23 * 60 + 50)]);
  }
  out.sort((a, b) => a[1] - b[1]);
  // Keep them apart: 15 minutes of travel between two places at least.
  const kept: [Place, number, number][] = [];
  let cursor = 0;
  for (const [p, a, b] of out) {
    const from = Math.max(a, cursor + 15);
    if (b - from >= 10) {
      kept.push([p, from, b]);
      cursor = b;
    }
  }
  return kept;
}

export function* placeRecords(plan: DemoPlan, routines: RoutineBook): Generator<ConnectorRecord> {
  for (let d = plan.startDay; d <= plan.endDay; d++) {
    const rng = new Rng(hash32(plan.seed, 0x91ace, d));
    const r = routines.of(d);
    if (r.holiday) {
      const dest = r.holiday.destination;
      const place: Place = dest === PARENTS_HOME ? { name: 'Chez les parents', lat: dest.lat, lon: dest.lon, semanticType: 'family' } : { name: dest.lodging, lat: dest.lat, lon: dest.lon, semanticType: 'lodging' };
      yield stay(place, d, 0, 24 * 60, rng);
      continue;
    }
    const lease = leaseAt(plan, d);
    const h = home(lease.address);
    let cursor = 0;
    for (const [p, a, b] of outings(r, plan, lease === plan.leases[0] ? SUPERMARKETS[0] : SUPERMARKETS[1])) {
      if (a - 15 > cursor) yield stay(h, d, cursor, a - 15, rng);
      yield stay(p, d, a, b, rng);
      cursor = b + 15;
    }
    if (cursor < 24 * 60) yield stay(h, d, cursor, 24 * 60, rng);
  }
}

function track(name: string, mode: 'cycling' | 'car' | 'train', from: { lat: number; lon: number }, to: { lat: number; lon: number }, startMs: number, durationMin: number, points: number, rng: Rng): ConnectorRecord {
  const pts: { lat: number; lon: number; at: string }[] = [];
  const bend = rng.normal(0, 0.08);
  for (let i = 0; i <= points; i++) {
    const f = i / points;
    const side = Math.sin(Math.PI * f) * bend;
    const lat = from.lat + (to.lat - from.lat) * f - (to.lon - from.lon) * side + (i > 0 && i < points ? rng.normal(0, 0.0001) : 0);
    const lon = from.lon + (to.lon - from.lon) * f + (to.lat - from.lat) * side + (i > 0 && i < points ? rng.normal(0, 0.0001) : 0);
    pts.push({ lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6, at: new Date(startMs + Math.round(f * durationMin) * MINUTE_MS).toISOString() });
  }
  let distanceM = 0;
  for (let i = 1; i < pts.length; i++) distanceM += haversineM(pts[i - 1]!, pts[i]!);
  const start = pts[0]!.at;
  return {
    type: 'track',
    source: SOURCE,
    sourceRef: `track-${start}`,
    occurredAt: start,
    occurredOffset: parisOffset(startMs),
    data: { name, mode, start, end: pts[pts.length - 1]!.at, distanceM: Math.round(distanceM), kind: 'track', segments: 1, points: pts },
  };
}

export function* trackRecords(plan: DemoPlan, routines: RoutineBook): Generator<ConnectorRecord> {
  const rng = new Rng(hash32(plan.seed, 0x7ac));
  // Bike commutes: the first cycling day of each month in the last year.
  const seen = new Set<string>();
  for (let d = Math.max(plan.startDay, plan.endDay - 365); d <= plan.endDay; d++) {
    const r = routines.of(d);
    const month = dateOf(d).slice(0, 7);
    if (!r.working || r.telework || r.commute !== 'bike' || seen.has(month)) continue;
    seen.add(month);
    const h = leaseAt(plan, d).address;
    yield track('Trajet domicile → travail', 'cycling', h, WORK_PLACE, parisEpochMs(d, r.leaveHome), r.arriveWork - r.leaveHome, 40, rng);
  }
  for (const hol of plan.holidays) {
    const dest: Destination = hol.destination;
    if (dest === PARENTS_HOME || hol.start < plan.startDay || hol.end > plan.endDay) continue;
    const h = leaseAt(plan, hol.start).address;
    const km = haversineM(h, dest) / 1000;
    const minutes = Math.round((km / (dest.mode === 'car' ? 85 : 150)) * 60) + 20;
    const mode = dest.mode === 'car' ? 'car' : 'train';
    yield track(`Vers ${dest.name}`, mode, h, dest, parisEpochMs(hol.start, 9 * 60), minutes, 60, rng);
    yield track(`Retour de ${dest.name}`, mode, dest, h, parisEpochMs(hol.end, 17 * 60), minutes, 60, rng);
  }
}

