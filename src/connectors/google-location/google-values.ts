import { parseIsoInstant } from '../util/iso-instant.ts';

/**
 * Value shapes of Google location exports, generation by generation, and their quirks.
 */
export const SOURCE = 'google-location';

/** Thrown by the parsers below; the connector adds file, line and path. */
export class GoogleValueError extends Error {}

const TWO_32 = 4294967296;

/**
 * An E7 integer (degrees × 10⁷) to degrees. Known quirk of Takeout's Records.json: some
 * negative values were written as unsigned 32-bit integers (longitudeE7 3437000000 for
 * -85.7°); any value above 1 800 000 000 is such an overflow and 2³² is subtracted
 * (as location-history-json-converter does since its issue #22).
 */
export function fromE7(raw: unknown, field: string, max: 90 | 180): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw new GoogleValueError(`${field} should be an integer (degrees × 10⁷), found ${JSON.stringify(raw)}`);
  const v = (raw > 1_800_000_000 ? raw - TWO_32 : raw) / 1e7;
  if (Math.abs(v) > max) throw new GoogleValueError(`${field} ${raw} is not a ${max === 90 ? 'latitude' : 'longitude'} (degrees × 10⁷)`);
  return v;
}

export interface GoogleTime {
  epochMs: number;
  instant: string;
  offset?: string;
}

/**
 * A Google timestamp: ISO 8601 ("2024-01-05T08:00:00.000Z", "…+01:00"), milliseconds
 * since the epoch as a string or number ("1704441600000", older timestampMs), or seconds
 * (10 digits or fewer).
 */
export function googleTime(raw: unknown, field: string): GoogleTime {
  if ((typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) || (typeof raw === 'number' && Number.isFinite(raw))) {
    const n = Number(raw);
    const ms = Math.abs(n) >= 1e11 ? n : n * 1000;
    const d = new Date(ms);
    if (Number.isNaN(d.getTime())) throw new GoogleValueError(`${field} ${JSON.stringify(raw)} is not a time`);
    return { epochMs: ms, instant: d.toISOString() };
  }
  if (typeof raw === 'string') {
    const t = parseIsoInstant(raw, 'utc');
    if (t) {
      const out: GoogleTime = { epochMs: t.epochMs, instant: t.instant };
      if (t.offset) out.offset = t.offset;
      return out;
    }
  }
  throw new GoogleValueError(`${field} should be a date and time (ISO 8601 or milliseconds), found ${JSON.stringify(raw)}`);
}

/** The first time among the fields present ("timestamp" or "timestampMs"…). */
export function googleTimeOf(o: Record<string, unknown>, fields: string[]): GoogleTime {
  for (const f of fields) if (o[f] !== undefined && o[f] !== null) return googleTime(o[f], f);
  throw new GoogleValueError(`a time is missing: expected ${fields.join(' or ')}`);
}

/**
 * A position as the newer Timeline exports write it: "50.0506312°, 14.3439906°" (Android)
 * or "geo:48.858370,2.294481" (iOS), or plain "48.85, 2.29".
 */
export function parseLatLng(raw: unknown, field: string): { lat: number; lon: number } {
  if (typeof raw === 'string') {
    const m = /^\s*(?:geo:)?\s*(-?\d+(?:\.\d+)?)\s*°?\s*,\s*(-?\d+(?:\.\d+)?)\s*°?\s*$/.exec(raw);
    if (m) {
      const lat = Number(m[1]);
      const lon = Number(m[2]);
      if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) return { lat, lon };
    }
  }
  throw new GoogleValueError(`${field} should be a position like "48.8584°, 2.2945°" or "geo:48.8584,2.2945", found ${JSON.stringify(raw)}`);
}

const MODES: [RegExp, string][] = [
  [/^(IN_PASSENGER_VEHICLE|IN_VEHICLE|IN_CAR|DRIVING|IN_TAXI|IN_ROAD_VEHICLE|DRIVE)$/, 'car'],
  [/^(WALKING|ON_FOOT|HIKING|WALK)$/, 'walking'],
  [/^(RUNNING|RUN)$/, 'running'],
  [/^(CYCLING|IN_BICYCLE|ON_BICYCLE|BIKING|BICYCLE)$/, 'cycling'],
  [/^MOTORCYCLING$/, 'motorcycle'],
  [/^(IN_BUS|BUS)$/, 'bus'],
  [/^(IN_TRAM|TRAM|IN_TRAM_CAR)$/, 'tram'],
  [/^(IN_SUBWAY|SUBWAY|METRO)$/, 'metro'],
  [/^(IN_TRAIN|TRAIN|IN_RAIL_VEHICLE)$/, 'train'],
  [/^(FLYING|IN_PLANE|PLANE)$/, 'plane'],
  [/^(IN_FERRY|FERRY|SAILING|BOATING|KAYAKING|ROWING)$/, 'boat'],
  [/^(UNKNOWN_ACTIVITY_TYPE|UNKNOWN|UNKNOWN_ACTIVITY)$/, 'unknown'],
];

/** Google's activity type ("IN_PASSENGER_VEHICLE", iOS "in passenger vehicle") → track mode. */
export function modeOf(type: unknown): string {
  if (typeof type !== 'string' || type.trim() === '') return 'unknown';
  const t = type.trim().toUpperCase().replace(/\s+/g, '_');
  for (const [re, mode] of MODES) if (re.test(t)) return mode;
  return 'other';
}

/** A number given as a number or a numeric string ("1234.5"), else undefined. */
export function num(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return undefined;
}

export function obj(raw: unknown): Record<string, unknown> | undefined {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

export function str(raw: unknown): string | undefined {
  return typeof raw === 'string' && raw.trim() !== '' ? raw : undefined;
}

/** Reference of a position fix: its time and position, so re-imports dedup. */
export function pointRef(epochMs: number, lat: number, lon: number): string {
  return `${epochMs}:${Math.round(lat * 1e7)},${Math.round(lon * 1e7)}`;
}
