import { formatOffset, isRealDate, zonedToInstant } from '../../domain/time.ts';

/**
 * OFX dates: `YYYYMMDD[HHMMSS[.XXX]][[gmt offset[:tz name]]]`, e.g.
 * `20250312`, `20250312143000`, `20250312143000.000[-5:EST]`, `20250312[+1:CET]`.
 *
 * - The date as written (`2025-03-12`) is the local date the bank meant; it is what
 *   bookingDate/valueDate keep, whatever the offset.
 * - The numeric offset wins over the zone name. A bracket with no usable number falls
 *   back to a known zone name, else to UTC (and no source offset is claimed); both with
 *   a warning, never an error.
 * - A time without a bracket is GMT, as the OFX specification says.
 * - A date without a time is a local date; its instant is midnight in `timeZone`
 *   (the person's zone), and no source offset is claimed.
 */
export interface OfxDate {
  /** The calendar date as written, YYYY-MM-DD. */
  date: string;
  /** The UTC instant. */
  instant: string;
  /** The source's offset, when the file gave one ("+01:00"). */
  offset?: string;
  hasTime: boolean;
  /** Set when the offset was malformed and a fallback was used. */
  warning?: string;
}

const DATE_RE = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?(?:[.,](\d{1,6}))?)?\s*(.*)$/s;

const ZONE_NAMES: Record<string, number> = {
  GMT: 0, UTC: 0, UT: 0, Z: 0, WET: 0, BST: 60, WEST: 60, CET: 60, MET: 60, CEST: 120, MEST: 120,
  EET: 120, EEST: 180, MSK: 180, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600, AST: -240, NST: -210, JST: 540, IST: 330,
};

/** Parses an OFX date; returns null when the date itself (not the offset) is not one. */
export function parseOfxDate(text: string, timeZone: string): OfxDate | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss, , rest] = m;
  const date = `${y}-${mo}-${d}`;
  if (!isRealDate(date)) return null;
  const hasTime = hh !== undefined;
  if (hasTime && (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 59)) return null;
  const tz = parseBracket(rest ?? '');
  const wall = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(hh ?? 0), minute: Number(mi ?? 0), second: Number(ss ?? 0) };
  let offsetMinutes: number | undefined = tz.minutes;
  if (offsetMinutes === undefined && hasTime) offsetMinutes = 0; // OFX: no zone means GMT
  const out: OfxDate = { date, instant: '', hasTime };
  if (offsetMinutes === undefined) {
    out.instant = zonedToInstant(wall, timeZone).instant;
  } else {
    const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - offsetMinutes * 60_000;
    out.instant = new Date(utc).toISOString();
    if (tz.minutes !== undefined && !tz.guessed) out.offset = formatOffset(tz.minutes);
  }
  if (tz.warning) out.warning = `date "${text.trim()}": ${tz.warning}`;
  return out;
}

function parseBracket(rest: string): { minutes?: number; warning?: string; guessed?: boolean } {
  const s = rest.trim();
  if (s === '') return {};
  const inner = s.replace(/^\[/, '').replace(/\]$/, '').trim();
  const malformed = !s.startsWith('[') || !s.endsWith(']');
  const [numPart = '', ...nameParts] = inner.split(':');
  const name = nameParts.join(':').trim().toUpperCase();
  const num = /^[+-]\d{2}:?\d{2}$/.test(inner) ? parseNumericOffset(inner) : parseNumericOffset(numPart.trim());
  if (num !== undefined && !malformed) return { minutes: num };
  if (num !== undefined) return { minutes: num, warning: `time zone "${s}" is malformed; used the offset ${formatOffset(num)}` };
  const byName = ZONE_NAMES[name] ?? ZONE_NAMES[numPart.trim().toUpperCase()];
  if (byName !== undefined) return { minutes: byName, warning: `time zone "${s}" has no usable offset; used the zone name (${formatOffset(byName)})` };
  return { minutes: 0, guessed: true, warning: `time zone "${s}" is not understood; the time was taken as UTC` };
}

function parseNumericOffset(s: string): number | undefined {
  let m = /^([+-]?)(\d{1,2})(?:\.(\d{1,2}))?$/.exec(s);
  let minutes: number | undefined;
  // "+5.5" and "+5.75" are decimal hours; "+5.30" and "+5.45" are written minutes.
  if (m) minutes = Number(m[2]) * 60 + (!m[3] ? 0 : m[3].length === 2 && !['25', '50', '75'].includes(m[3]) ? Number(m[3]) : Math.round(Number(`0.${m[3]}`) * 60));
  else if ((m = /^([+-])(\d{2}):?(\d{2})$/.exec(s))) minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes === undefined || !m || minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}
