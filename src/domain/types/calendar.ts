import { z } from 'zod';
import { offsetSchema, toEpochMs } from '../time.ts';
import { dateOrInstantSchema } from './common.ts';

/**
 * `calendar.event` — an iCalendar VEVENT. Timed events carry UTC instants plus the
 * TZID they were written in; all-day events carry local dates (`allDay: true`, end
 * exclusive as in RFC 5545). Recurrence is kept as the rule, not expanded.
 */
const participantSchema = z.strictObject({
  name: z.string().optional(),
  email: z.string().optional(),
  role: z.string().optional(),
  status: z.string().optional(),
});

export const calendarEventSchema = z
  .strictObject({
    uid: z.string().min(1),
    summary: z.string().optional(),
    description: z.string().optional(),
    location: z.string().optional(),
    allDay: z.boolean().default(false),
    start: dateOrInstantSchema,
    end: dateOrInstantSchema.optional(),
    /** IANA or source TZID the event was written in. */
    timeZone: z.string().optional(),
    /** UTC offset at the start, as the source wrote it. */
    startOffset: offsetSchema.optional(),
    /** RRULE value, verbatim ("FREQ=WEEKLY;BYDAY=MO"). */
    rrule: z.string().optional(),
    rdates: z.array(z.string()).default([]),
    exdates: z.array(z.string()).default([]),
    /** For an overridden occurrence, the occurrence it replaces. */
    recurrenceId: z.string().optional(),
    status: z.enum(['TENTATIVE', 'CONFIRMED', 'CANCELLED']).optional(),
    organizer: participantSchema.optional(),
    attendees: z.array(participantSchema).default([]),
    categories: z.array(z.string()).default([]),
    url: z.string().optional(),
    sequence: z.number().int().nonnegative().optional(),
    transparency: z.enum(['OPAQUE', 'TRANSPARENT']).optional(),
    calendarName: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    const isDate = (s: string) => s.length === 10;
    if (e.allDay !== isDate(e.start)) ctx.addIssue({ code: 'custom', path: ['start'], message: e.allDay ? 'an all-day event starts on a date' : 'a timed event starts at an instant' });
    if (e.end && isDate(e.end) !== isDate(e.start)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end and start must both be dates or both instants' });
    if (e.end && toEpochMs(e.end) < toEpochMs(e.start)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end is before start' });
  });
