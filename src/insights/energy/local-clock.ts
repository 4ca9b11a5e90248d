import { MesInfosError } from '../../domain/errors.ts';
import { offsetAt } from '../../domain/time.ts';

export const DAY_MS = 86_400_000;
export const SLOT_MS = 1_800_000;
export const SLOTS_PER_DAY = 48;

/**
 * Local wall time in one IANA time zone, fast enough for a loop over every half-hour of
 * ten years: the offset is asked once per UTC day (twice where it changes that day).
 * Day numbers count days since 1970-01-01 (local dates: day 0 is 1970-01-01).
 *
 * Example: new LocalClock('Europe/Paris').localDay(Date.parse('2025-03-01T23:30:00Z')) → the
 * day number of 2025-03-02 (00:30 in Paris).
 */
export class LocalClock {
  private readonly dayOffsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      throw new MesInfosError('INPUT_INVALID', `"${timeZone}" is not a time zone (expected an IANA name like Europe/Paris).`);
    }
  }

  /** Offset east of UTC, in milliseconds, at an instant. */
  offsetMs(epochMs: number): number {
    const utcDay = Math.floor(epochMs / DAY_MS);
    let o = this.dayOffsets.get(utcDay);
    if (o === undefined) {
      const a = offsetAt(utcDay * DAY_MS, this.timeZone);
      const b = offsetAt(utcDay * DAY_MS + DAY_MS - 1, this.timeZone);
      // NaN marks a day whose offset changes: asked per instant.
      o = a === b ? a * 60_000 : Number.NaN;
      this.dayOffsets.set(utcDay, o);
    }
    return Number.isNaN(o) ? offsetAt(epochMs, this.timeZone) * 60_000 : o;
  }

  /** Local day number of an instant. */
  localDay(epochMs: number): number {
    return Math.floor((epochMs + this.offsetMs(epochMs)) / DAY_MS);
  }

  /** The instant local midnight starts a day (the first instant of the day across a DST change). */
  midnight(day: number): number {
    const guess = day * DAY_MS;
    let t = guess - this.offsetMs(guess);
    // Correct once if the offset at the guess differs from the offset at the result.
    t = guess - this.offsetMs(t);
    return t;
  }

  /**
   * The local days [fromDay, toDay) of a period asked as dates or instants; without `to`,
   * up to the day after the one holding `lastMs` (the last data); without `from`, a year
   * before `to`. An empty period is refused.
   */
  period(p: { from?: string | undefined; to?: string | undefined }, lastMs: number): { fromDay: number; toDay: number } {
    const toDay = p.to ? this.dayOf(p.to) : this.localDay(lastMs - 1) + 1;
    const fromDay = p.from ? this.dayOf(p.from) : yearBefore(toDay);
    if (!(fromDay < toDay)) throw new MesInfosError('INPUT_INVALID', `The period is empty: from ${dateOf(fromDay)} is not before to ${dateOf(toDay)}.`, { field: 'from' });
    return { fromDay, toDay };
  }

  /** Local day of a date ("2025-03-01") or an instant ("2025-03-01T10:00:00Z"). */
  dayOf(dateOrInstant: string): number {
    if (/^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant)) return dayNumber(dateOrInstant);
    const ms = Date.parse(dateOrInstant);
    if (Number.isNaN(ms)) throw new MesInfosError('INPUT_INVALID', `"${dateOrInstant}" is not a date or an instant.`);
    return this.localDay(ms);
  }
}

/** Day number of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** `YYYY-MM-DD` of a day number. */
export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM` of a day number. */
export function monthOf(day: number): string {
  return dateOf(day).slice(0, 7);
}

/** The same calendar date a year earlier (29 February → 28 February). */
export function yearBefore(day: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear() - 1;
  const m = d.getUTCMonth();
  const dom = Math.min(d.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
  return Date.UTC(y, m, dom) / DAY_MS;
}

/**
 * Fraction of months in [fromDay, toDay): each calendar month counts the share of its days
 * in the period (a whole month is 1, 15 days of April is 0.5).
 */
export function monthsBetween(fromDay: number, toDay: number): number {
  let months = 0;
  let d = fromDay;
  while (d < toDay) {
    const date = new Date(d * DAY_MS);
    const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
    const days = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    const end = Math.min(next, toDay);
    months += (end - d) / days;
    d = end;
  }
  return months;
}
