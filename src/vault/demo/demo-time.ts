/**
 * Calendar arithmetic for the demo person, who lives in Europe/Paris.
 *
 * Days are handled as integer day numbers (days since 1970-01-01) for speed; a day number
 * turns into a `YYYY-MM-DD` local date with `dateOf`. Local wall times become UTC
 * instants with `parisInstant`, using the EU summer-time rule that France has followed
 * since 1996 (CEST from the last Sunday of March 01:00 UTC to the last Sunday of October
 * 01:00 UTC). It agrees with `zonedToInstant(…, 'Europe/Paris')` from domain/time.ts (a
 * test checks it) and costs no Intl call, which matters for 175,000 readings.
 */

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** Day number of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** `YYYY-MM-DD` of a day number. */
export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Year, month (1–12), day of month and weekday (0 = Sunday) of a day number. */
export function partsOf(day: number): { year: number; month: number; dom: number; weekday: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dom: d.getUTCDate(), weekday: d.getUTCDay() };
}

export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/** The same or next weekday (Monday to Friday): when a direct debit is actually booked. */
export function nextBusinessDay(day: number): number {
  let d = day;
  while (isWeekend(d)) d++;
  return d;
}

/** The last Monday-to-Friday day of a month. */
export function lastBusinessDayOfMonth(year: number, month: number): number {
  let d = dayNumberOf(year, month + 1, 0);
  while (isWeekend(d)) d--;
  return d;
}

/** Number of days in a month. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds months to a date, clamping the day of month (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  const dom = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return dateOf(dayNumberOf(year, month, dom));
}

function lastSundayUtcMs(year: number, month: number): number {
  let d = dayNumberOf(year, month + 1, 0);
  while (weekdayOf(d) !== 0) d--;
  return d * DAY_MS + 3_600_000;
}

const dstCache = new Map<number, [number, number]>();
let lastYearStart = 0;
let lastYearEnd = -1;
let lastRange: [number, number] = [0, 0];
/** UTC offset of Europe/Paris at an instant, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(epochMs: number): number {
  if (epochMs < lastYearStart || epochMs >= lastYearEnd) {
    const year = new Date(epochMs).getUTCFullYear();
    let range = dstCache.get(year);
    if (!range) {
      range = [lastSundayUtcMs(year, 3), lastSundayUtcMs(year, 10)];
      dstCache.set(year, range);
    }
    lastRange = range;
    lastYearStart = Date.UTC(year, 0, 1);
    lastYearEnd = Date.UTC(year + 1, 0, 1);
  }
  return epochMs >= lastRange[0] && epochMs < lastRange[1] ? 120 : 60;
}

/** The Paris offset at an instant as records write it: "+01:00" in winter, "+02:00" in summer. */
export function parisOffset(epochMs: number): string {
  return parisOffsetMinutes(epochMs) === 120 ? '+02:00' : '+01:00';
}

/**
 * Epoch ms of a Paris wall time on a day (minutes after local midnight). An ambiguous
 * autumn time takes the first (summer) occurrence; a spring-gap time is moved forward by
 * the gap, as zonedToInstant does.
 */
export function parisEpochMs(day: number, minuteOfDay: number): number {
  const naive = day * DAY_MS + minuteOfDay * MINUTE_MS;
  const summer = naive - 120 * MINUTE_MS;
  if (parisOffsetMinutes(summer) === 120) return summer;
  return naive - 60 * MINUTE_MS;
}

/** A Paris wall time as `{ at, offset }`: the UTC instant and the offset written "+02:00". */
export function parisInstant(day: number, minuteOfDay: number): { at: string; offset: string } {
  const ms = parisEpochMs(day, minuteOfDay);
  return { at: new Date(ms).toISOString(), offset: parisOffset(ms) };
}

/** Local (Paris) hour as a fraction (7.5 = 07:30) and local day number of an instant. */
export function parisLocal(epochMs: number): { day: number; hour: number } {
  const local = epochMs + parisOffsetMinutes(epochMs) * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  return { day, hour: (local - day * DAY_MS) / 3_600_000 };
}

/** "HH:MM" of a minute of the day. */
export function hhmm(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** "DD/MM" of a day, as French card labels write the purchase date. */
export function ddmm(day: number): string {
  const p = partsOf(day);
  return `${String(p.dom).padStart(2, '0')}/${String(p.month).padStart(2, '0')}`;
}

/** "DD/MM/YYYY", as French documents write a date. */
export function frenchDate(day: number): string {
  const p = partsOf(day);
  return `${String(p.dom).padStart(2, '0')}/${String(p.month).padStart(2, '0')}/${p.year}`;
}

const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
/** "mars 2025". */
export function frenchMonth(year: number, month: number): string {
  return `${MONTHS_FR[month - 1]} ${year}`;
}
