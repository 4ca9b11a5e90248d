import type { ConnectorRecord } from '../../connectors/connector.ts';
import { ORGS, PERSON } from './demo-persona.ts';
import type { DemoPlan } from './demo-plan.ts';
import { dateOf, dayNumberOf, parisInstant, partsOf, weekdayOf } from './demo-time.ts';

/**
 * Her calendar (`calendar.event`, source `app:agenda`): weekly recurring events kept as
 * RRULEs (team meeting, gym, a pottery class for two school years, the Sunday call to her
 * mother), yearly birthdays of family and friends, doctor appointments and dinners whose
 * attendees are contacts, holidays and the move as all-day events.
 */

const SOURCE = 'app:agenda';
const TZ = 'Europe/Paris';

interface EventSpec {
  uid: string;
  summary: string;
  day: number;
  /** Minute of the day for a timed event; undefined for all-day. */
  minute?: number;
  durationMin?: number;
  /** Days for an all-day event (end exclusive). */
  days?: number;
  rrule?: string;
  location?: string;
  attendees?: { name: string; email?: string; role?: string; status?: string }[];
  categories?: string[];
  calendarName?: string;
}

function firstWeekdayOnOrAfter(day: number, weekday: number): number {
  let d = day;
  while (weekdayOf(d) !== weekday) d++;
  return d;
}

function untilUtc(day: number): string {
  return `${dateOf(day).replaceAll('-', '')}T225959Z`;
}

function record(e: EventSpec): ConnectorRecord {
  if (e.minute === undefined) {
    const at = parisInstant(e.day, 0);
    return {
      type: 'calendar.event',
      source: SOURCE,
      sourceRef: e.uid,
      occurredAt: at.at,
      occurredOffset: at.offset,
      data: {
        uid: e.uid,
        summary: e.summary,
        allDay: true,
        start: dateOf(e.day),
        end: dateOf(e.day + (e.days ?? 1)),
        ...(e.rrule ? { rrule: e.rrule } : {}),
        ...(e.location ? { location: e.location } : {}),
        categories: e.categories ?? [],
        transparency: 'TRANSPARENT',
        calendarName: e.calendarName ?? 'Personnel',
      },
    };
  }
  const start = parisInstant(e.day, e.minute);
  const end = parisInstant(e.day, e.minute + (e.durationMin ?? 60));
  return {
    type: 'calendar.event',
    source: SOURCE,
    sourceRef: e.uid,
    occurredAt: start.at,
    occurredOffset: start.offset,
    data: {
      uid: e.uid,
      summary: e.summary,
      allDay: false,
      start: start.at,
      end: end.at,
      timeZone: TZ,
      startOffset: start.offset,
      ...(e.rrule ? { rrule: e.rrule } : {}),
      ...(e.location ? { location: e.location } : {}),
      status: 'CONFIRMED',
      organizer: { name: PERSON.fullName, email: PERSON.email },
      attendees: e.attendees ?? [],
      categories: e.categories ?? [],
      calendarName: e.calendarName ?? 'Personnel',
    },
  };
}

export function* agendaRecords(plan: DemoPlan): Generator<ConnectorRecord> {
  const S = plan.startDay;
  const E = plan.endDay;
  const colleagues = plan.peers.filter((p) => p.circle === 'colleague').slice(0, 6);
  yield record({
    uid: 'equipe-lundi@agenda.exemple.fr',
    summary: "Réunion d'équipe",
    day: firstWeekdayOnOrAfter(S, 1),
    minute: 9 * 60 + 30,
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    location: `${ORGS.employer.name}, salle Rhône`,
    attendees: colleagues.map((c) => ({ name: `${c.given} ${c.family}`, ...(c.workEmail ? { email: c.workEmail } : {}), role: 'REQ-PARTICIPANT', status: 'ACCEPTED' })),
    calendarName: 'Travail',
  });
  if (plan.gym.start <= E) {
    yield record({ uid: 'salle-de-sport@agenda.exemple.fr', summary: 'Salle de sport', day: firstWeekdayOnOrAfter(plan.gym.start, 2), minute: 18 * 60 + 30, durationMin: 75, rrule: `FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=${untilUtc(plan.gym.end)}`, location: 'Fitness Park Lyon 7', categories: ['Sport'] });
  }
  const mother = plan.peers.find((p) => p.circle === 'family' && p.title === 'Maman');
  yield record({ uid: 'appel-maman@agenda.exemple.fr', summary: 'Appeler Maman', day: firstWeekdayOnOrAfter(S, 0), minute: 18 * 60, durationMin: 30, rrule: 'FREQ=WEEKLY;BYDAY=SU', ...(mother ? { attendees: [{ name: `${mother.given} ${mother.family}` }] } : {}) });
  for (let y = partsOf(S).year; y <= partsOf(E).year; y++) {
    const from = Math.max(S, dayNumberOf(y, 9, 15));
    const until = Math.min(E, dayNumberOf(y + 1, 6, 20));
    if (y % 3 === 0 && from < until) {
      yield record({ uid: `poterie-${y}@agenda.exemple.fr`, summary: 'Cours de poterie', day: firstWeekdayOnOrAfter(from, 3), minute: 19 * 60, durationMin: 120, rrule: `FREQ=WEEKLY;BYDAY=WE;UNTIL=${untilUtc(until)}`, location: 'Atelier Terre & Feu, Lyon 1er', categories: ['Loisirs'] });
    }
  }
  for (const p of plan.peers) {
    if (!p.birthday || (p.circle !== 'family' && p.circle !== 'friend')) continue;
    const mo = Number(p.birthday.slice(5, 7));
    const dom = Number(p.birthday.slice(8, 10));
    let first = dayNumberOf(partsOf(S).year, mo, dom);
    if (first < S) first = dayNumberOf(partsOf(S).year + 1, mo, dom);
    if (first > E) continue;
    yield record({ uid: `anniv-${p.index}@agenda.exemple.fr`, summary: `Anniversaire de ${p.given} ${p.family}`, day: first, rrule: 'FREQ=YEARLY', categories: ['Anniversaire'], calendarName: 'Anniversaires' });
  }
  for (const v of plan.doctorVisits) {
    yield record({ uid: `medecin-${dateOf(v.day)}@agenda.exemple.fr`, summary: 'Rendez-vous Dr Lefebvre', day: v.day, minute: v.minute, durationMin: 20, location: 'Cabinet médical Jean Macé, 5 rue Jaboulay, 69007 Lyon', attendees: [{ name: 'Dr Anne Lefebvre', role: 'REQ-PARTICIPANT', status: 'ACCEPTED' }], categories: ['Santé'] });
  }
  for (const m of plan.meetings) {
    const where = m.where === 'friend' ? `Chez ${m.peer.given}` : m.where === 'home' ? 'À la maison' : m.where;
    yield record({
      uid: `rdv-${dateOf(m.day)}-${m.peer.index}@agenda.exemple.fr`,
      summary: m.minute < 15 * 60 ? `Déjeuner avec ${m.peer.given}` : `Dîner avec ${m.peer.given}`,
      day: m.day,
      minute: m.minute,
      durationMin: m.durationMin,
      location: where,
      attendees: [{ name: `${m.peer.given} ${m.peer.family}`, ...(m.peer.email ? { email: m.peer.email } : {}), role: 'REQ-PARTICIPANT', status: 'ACCEPTED' }],
      categories: ['Amis'],
    });
  }
  for (const h of plan.holidays) {
    const start = Math.max(h.start, S);
    yield record({ uid: `vacances-${dateOf(h.start)}@agenda.exemple.fr`, summary: h.destination.lodging === 'chez les parents' ? 'Noël chez les parents' : `Vacances à ${h.destination.name}`, day: start, days: h.end - start + 1, location: h.destination.name, categories: ['Vacances'] });
  }
  yield record({ uid: 'demenagement@agenda.exemple.fr', summary: 'Déménagement rue de Marseille', day: plan.moveDay, location: plan.leases[1].address.label, categories: ['Maison'] });
}
