import type { ConnectorRecord } from '../connector.ts';
import { GoogleValueError, SOURCE, fromE7, googleTimeOf, modeOf, num, obj, str } from './google-values.ts';

/**
 * One `timelineObjects` entry of a Semantic Location History monthly file
 * (`Semantic Location History/2024/2024_JANUARY.json`):
 * - placeVisit → `place.visit` (name, address, placeId, semanticType, visitConfidence);
 * - activitySegment → `track` (kind 'activity', mode from activityType, distance in
 *   metres, points: start, simplifiedRawPath (timed) or else waypointPath, end).
 * Timestamps are `startTimestamp` (ISO) in recent files and `startTimestampMs` (string of
 * milliseconds) in older ones.
 */
export function timelineObject(v: unknown): ConnectorRecord | null {
  const o = obj(v);
  if (!o) throw new GoogleValueError('expected a timeline object');
  const visit = obj(o.placeVisit);
  if (visit) return placeVisit(visit);
  const seg = obj(o.activitySegment);
  if (seg) return activitySegment(seg);
  return null;
}

function duration(o: Record<string, unknown>) {
  const d = obj(o.duration);
  if (!d) throw new GoogleValueError('duration is missing');
  return {
    start: googleTimeOf(d, ['startTimestamp', 'startTimestampMs']),
    end: googleTimeOf(d, ['endTimestamp', 'endTimestampMs']),
  };
}

function e7Point(o: Record<string, unknown> | undefined, where: string, latKey = 'latitudeE7', lonKey = 'longitudeE7') {
  if (!o) throw new GoogleValueError(`${where} is missing`);
  return { lat: fromE7(o[latKey], `${where}.${latKey}`, 90), lon: fromE7(o[lonKey], `${where}.${lonKey}`, 180) };
}

function placeVisit(v: Record<string, unknown>): ConnectorRecord {
  const loc = obj(v.location);
  const { start, end } = duration(v);
  const pos =
    loc && loc.latitudeE7 !== undefined ? e7Point(loc, 'placeVisit.location') : e7Point(v, 'placeVisit', 'centerLatE7', 'centerLngE7');
  const data: Record<string, unknown> = { lat: pos.lat, lon: pos.lon, start: start.instant, end: end.instant };
  const name = str(loc?.name);
  if (name) data.name = name;
  const address = str(loc?.address);
  if (address) data.address = address.replace(/\n/g, ', ');
  const placeId = str(loc?.placeId);
  if (placeId) data.placeId = placeId;
  const semanticType = str(loc?.semanticType);
  if (semanticType && semanticType !== 'TYPE_UNKNOWN') data.semanticType = semanticType.replace(/^TYPE_/, '').toLowerCase();
  const confidence = num(v.visitConfidence);
  if (confidence !== undefined && confidence >= 0 && confidence <= 100) data.confidence = confidence;
  return { type: 'place.visit', source: SOURCE, sourceRef: visitRef(placeId, pos, start.epochMs), occurredAt: start.instant, data };
}

/** Shared with the newer Timeline exports, so one visit in both kinds of file dedups. */
export function visitRef(placeId: string | undefined, pos: { lat: number; lon: number }, startMs: number): string {
  return `visit:${placeId ?? `${Math.round(pos.lat * 1e7)},${Math.round(pos.lon * 1e7)}`}:${startMs}`;
}

export function activityRef(startMs: number, endMs: number): string {
  return `activity:${startMs}:${endMs}`;
}

function activitySegment(s: Record<string, unknown>): ConnectorRecord {
  const { start, end } = duration(s);
  const points: { lat: number; lon: number; at?: string }[] = [];
  const startLoc = obj(s.startLocation);
  const endLoc = obj(s.endLocation);
  if (startLoc) points.push({ ...e7Point(startLoc, 'activitySegment.startLocation'), at: start.instant });
  // The timed raw path when there is one, else the (untimed) road-snapped waypoints.
  const raw = obj(s.simplifiedRawPath)?.points;
  const waypoints = obj(s.waypointPath)?.waypoints;
  if (Array.isArray(raw) && raw.length > 0)
    raw.forEach((r, i) => {
      const o = obj(r);
      const field = `activitySegment.simplifiedRawPath.points[${i}]`;
      const at = googleTimeOf(o ?? {}, ['timestamp', 'timestampMs']);
      points.push({ ...e7Point(o, field, 'latE7', 'lngE7'), at: at.instant });
    });
  else if (Array.isArray(waypoints))
    waypoints.forEach((w, i) => points.push(e7Point(obj(w), `activitySegment.waypointPath.waypoints[${i}]`, 'latE7', 'lngE7')));
  if (endLoc) points.push({ ...e7Point(endLoc, 'activitySegment.endLocation'), at: end.instant });
  const data: Record<string, unknown> = {
    kind: 'activity',
    mode: modeOf(s.activityType),
    start: start.instant,
    end: end.instant,
    segments: 1,
    points,
  };
  const distance = num(s.distance) ?? num(obj(s.waypointPath)?.distanceMeters);
  if (distance !== undefined && distance >= 0) data.distanceM = distance;
  return { type: 'track', source: SOURCE, sourceRef: activityRef(start.epochMs, end.epochMs), occurredAt: start.instant, data };
}
