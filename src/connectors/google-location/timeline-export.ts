import type { ConnectorRecord } from '../connector.ts';
import { GoogleValueError, SOURCE, type GoogleTime, googleTime, modeOf, num, obj, parseLatLng, pointRef, str } from './google-values.ts';
import { activityRef, visitRef } from './semantic-history.ts';

/**
 * The on-device Timeline exports (2024 on, after Google moved Timeline to the phone):
 * - Android "Timeline.json": { semanticSegments: [...], rawSignals: [...], userLocationProfile }
 *   with positions as "50.0506312°, 14.3439906°" and times with their offset;
 * - iOS "location-history.json": a bare array of segments with positions as
 *   "geo:48.858370,2.294481" and numbers as strings ("1234.5").
 * A segment holds a visit (→ `place.visit`), an activity (→ `track`) or a timelinePath
 * (→ one `location.point` per point; iOS gives each point as minutes after startTime).
 * Offsets in the times are kept as occurredOffset.
 */
export function semanticSegment(v: unknown): ConnectorRecord[] {
  const s = obj(v);
  if (!s) throw new GoogleValueError('expected a segment object');
  const out: ConnectorRecord[] = [];
  const visit = obj(s.visit);
  const activity = obj(s.activity);
  const path = s.timelinePath;
  if (!visit && !activity && !Array.isArray(path)) return out; // timelineMemory and the like
  const start = googleTime(s.startTime, 'startTime');
  const end = googleTime(s.endTime, 'endTime');
  if (visit) out.push(visitOf(visit, start, end));
  if (activity) out.push(activityOf(activity, start, end));
  if (Array.isArray(path)) path.forEach((p, i) => out.push(pathPoint(p, i, start)));
  return out;
}

function withOffset(r: ConnectorRecord, t: GoogleTime): ConnectorRecord {
  if (t.offset) r.occurredOffset = t.offset;
  return r;
}

function visitOf(v: Record<string, unknown>, start: GoogleTime, end: GoogleTime): ConnectorRecord {
  const top = obj(v.topCandidate);
  if (!top) throw new GoogleValueError('visit.topCandidate is missing');
  const loc = top.placeLocation;
  const pos = parseLatLng(typeof loc === 'string' ? loc : obj(loc)?.latLng, 'visit.topCandidate.placeLocation');
  const placeId = str(top.placeId) ?? str(top.placeID);
  const data: Record<string, unknown> = { lat: pos.lat, lon: pos.lon, start: start.instant, end: end.instant };
  if (placeId) data.placeId = placeId;
  const semantic = str(top.semanticType);
  if (semantic && !/^unknown$/i.test(semantic)) data.semanticType = semantic.toLowerCase();
  const p = num(top.probability) ?? num(v.probability);
  if (p !== undefined && p >= 0 && p <= 1) data.confidence = Math.round(p * 1000) / 10;
  return withOffset({ type: 'place.visit', source: SOURCE, sourceRef: visitRef(placeId, pos, start.epochMs), occurredAt: start.instant, data }, start);
}

function position(raw: unknown, field: string): { lat: number; lon: number } {
  return parseLatLng(typeof raw === 'string' ? raw : obj(raw)?.latLng, field);
}

function activityOf(a: Record<string, unknown>, start: GoogleTime, end: GoogleTime): ConnectorRecord {
  const points: { lat: number; lon: number; at: string }[] = [];
  if (a.start !== undefined) points.push({ ...position(a.start, 'activity.start'), at: start.instant });
  if (a.end !== undefined) points.push({ ...position(a.end, 'activity.end'), at: end.instant });
  const data: Record<string, unknown> = {
    kind: 'activity',
    mode: modeOf(obj(a.topCandidate)?.type),
    start: start.instant,
    end: end.instant,
    segments: 1,
    points,
  };
  const distance = num(a.distanceMeters);
  if (distance !== undefined && distance >= 0) data.distanceM = distance;
  return withOffset({ type: 'track', source: SOURCE, sourceRef: activityRef(start.epochMs, end.epochMs), occurredAt: start.instant, data }, start);
}

function pathPoint(raw: unknown, i: number, start: GoogleTime): ConnectorRecord {
  const p = obj(raw);
  if (!p) throw new GoogleValueError(`timelinePath[${i}] should be an object`);
  const pos = parseLatLng(p.point, `timelinePath[${i}].point`);
  let t: GoogleTime;
  if (p.time !== undefined) t = googleTime(p.time, `timelinePath[${i}].time`);
  else {
    const minutes = num(p.durationMinutesOffsetFromStartTime);
    if (minutes === undefined) throw new GoogleValueError(`timelinePath[${i}] has neither time nor durationMinutesOffsetFromStartTime`);
    const ms = start.epochMs + minutes * 60_000;
    t = { epochMs: ms, instant: new Date(ms).toISOString() };
    if (start.offset) t.offset = start.offset;
  }
  return withOffset({ type: 'location.point', source: SOURCE, sourceRef: pointRef(t.epochMs, pos.lat, pos.lon), occurredAt: t.instant, data: { ...pos } }, t);
}

/** A `rawSignals` entry: only `position` fixes become `location.point`; Wi-Fi scans and activity records are skipped. */
export function rawSignal(v: unknown): ConnectorRecord | null {
  const pos = obj(obj(v)?.position);
  if (!pos) return null;
  const ll = parseLatLng(pos.LatLng ?? pos.latLng, 'position.LatLng');
  const t = googleTime(pos.timestamp, 'position.timestamp');
  const data: Record<string, unknown> = { ...ll };
  const acc = num(pos.accuracyMeters);
  if (acc !== undefined && acc >= 0) data.accuracyM = acc;
  const alt = num(pos.altitudeMeters);
  if (alt !== undefined) data.altitudeM = alt;
  const speed = num(pos.speedMetersPerSecond);
  if (speed !== undefined && speed >= 0) data.speedMps = speed;
  return withOffset({ type: 'location.point', source: SOURCE, sourceRef: pointRef(t.epochMs, ll.lat, ll.lon), occurredAt: t.instant, data }, t);
}
