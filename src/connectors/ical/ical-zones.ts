import ICAL from 'ical.js';
import { formatOffset, wallAsUtcMs, zonedToInstant, type WallTime } from '../../domain/time.ts';

/**
 * How a TZID becomes UTC. In order: the VTIMEZONE of the same VCALENDAR (RFC 5545 makes it
 * authoritative, and Outlook writes custom ones), an IANA name, a Windows zone name
 * (Outlook and Exchange write "Romance Standard Time"), a path ending in an IANA name
 * ("/mozilla.org/20050126_1/Europe/Paris"). Otherwise the caller falls back to the
 * calendar's default zone and warns.
 */
export type ZoneRule = { kind: 'vtimezone'; tz: InstanceType<typeof ICAL.Timezone> } | { kind: 'iana'; name: string };

/** Common Windows zone names and their IANA zone (CLDR windowsZones, the ones seen in French calendars). */
const WINDOWS_ZONES: Record<string, string> = {
  'romance standard time': 'Europe/Paris',
  'w. europe standard time': 'Europe/Berlin',
  'central europe standard time': 'Europe/Budapest',
  'central european standard time': 'Europe/Warsaw',
  'gmt standard time': 'Europe/London',
  'greenwich standard time': 'Atlantic/Reykjavik',
  'utc': 'UTC',
  'coordinated universal time': 'UTC',
  'e. europe standard time': 'Europe/Chisinau',
  'fle standard time': 'Europe/Kiev',
  'gtb standard time': 'Europe/Bucharest',
  'morocco standard time': 'Africa/Casablanca',
  'w. central africa standard time': 'Africa/Lagos',
  'eastern standard time': 'America/New_York',
  'central standard time': 'America/Chicago',
  'mountain standard time': 'America/Denver',
  'pacific standard time': 'America/Los_Angeles',
  'atlantic standard time': 'America/Halifax',
  'sa eastern standard time': 'America/Cayenne',
  'se asia standard time': 'Asia/Bangkok',
  'tokyo standard time': 'Asia/Tokyo',
  'china standard time': 'Asia/Shanghai',
  'india standard time': 'Asia/Kolkata',
  'arabian standard time': 'Asia/Dubai',
  'reunion standard time': 'Indian/Reunion',
  'mauritius standard time': 'Indian/Mauritius',
  'aus eastern standard time': 'Australia/Sydney',
  'hawaiian standard time': 'Pacific/Honolulu',
  'new caledonia standard time': 'Pacific/Noumea',
};

export function isIanaZone(name: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  return canFormatIn(name);
}

// Every date-time with a TZID asks again (DTSTART, DTEND, each EXDATE); building an
// Intl.DateTimeFormat costs far more than the lookup.
const knownZones = new Map<string, boolean>();

function canFormatIn(name: string): boolean {
  let ok = knownZones.get(name);
  if (ok !== undefined) return ok;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    ok = true;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    ok = false;
  }
  if (knownZones.size > 1000) knownZones.clear();
  knownZones.set(name, ok);
  return ok;
}

export function resolveTzid(tzid: string, vtimezones: Map<string, InstanceType<typeof ICAL.Timezone>>): ZoneRule | null {
  const own = vtimezones.get(tzid);
  if (own) return { kind: 'vtimezone', tz: own };
  const t = tzid.trim().replace(/^"|"$/g, '');
  if (isIanaZone(t)) return { kind: 'iana', name: t };
  const win = WINDOWS_ZONES[t.toLowerCase()];
  if (win) return { kind: 'iana', name: win };
  const parts = t.split('/').filter((p) => p !== '');
  for (let n = Math.min(3, parts.length); n >= 2; n--) {
    const tail = parts.slice(-n).join('/');
    if (isIanaZone(tail)) return { kind: 'iana', name: tail };
  }
  return null;
}

/** The instant of a wall time under a zone rule, with the offset in force. */
export function wallToInstant(wall: WallTime, rule: ZoneRule): { instant: string; offset: string } {
  if (rule.kind === 'iana') {
    const r = zonedToInstant(wall, rule.name);
    return { instant: r.instant, offset: formatOffset(r.offsetMinutes) };
  }
  const t = ICAL.Time.fromData({ ...wall, isDate: false });
  const offsetS = rule.tz.utcOffset(t);
  const ms = wallAsUtcMs(wall) - offsetS * 1000;
  return { instant: new Date(ms).toISOString(), offset: formatOffset(Math.round(offsetS / 60)) };
}
