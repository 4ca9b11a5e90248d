import { calendarEventSchema } from '../../domain/types/calendar.ts';
import { toEpochMs } from '../../domain/time.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { normaliseEmail, normaliseName, normalisePhone } from '../quality/identity-normalise.ts';
import { cardOf, mergeCards, type MergedPerson } from './contact-merge.ts';
import { eventOccurrences } from './event-occurrences.ts';

/**
 * Every interaction of the person with someone, over the whole vault: calls and messages
 * from `telecom.usage` (the counterpart's number matched to a merged contact in E.164),
 * and meetings from `calendar.event` attendees (matched by e-mail, else by name), with
 * recurring events expanded up to the end of the data. Built once per data version and
 * shared by every period asked.
 */

export type Channel = 'call' | 'message' | 'meeting';

export interface Interaction {
  ms: number;
  /** Index in `people`, or -1 when nobody in the address books matches. */
  person: number;
  channel: Channel;
  durationS: number;
  outgoing: boolean;
  /** For an unmatched interaction: the number (E.164 when valid) or the attendee's name. */
  unmatched?: string;
}

export interface InteractionIndex {
  people: MergedPerson[];
  /** Sorted by `ms`. */
  interactions: Interaction[];
  /**
   * The end (UTC midnight) of the day of the last interaction. Endless recurring events are
   * expanded up to the last call, message or single event; those with an end, to their end.
   */
  horizonMs: number;
  /** How many records of each type were read. */
  read: { contacts: number; telecom: number; calendar: number };
}

const TITLES = new Set(['dr', 'docteur', 'pr', 'professeur', 'm', 'mr', 'mme', 'mlle', 'mrs', 'ms', 'me']);
const DAY = 86_400_000;
/** How far past the other data a recurring event with an end may still count (a year). */
const FINITE_RULE_REACH_DAYS = 366;

/** "Dr Anne Lefebvre" → the name key of "Anne Lefebvre". */
function attendeeNameKey(name: string): string {
  return normaliseName(name).key.split(' ').filter((w) => !TITLES.has(w)).join(' ');
}

export async function buildInteractionIndex(store: RecordStore): Promise<InteractionIndex> {
  const cards = [];
  for await (const r of store.iterate({ types: ['contact'] })) cards.push(cardOf(r));
  const people = mergeCards(cards);
  const byPhone = new Map<string, number>();
  const byEmail = new Map<string, number>();
  const byName = new Map<string, number>();
  people.forEach((p, i) => {
    for (const ph of p.phones) byPhone.set(ph, i);
    for (const e of p.emails) byEmail.set(e, i);
    for (const c of p.cards) if (c.nameKey) byName.set(c.nameKey, i);
  });

  const interactions: Interaction[] = [];
  const numberMemo = new Map<string, string>();
  let telecom = 0;
  for await (const r of store.iterate({ types: ['telecom.usage'] })) {
    telecom++;
    // Validated on import: read the few fields needed without parsing every record again.
    const d: Record<string, unknown> = r.data;
    const kind = d.kind;
    if (typeof d.counterpart !== 'string' || (kind !== 'call' && kind !== 'sms' && kind !== 'mms')) continue;
    let number = numberMemo.get(d.counterpart);
    if (number === undefined) numberMemo.set(d.counterpart, (number = normalisePhone(d.counterpart).key));
    const person = byPhone.get(number) ?? -1;
    interactions.push({
      ms: Date.parse(r.occurredAt),
      person,
      channel: kind === 'call' ? 'call' : 'message',
      durationS: typeof d.durationS === 'number' ? d.durationS : 0,
      outgoing: d.direction === 'outgoing',
      ...(person < 0 ? { unmatched: number } : {}),
    });
  }

  const events = [];
  let lastMs = interactions.at(-1)?.ms ?? 0;
  for await (const r of store.iterate({ types: ['calendar.event'] })) {
    const e = calendarEventSchema.parse(r.data);
    events.push(e);
    if (!e.rrule) lastMs = Math.max(lastMs, toEpochMs(e.start));
  }
  // Endless rules stop at the end of the data; rules with an end (UNTIL, COUNT) are the data.
  const dataEndMs = Math.floor(lastMs / DAY) * DAY + DAY;
  const finiteEndMs = dataEndMs + FINITE_RULE_REACH_DAYS * DAY;
  const replaced = new Map<string, Set<number>>();
  for (const e of events) if (e.recurrenceId) replaced.set(e.uid, (replaced.get(e.uid) ?? new Set()).add(toEpochMs(e.recurrenceId)));
  for (const e of events) {
    if (e.status === 'CANCELLED' || e.attendees.length === 0) continue;
    const who = e.attendees.map((a) => {
      const email = a.email ? normaliseEmail(a.email).key : undefined;
      const person = (email !== undefined ? byEmail.get(email) : undefined) ?? (a.name ? byName.get(attendeeNameKey(a.name)) : undefined) ?? -1;
      return { person, label: a.name ?? a.email ?? '?' };
    });
    const durationS = e.end ? Math.max(0, (toEpochMs(e.end) - toEpochMs(e.start)) / 1000) : 0;
    const finite = e.rrule !== undefined && /(^|;)(UNTIL|COUNT)=/i.test(e.rrule);
    const starts = eventOccurrences(e, Number.NEGATIVE_INFINITY, finite ? finiteEndMs : dataEndMs, e.recurrenceId ? new Set() : replaced.get(e.uid));
    for (const ms of starts) {
      for (const w of who) interactions.push({ ms, person: w.person, channel: 'meeting', durationS, outgoing: true, ...(w.person < 0 ? { unmatched: w.label } : {}) });
    }
  }
  interactions.sort((a, b) => a.ms - b.ms);
  const horizonMs = Math.max(dataEndMs, Math.floor((interactions.at(-1)?.ms ?? 0) / DAY) * DAY + DAY);
  return { people, interactions, horizonMs, read: { contacts: cards.length, telecom, calendar: events.length } };
}
