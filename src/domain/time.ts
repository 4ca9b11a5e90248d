import { z } from 'zod';

/**
 * Time in MesInfos. An instant is an ISO 8601 string in UTC ending in `Z`
 * ("2025-03-01T08:30:00.000Z"). Where the source gives its local offset, records keep it
 * beside the instant ("+01:00") so the local wall time can be shown again. A date that
 * the source gives without a time stays a `LocalDate` ("2025-03-01"): it is not midnight
 * anywhere.
 */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET_RE = /^[+-](0\d|1[0-4]):[0-5]\d$/;

/** The time zone of naive local times and of local days when the person or a file does not say (MesInfos's first users are in France). */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

export const instantSchema = z
  .string()
  .regex(INSTANT_RE, { message: 'expected a UTC instant like 2025-03-01T08:30:00Z', abort: true })
  .refine((s) => !Number.isNaN(Date.parse(s)) && sameCalendarDay(s), 'not a real date and time');

export const localDateSchema = z
  .string()
  .regex(DATE_RE, { message: 'expected a date like 2025-03-01', abort: true })
  .refine(isRealDate, 'not a real calendar date');

export const offsetSchema = z.string().regex(OFFSET_RE, 'expected a UTC offset like +01:00');

export type Instant = z.infer<typeof instantSchema>;
export type LocalDate = z.infer<typeof localDateSchema>;

export function isRealDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function sameCalendarDay(s: string): boolean {
  // Date.parse accepts 2025-02-30 by rolling over; refuse it.
  return isRealDate(s.slice(0, 10)) && Number(s.slice(11, 13)) < 24;
}

/** Normalises a Date or epoch milliseconds to an instant string. */
export function toInstant(d: Date | number): Instant {
  return new Date(d).toISOString();
}

/** Epoch milliseconds of an instant or of the start (UTC midnight) of a local date. */
export function toEpochMs(s: string): number {
  return DATE_RE.test(s) ? Date.parse(`${s}T00:00:00Z`) : Date.parse(s);
}

/** Formats a minutes offset (+60) as "+01:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/**
 * The UTC instant of a naive local wall time in an IANA time zone. For a wall time that
 * occurs twice (the autumn change), `fold` 0 picks the first, 1 the second; for one that
 * does not exist (the spring gap) the instant is shifted forward by the gap, as most
 * systems do.
 */
export function zonedToInstant(
  wall: { year: number; month: number; day: number; hour: number; minute: number; second?: number },
  timeZone: string,
  fold: 0 | 1 = 0,
): { instant: Instant; offsetMinutes: number } {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  const candidates: number[] = [];
  // Offsets span −12 h to +14 h, so the real instant lies within a day of `naive`: probe a
  // day either side for the offsets before and after any change near it.
  const before = offsetAt(naive - DAY_MS, timeZone);
  for (const guessOffset of [before, offsetAt(naive + DAY_MS, timeZone)]) {
    const t = naive - guessOffset * 60_000;
    if (offsetAt(t, timeZone) === guessOffset && !candidates.includes(t)) candidates.push(t);
  }
  candidates.sort((a, b) => a - b);
  let t: number;
  if (candidates.length === 0) {
    // In the gap: use the offset before the change.
    t = naive - before * 60_000;
  } else t = candidates[Math.min(fold, candidates.length - 1)]!;
  return { instant: new Date(t).toISOString(), offsetMinutes: offsetAt(t, timeZone) };
}

/**
 * A naive local wall time: calendar fields with no zone, as a source writes them
 * ("2023-10-29 02:30:00" in an Enedis export, DTSTART;TZID=… in a calendar). It becomes an
 * instant only with a zone (`zonedToInstant`). Example: { year: 2023, month: 10, day: 29,
 * hour: 2, minute: 30, second: 0 }.
 */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Epoch milliseconds of a wall time read as if it were UTC (hour 24 rolls to the next day). */
export function wallAsUtcMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/**
 * The instant a local date starts in a time zone (its midnight, or the first wall time after
 * a midnight that a clock change skips), with the offset then in force.
 * Example: localDateStart('2025-03-30', 'Europe/Paris') → { instant: '2025-03-29T23:00:00.000Z', offsetMinutes: 60 }.
 */
export function localDateStart(date: LocalDate, timeZone: string): { instant: Instant; offsetMinutes: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return zonedToInstant({ year, month, day, hour: 0, minute: 0 }, timeZone);
}

const DAY_MS = 86_400_000;

const dtfCache = new Map<string, Intl.DateTimeFormat>();
/** Offset in minutes east of UTC of a time zone at an instant (Europe/Paris in July → 120). */
export function offsetAt(epochMs: number, timeZone: string): number {
  // Offsets change on quarter hours in the time-zone database (since standard time was
  // adopted), so one answer serves a whole 15-minute bucket; asking Intl is ~100× dearer.
  const bucket = Math.floor(epochMs / QUARTER_HOUR);
  let memo = offsetMemo.get(timeZone);
  if (!memo) offsetMemo.set(timeZone, (memo = new Map()));
  const known = memo.get(bucket);
  if (known !== undefined) return known;
  if (memo.size > 100_000) memo.clear();
  const offset = intlOffsetAt(bucket * QUARTER_HOUR, timeZone);
  memo.set(bucket, offset);
  return offset;
}

const QUARTER_HOUR = 900_000;
const offsetMemo = new Map<string, Map<number, number>>();

function intlOffsetAt(epochMs: number, timeZone: string): number {
  let f = dtfCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dtfCache.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(epochMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}
