import { formatOffset, isRealDate, zonedToInstant } from '../../domain/time.ts';

/**
 * Parses an ISO 8601 / RFC 3339 date-time as exports write it — "2024-06-01T08:30:00Z",
 * "2024-06-01T10:30:00.123+02:00", "2017-03-30 09:29:00 +0200" (Apple Health),
 * "2024-06-01T08:30:00" (no zone) — into a UTC instant, plus the offset when the text
 * gave a numeric one ("+02:00"; none for "Z", which says UTC, not a local offset).
 *
 * A time without zone is read in `naive`: 'utc' (GPX says all times are UTC) or an IANA
 * time zone. Returns null when the text is not such a date-time or not a real date.
 * Fractions of a second are kept to the millisecond.
 */
export interface ParsedInstant {
  instant: string;
  /** "+02:00" when the text carried a numeric offset. */
  offset?: string;
  epochMs: number;
}

const RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Exports repeat the same times over and over (a start that is the previous end, a
 * creation time shared by a batch): a small memo saves most of the parsing on large files.
 * Results are frozen, since they are shared.
 */
const memo = new Map<string, Readonly<ParsedInstant> | null>();
const MEMO_MAX = 4096;

export function parseIsoInstant(text: string, naive: 'utc' | string = 'utc'): Readonly<ParsedInstant> | null {
  const key = naive === 'utc' ? text : `${naive}\u0000${text}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const out = parse(text, naive);
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(key, out ? Object.freeze(out) : null);
  return out;
}

function parse(text: string, naive: string): ParsedInstant | null {
  const m = RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (!isRealDate(`${y}-${mo}-${d}`) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 60) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Math.min(Number(s ?? 0), 59)) + ms;
  let epochMs: number;
  let offset: string | undefined;
  if (zone === 'Z' || zone === 'z') epochMs = wall;
  else if (zone) {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
    if (Math.abs(minutes) > 14 * 60) return null;
    epochMs = wall - minutes * 60_000;
    offset = formatOffset(minutes);
  } else if (naive === 'utc') epochMs = wall;
  else {
    const z = zonedToInstant(
      { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Math.min(Number(s ?? 0), 59) },
      naive,
    );
    epochMs = Date.parse(z.instant) + ms;
    offset = formatOffset(z.offsetMinutes);
  }
  const out: ParsedInstant = { instant: new Date(epochMs).toISOString(), epochMs };
  if (offset !== undefined) out.offset = offset;
  return out;
}
