import ICAL from 'ical.js';
import type { Connector, ConnectorContext, ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { decodeInput, headText, readLines } from '../util/text.ts';
import type { CalendarScope } from './ical-event.ts';
import { eventRecord } from './ical-event.ts';
import type { ScannedCalendar } from './ical-scan.ts';
import { IcalScanner } from './ical-scan.ts';
import { isIanaZone } from './ical-zones.ts';

/**
 * iCalendar (.ics, RFC 5545) → `calendar.event`, one record per VEVENT. Recurrence stays a
 * rule (RRULE verbatim, RDATE/EXDATE as instants or dates); an overridden occurrence
 * (RECURRENCE-ID) is its own record with sourceRef `UID#<recurrence instant>`, a plain
 * event's sourceRef is its UID. Source `ical`.
 *
 * Times: TZID through the file's VTIMEZONE, else IANA, else Windows names; UTC (`Z`) as
 * is; floating times in X-WR-TIMEZONE, else ctx.options.timeZone, else Europe/Paris (with a
 * warning). All-day events keep local dates with the exclusive DTEND.
 *
 * Memory: the file is read as a stream of lines, but each VCALENDAR is parsed whole by
 * ical.js (calendar exports are a few MB at most); a file holding several VCALENDARs is
 * parsed one calendar at a time. A file cut short fails with the line of the open BEGIN.
 */
export const icalConnector: Connector = {
  id: 'ical',
  label: 'iCalendar (.ics)',
  recognize(input) {
    const text = headText(input, 4096).trimStart();
    if (!/^BEGIN:VCALENDAR\s*$/im.test(text.split(/\r\n|\r|\n/, 1)[0] ?? '')) return { confidence: 0, reason: 'does not start with BEGIN:VCALENDAR' };
    return { confidence: 0.97, reason: 'starts with BEGIN:VCALENDAR' };
  },
  async *read(input, ctx) {
    const scanner = new IcalScanner(input.name);
    const warned = new Set<string>();
    let calendars = 0;
    let events = 0;
    for await (const { line, lineNo } of readLines(decodeInput(input))) {
      const cal = scanner.push(line, lineNo);
      if (cal) {
        calendars++;
        for (const r of calendarRecords(cal, input.name, ctx, warned)) {
          events++;
          yield r;
        }
      }
    }
    const last = scanner.end();
    if (last) {
      calendars++;
      for (const r of calendarRecords(last, input.name, ctx, warned)) {
        events++;
        yield r;
      }
    }
    if (calendars === 0) throw new ConnectorError(`${input.name}: the file is empty; expected BEGIN:VCALENDAR`, { file: input.name, line: 1 });
    if (events === 0) ctx.warn(`${input.name}: the calendar holds no events`);
  },
};

function* calendarRecords(cal: ScannedCalendar, file: string, ctx: ConnectorContext, warned: Set<string>): Iterable<ConnectorRecord> {
  let root: InstanceType<typeof ICAL.Component>;
  try {
    root = new ICAL.Component(ICAL.parse(cal.text) as unknown[]);
  } catch (e) {
    throw new ConnectorError(`${file}, line ${cal.line}: this VCALENDAR is not valid iCalendar`, { file, line: cal.line, element: 'VCALENDAR' }, (e as Error).message);
  }
  const vtimezones = new Map<string, InstanceType<typeof ICAL.Timezone>>();
  for (const c of root.getAllSubcomponents('vtimezone')) {
    const tzid = c.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') vtimezones.set(tzid, new ICAL.Timezone(c));
  }
  const wrZone = root.getFirstPropertyValue('x-wr-timezone');
  const calName = root.getFirstPropertyValue('x-wr-calname');
  const scope: CalendarScope = {
    file,
    vtimezones,
    floatingZone: typeof wrZone === 'string' && isIanaZone(wrZone) ? wrZone : (ctx.options.timeZone ?? 'Europe/Paris'),
    warn: (m) => ctx.warn(m),
    warnOnce: (key, m) => {
      if (warned.has(key)) return;
      warned.add(key);
      ctx.warn(m);
    },
    seen: new Map(),
  };
  if (typeof calName === 'string' && calName.trim() !== '') scope.calendarName = calName.trim();
  const vevents = root.getAllSubcomponents('vevent');
  for (const [i, ev] of vevents.entries()) {
    const scanned = cal.events[i];
    const line = scanned?.line ?? cal.line;
    let rec: ConnectorRecord;
    try {
      rec = eventRecord(ev, scope, line, scanned?.rrules ?? []);
    } catch (e) {
      if (e instanceof ConnectorError) throw e;
      // ical.js reads values lazily and throws plain errors ("invalid date-time value").
      throw new ConnectorError(`${file}, line ${line}: this VEVENT has a value iCalendar does not allow`, { file, line, element: 'VEVENT' }, (e as Error).message);
    }
    yield rec;
  }
}
