import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { formatOffset, localDateStart, wallAsUtcMs, type WallTime } from '../../domain/time.ts';
import type { ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import type { ZoneRule } from './ical-zones.ts';
import { resolveTzid, wallToInstant } from './ical-zones.ts';

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;
type Time = InstanceType<typeof ICAL.Time>;

/** What one VCALENDAR gives its events: its zones, its default zone for floating times, its name. */
export interface CalendarScope {
  file: string;
  vtimezones: Map<string, InstanceType<typeof ICAL.Timezone>>;
  /** Zone for floating times: X-WR-TIMEZONE, else ctx.options.timeZone, else Europe/Paris. */
  floatingZone: string;
  calendarName?: string;
  warn(message: string): void;
  /** Warns once per key (a file full of floating times says so once). */
  warnOnce(key: string, message: string): void;
  /** Counts events without UID that hash the same, for the occurrence index. */
  seen: Map<string, number>;
}

interface When {
  /** An instant, or a date for all-day values. */
  value: string;
  isDate: boolean;
  offset?: string;
  timeZone?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (t: Time) => `${t.year}-${pad(t.month)}-${pad(t.day)}`;

/** Turns one VEVENT into a `calendar.event` record. */
export function eventRecord(ev: Component, scope: CalendarScope, line: number, rrules: string[]): ConnectorRecord {
  const where = (field: string) => ({ file: scope.file, line, element: 'VEVENT', field });
  const dtstart = ev.getFirstProperty('dtstart');
  if (!dtstart) throw new ConnectorError(`${scope.file}, line ${line}: this VEVENT has no DTSTART`, where('DTSTART'));
  const start = when(dtstart, scope, line);
  let end: When | undefined;
  const dtend = ev.getFirstProperty('dtend');
  const duration = ev.getFirstPropertyValue('duration');
  if (dtend) end = when(dtend, scope, line);
  else if (duration instanceof ICAL.Duration) {
    const t = start.isDate ? ICAL.Time.fromDateString(start.value) : timeOf(dtstart, scope, line).clone();
    t.addDuration(duration);
    end = start.isDate ? { value: dateOf(t), isDate: true } : convert(t, dtstart.getParameter('tzid'), scope, line);
  } else if (start.isDate) {
    // RFC 5545: an all-day event without DTEND or DURATION lasts one day.
    const t = ICAL.Time.fromDateString(start.value);
    t.adjust(1, 0, 0, 0);
    end = { value: dateOf(t), isDate: true };
  }
  // A bad end is common in hand-edited calendars; the event is still worth keeping.
  if (end && end.isDate !== start.isDate) {
    scope.warn(`${scope.file}, line ${line}: DTSTART and DTEND are not both dates or both date-times; the end is left out`);
    end = undefined;
  } else if (end && end.value < start.value) {
    scope.warn(`${scope.file}, line ${line}: DTEND (${end.value}) is before DTSTART (${start.value}); the end is left out`);
    end = undefined;
  }

  const text = (name: string) => {
    const v = ev.getFirstPropertyValue(name);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const recurrence = ev.getFirstProperty('recurrence-id');
  const recurrenceId = recurrence ? when(recurrence, scope, line).value : undefined;
  const list = (name: string) => ev.getAllProperties(name).flatMap((p) => p.getValues().map((v: unknown) => listValue(v, p, scope, line)));
  const status = text('status')?.toUpperCase();
  const transp = text('transp')?.toUpperCase();
  const sequence = ev.getFirstPropertyValue('sequence');
  if (rrules.length > 1) scope.warn(`${scope.file}, line ${line}: this event has ${rrules.length} RRULEs; only the first is kept`);

  let uid = text('uid');
  let sourceRef: string;
  const data: Record<string, unknown> = {
    summary: text('summary'),
    description: text('description'),
    location: text('location'),
    allDay: start.isDate,
    start: start.value,
    end: end?.value,
    timeZone: start.timeZone,
    startOffset: start.offset,
    rrule: rrules[0],
    rdates: list('rdate'),
    exdates: list('exdate'),
    recurrenceId,
    status: status === 'TENTATIVE' || status === 'CONFIRMED' || status === 'CANCELLED' ? status : undefined,
    organizer: ev.getFirstProperty('organizer') ? participant(ev.getFirstProperty('organizer')!) : undefined,
    attendees: ev.getAllProperties('attendee').map(participant),
    categories: ev.getAllProperties('categories').flatMap((p) => p.getValues().map(String)).map((c) => c.trim()).filter((c) => c !== ''),
    url: text('url'),
    sequence: typeof sequence === 'number' && sequence >= 0 ? sequence : undefined,
    transparency: transp === 'OPAQUE' || transp === 'TRANSPARENT' ? transp : undefined,
    calendarName: scope.calendarName,
  };
  if (uid) sourceRef = recurrenceId ? `${uid}#${recurrenceId}` : uid;
  else {
    // No UID (not allowed by RFC 5545, seen in hand-made files): hash what identifies the event.
    const hash = createHash('sha256').update(JSON.stringify([data.summary, data.start, data.end, data.location, data.rrule, recurrenceId])).digest('hex');
    const n = scope.seen.get(hash) ?? 0;
    scope.seen.set(hash, n + 1);
    uid = `sha256:${hash}`;
    sourceRef = `${uid}:${n}`;
  }
  data.uid = uid;
  for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];

  let occurredAt = start.value;
  let occurredOffset = start.offset;
  if (start.isDate) {
    const r = localDateStart(start.value, scope.floatingZone);
    occurredAt = r.instant;
    occurredOffset = formatOffset(r.offsetMinutes);
  }
  return {
    type: 'calendar.event',
    source: 'ical',
    sourceRef,
    occurredAt,
    ...(occurredOffset ? { occurredOffset } : {}),
    data,
    location: `line ${line}`,
  };
}

function timeOf(prop: Property, scope: CalendarScope, line: number): Time {
  const v = prop.getFirstValue();
  if (v instanceof ICAL.Time) return v;
  const field = prop.name.toUpperCase();
  throw new ConnectorError(`${scope.file}, line ${line}: ${field} is not a date or date-time`, { file: scope.file, line, element: 'VEVENT', field });
}

/** A DTSTART-like property as a date or an instant, with the zone it was written in. */
function when(prop: Property, scope: CalendarScope, line: number): When {
  const raw: unknown = prop.toJSON()[3];
  const field = prop.name.toUpperCase();
  // "DTSTART:20240101" without VALUE=DATE: ical.js reads a broken date-time; it is a date.
  if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T::$/.test(raw)) return { value: raw.slice(0, 10), isDate: true };
  const v = prop.getFirstValue();
  if (!(v instanceof ICAL.Time) || Number.isNaN(v.year) || Number.isNaN(v.hour))
    throw new ConnectorError(`${scope.file}, line ${line}: ${field} should be a date (20240314) or a date-time (20240314T093000), found "${String(raw)}"`, {
      file: scope.file,
      line,
      element: 'VEVENT',
      field,
    });
  if (v.isDate) return { value: dateOf(v), isDate: true };
  return convert(v, prop.getParameter('tzid'), scope, line);
}

function convert(t: Time, tzidParam: unknown, scope: CalendarScope, line: number): When {
  const wall: WallTime = { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
  if (t.zone === ICAL.Timezone.utcTimezone) return { value: new Date(wallAsUtcMs(wall)).toISOString(), isDate: false, offset: '+00:00', timeZone: 'UTC' };
  const tzid = typeof tzidParam === 'string' && tzidParam !== '' ? tzidParam : undefined;
  let rule: ZoneRule | null = null;
  if (tzid) {
    rule = resolveTzid(tzid, scope.vtimezones);
    if (!rule) scope.warnOnce(`tz:${tzid}`, `${scope.file}, line ${line}: unknown time zone "${tzid}" and no VTIMEZONE for it; its times are read in ${scope.floatingZone}`);
  } else scope.warnOnce('floating', `${scope.file}, line ${line}: floating times (no TZID, no Z) are read in ${scope.floatingZone}`);
  const r = wallToInstant(wall, rule ?? { kind: 'iana', name: scope.floatingZone });
  return { value: r.instant, isDate: false, offset: r.offset, timeZone: tzid ?? scope.floatingZone };
}

/** An RDATE/EXDATE value: a date, an instant, or a period's start. */
function listValue(v: unknown, prop: Property, scope: CalendarScope, line: number): string {
  const t = v instanceof ICAL.Period ? v.start : v;
  if (!(t instanceof ICAL.Time))
    throw new ConnectorError(`${scope.file}, line ${line}: ${prop.name.toUpperCase()} should hold dates or date-times`, { file: scope.file, line, element: 'VEVENT', field: prop.name.toUpperCase() });
  return t.isDate ? dateOf(t) : convert(t, prop.getParameter('tzid'), scope, line).value;
}

function participant(p: Property): { name?: string; email?: string; role?: string; status?: string } {
  const param = (n: string) => {
    const v = p.getParameter(n);
    const s = Array.isArray(v) ? v.join(',') : v;
    return typeof s === 'string' && s !== '' ? s : undefined;
  };
  const value = String(p.getFirstValue() ?? '').trim();
  const mail = /^mailto:/i.test(value) ? value.slice(7) : /^[^\s@:]+@[^\s@]+$/.test(value) ? value : undefined;
  const out: { name?: string; email?: string; role?: string; status?: string } = {};
  const name = param('cn');
  if (name) out.name = name;
  if (mail) out.email = mail;
  const role = param('role');
  if (role) out.role = role;
  const status = param('partstat');
  if (status) out.status = status;
  return out;
}
