import { z } from 'zod';

/**
 * The relations insight: who the person interacts with (calls, messages, calendar events
 * with them), how often, the trend, who they lost touch with, and the people merged from
 * several address books with the evidence of each merge.
 */

export const trendSchema = z.object({
  /**
   * Compares the last window of the period with the window before it (each a year, or half
   * the period when shorter): rising/falling by a quarter or more (and at least 3),
   * new (nothing before), stopped (nothing lately), steady, none.
   */
  kind: z.enum(['rising', 'falling', 'steady', 'new', 'stopped', 'none']),
  recent: z.number().int(),
  previous: z.number().int(),
  windowDays: z.number().int(),
});

export const channelCountsSchema = z.object({
  interactions: z.number().int(),
  calls: z.number().int(),
  /** Minutes on the phone, rounded to the minute. */
  callMinutes: z.number().int(),
  messages: z.number().int(),
  /** Occurrences of calendar events they attend (recurring events expanded). */
  meetings: z.number().int(),
  /** Calls and messages the person started. */
  outgoing: z.number().int(),
});

export const relationPersonSchema = channelCountsSchema.extend({
  id: z.string(),
  name: z.string(),
  /** Interactions per month over the period. */
  perMonth: z.number(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  trend: trendSchema,
  /** The cards this person was merged from (record id, address book, name on the card). */
  cards: z.array(z.object({ recordId: z.string(), source: z.string(), fullName: z.string() })),
  /** Why the cards are one person: the field and value they share. */
  evidence: z.array(z.object({ field: z.enum(['phone', 'email', 'name', 'uid']), value: z.string(), cards: z.array(z.string()) })),
});

export const relationsSchema = z.object({
  /** The period counted: [from, to), instants. */
  from: z.string(),
  to: z.string(),
  /** The day "lost touch" is measured from: the period's end, or the end of the data. */
  asOf: z.string(),
  totals: channelCountsSchema.extend({ people: z.number().int(), peopleInTouch: z.number().int(), mergedPeople: z.number().int(), cards: z.number().int() }),
  /** Everyone in the address books, most interactions first. */
  people: z.array(relationPersonSchema),
  /** People in touch before, with no interaction in the last `lostAfterDays` before asOf: strongest ties first. */
  lostTouch: z.array(z.object({ id: z.string(), name: z.string(), last: z.string(), daysSince: z.number().int(), interactions: z.number().int() })),
  lostAfterDays: z.number().int(),
  /** Numbers and attendees matching nobody in the address books. */
  unmatched: z.array(z.object({ value: z.string(), channel: z.enum(['call', 'message', 'meeting']), interactions: z.number().int() })),
  /** Interactions per month (UTC months) over the period. */
  byMonth: z.array(z.object({ month: z.string(), interactions: z.number().int(), people: z.number().int() })),
});
export type RelationsResult = z.infer<typeof relationsSchema>;
export type RelationPerson = z.infer<typeof relationPersonSchema>;
