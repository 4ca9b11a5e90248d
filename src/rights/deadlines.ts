import { DEFAULT_TIME_ZONE, localDateStart, offsetAt, type Instant, type LocalDate } from '../domain/time.ts';

/**
 * The deadlines of art. 12(3) GDPR: the organisation answers "without undue delay and in
 * any event within one month of receipt of the request"; it may extend that "by two
 * further months where necessary", telling the person within the first month, with its
 * reasons. A period in months ends on the same day of the month as it started; when that
 * month has no such day (31 January + 1 month), it ends on the month's last day
 * (Regulation (EEC, Euratom) No 1182/71, art. 3(2)(c)), so 31 January → 28 (or 29) February.
 * The deadline is counted from the day the person sent the request, in their time zone,
 * which never gives the organisation more time than the law does.
 */

/** The largest extension art. 12(3) allows, in months. */
export const MAX_EXTENSION_MONTHS = 2;

function parts(d: LocalDate): [number, number, number] {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return [y, m, day];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `date` plus `months` calendar months, clamped to the end of a shorter month: addMonths('2025-01-31', 1) = '2025-02-28'. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** The day after `date`. */
export function nextDay(date: LocalDate): LocalDate {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The local date of an instant in a time zone: localDateOf(Date.parse('2025-03-31T22:30:00Z'), 'Europe/Paris') = '2025-04-01'. */
export function localDateOf(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): LocalDate {
  return new Date(epochMs + offsetAt(epochMs, timeZone) * 60_000).toISOString().slice(0, 10);
}

/** The last day to answer a request sent on `sentOn`, with `extensionMonths` further months (0–2). */
export function dueDate(sentOn: LocalDate, extensionMonths = 0): LocalDate {
  if (!Number.isInteger(extensionMonths) || extensionMonths < 0 || extensionMonths > MAX_EXTENSION_MONTHS) throw new RangeError(`an extension is 0 to ${MAX_EXTENSION_MONTHS} months, not ${extensionMonths}`);
  return addMonths(sentOn, 1 + extensionMonths);
}

/** True once the whole due day has passed in the person's time zone. */
export function isPastDue(dueOn: LocalDate, nowMs: number, timeZone: string = DEFAULT_TIME_ZONE): boolean {
  return localDateOf(nowMs, timeZone) > dueOn;
}

/** The instant a request due on `dueOn` became overdue: the start of the next day, in the person's time zone. */
export function overdueFrom(dueOn: LocalDate, timeZone: string = DEFAULT_TIME_ZONE): Instant {
  return localDateStart(nextDay(dueOn), timeZone).instant;
}

/** Whole days from `today` to `dueOn` (negative when past). */
export function daysUntil(dueOn: LocalDate, today: LocalDate): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
