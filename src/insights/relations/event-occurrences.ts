import ICAL from 'ical.js';
import { offsetAt, toEpochMs, zonedToInstant } from '../../domain/time.ts';

/**
 * When a calendar event happens: its start, or every start of its recurrence (RRULE and
 * RDATEs, minus EXDATEs and the occurrences that an overriding record replaces), expanded
 * in the event's own wall time so that a weekly 09:30 meeting stays at 09:30 across
 * daylight-saving changes.
 * Example: a "FREQ=WEEKLY;BYDAY=MO" event from 2025-01-06 gives 4 starts in January 2025.
 */
export interface OccurrenceSource {
  start: string;
  allDay: boolean;
  timeZone?: string;
  startOffset?: string;
  rrule?: string;
  rdates: string[];
  exdates: string[];
}

/** A safety bound: a rule with neither UNTIL nor COUNT stops at `toMs` anyway. */
const MAX_OCCURRENCES = 50_000;

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** Start instants (epoch ms) of an event's occurrences in [fromMs, toMs), ascending. */
export function eventOccurrences(e: OccurrenceSource, fromMs: number, toMs: number, replaced: ReadonlySet<number> = new Set()): number[] {
  const startMs = toEpochMs(e.start);
  if (!e.rrule) {
    const all = [startMs, ...e.rdates.map(toEpochMs)].filter((t) => t >= fromMs && t < toMs && !replaced.has(t));
    return [...new Set(all)].sort((a, b) => a - b);
  }
  // Wall time of the first start: the zone's offset, else the offset the source wrote, else UTC.
  const offsetMin = e.allDay ? 0 : e.timeZone ? safeOffsetAt(startMs, e.timeZone) ?? fallbackOffset(e) : fallbackOffset(e);
  const wall = new Date(startMs + offsetMin * 60_000);
  const dtstart = ICAL.Time.fromData({
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    isDate: e.allDay,
  });
  const zone = !e.allDay && e.timeZone && safeOffsetAt(startMs, e.timeZone) !== undefined ? e.timeZone : undefined;
  let lastOffset = offsetMin;
  const toInstantMs = (t: ICAL.Time): number => {
    const w = { year: t.year, month: t.month, day: t.day, hour: e.allDay ? 0 : t.hour, minute: e.allDay ? 0 : t.minute, second: e.allDay ? 0 : t.second };
    const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    if (!zone) return naive - offsetMin * 60_000;
    // Most occurrences share the previous one's offset: one look-up confirms it.
    const guess = naive - lastOffset * 60_000;
    if (offsetAt(guess, zone) === lastOffset) return guess;
    const exact = zonedToInstant(w, zone);
    lastOffset = exact.offsetMinutes;
    return Date.parse(exact.instant);
  };
  const excluded = new Set<number>([...replaced, ...e.exdates.map(toEpochMs)]);
  const out = new Set<number>();
  const it = ICAL.Recur.fromString(e.rrule).iterator(dtstart);
  for (let n = 0, next = it.next(); next && n < MAX_OCCURRENCES; n++, next = it.next()) {
    const t = toInstantMs(next);
    if (t >= toMs) break;
    if (t >= fromMs && !excluded.has(t)) out.add(t);
  }
  for (const r of e.rdates) {
    const t = toEpochMs(r);
    if (t >= fromMs && t < toMs && !excluded.has(t)) out.add(t);
  }
  return [...out].sort((a, b) => a - b);
}

function fallbackOffset(e: OccurrenceSource): number {
  return e.startOffset ? offsetMinutes(e.startOffset) : 0;
}

/** The zone's offset, or undefined when the zone is not an IANA name this runtime knows. */
function safeOffsetAt(ms: number, timeZone: string): number | undefined {
  return knownZone(timeZone) ? offsetAt(ms, timeZone) : undefined;
}

const zoneKnown = new Map<string, boolean>();
function knownZone(timeZone: string): boolean {
  let known = zoneKnown.get(timeZone);
  if (known === undefined) {
    known = Intl.supportedValuesOf('timeZone').includes(timeZone) || timeZone === 'UTC';
    zoneKnown.set(timeZone, known);
  }
  return known;
}
