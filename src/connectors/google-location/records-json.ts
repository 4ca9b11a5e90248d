import type { ConnectorRecord } from '../connector.ts';
import { GoogleValueError, SOURCE, fromE7, googleTimeOf, num, obj, pointRef, str } from './google-values.ts';

/**
 * One entry of Takeout's `Records.json` `locations` array → `location.point`.
 * { latitudeE7, longitudeE7, accuracy, altitude, velocity, heading, activity:[{activity:
 *   [{type, confidence}], timestamp}], source, deviceTag, timestamp | timestampMs }.
 * Returns null for an entry with no position (some carry only an activity guess).
 */
export function recordsEntry(v: unknown): ConnectorRecord | null {
  const o = obj(v);
  if (!o) throw new GoogleValueError('expected a location object');
  if (o.latitudeE7 === undefined && o.longitudeE7 === undefined) return null;
  const lat = fromE7(o.latitudeE7, 'latitudeE7', 90);
  const lon = fromE7(o.longitudeE7, 'longitudeE7', 180);
  const t = googleTimeOf(o, ['timestamp', 'timestampMs']);
  const data: Record<string, unknown> = { lat, lon };
  const acc = num(o.accuracy);
  if (acc !== undefined && acc >= 0) data.accuracyM = acc;
  const alt = num(o.altitude);
  if (alt !== undefined) data.altitudeM = alt;
  const speed = num(o.velocity);
  if (speed !== undefined && speed >= 0) data.speedMps = speed;
  const heading = num(o.heading);
  if (heading !== undefined && heading >= 0 && heading <= 360) data.headingDeg = heading;
  const activity = topActivity(o.activity);
  if (activity) data.activity = activity;
  if (o.deviceTag !== undefined && o.deviceTag !== null) data.device = String(o.deviceTag);
  return { type: 'location.point', source: SOURCE, sourceRef: pointRef(t.epochMs, lat, lon), occurredAt: t.instant, data };
}

/** The most confident activity of the first activity guess. */
function topActivity(raw: unknown): string | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const guesses = obj(raw[0])?.activity;
  if (!Array.isArray(guesses)) return undefined;
  let best: { type: string; confidence: number } | undefined;
  for (const g of guesses) {
    const o = obj(g);
    const type = str(o?.type);
    const confidence = num(o?.confidence) ?? 0;
    if (type && (!best || confidence > best.confidence)) best = { type, confidence };
  }
  return best?.type;
}
