import { describe, expect, it } from 'vitest';
import type { ConnectorRecord } from '../connector.ts';
import { readAll as readAllRecords } from '../../../test/connectors/read-all.ts';
import { ConnectorError } from '../connector.ts';
import { bytesInput, fileInput } from '../util/input.ts';
import { icalConnector } from './ical-connector.ts';

const dir = new URL('../../../test/fixtures/ical/', import.meta.url).pathname;

async function readAll(name: string, timeZone?: string): Promise<{ recs: ConnectorRecord[]; warnings: string[] }> {
  const { records, warnings } = await readAllRecords(icalConnector, await fileInput(dir + name), timeZone ? { timeZone } : {});
  return { recs: records, warnings };
}
const data = (r: ConnectorRecord) => r.data as Record<string, unknown>;

describe('ical connector', () => {
  it('recognises calendars from content, BOM included, and nothing else', async () => {
    for (const f of ['agenda-google.ics', 'outlook-windows.ics', 'tronque.ics'])
      expect(icalConnector.recognize(await fileInput(dir + f)).confidence).toBeGreaterThan(0.9);
    expect(icalConnector.recognize(bytesInput('a.vcf', new TextEncoder().encode('BEGIN:VCARD\r\nVERSION:3.0\r\n'))).confidence).toBe(0);
  });

  it('reads a Google export: TZID times, attendees, categories, RRULE verbatim, EXDATE, an override, all-day events', async () => {
    const { recs, warnings } = await readAll('agenda-google.ics');
    expect(warnings).toEqual([]);
    expect(recs.map((r) => r.sourceRef)).toEqual([
      '7kq3c1v9m2@google.com',
      'cours-piano-2024@example.fr',
      'cours-piano-2024@example.fr#2024-04-03T15:00:00.000Z',
      'vacances-ete-2024@example.fr',
      'anniv-lea@example.fr',
    ]);
    expect(recs.every((r) => r.source === 'ical')).toBe(true);
    const [rdv, piano, override, holiday, birthday] = recs.map(data) as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    expect(rdv).toMatchObject({
      summary: 'Rendez-vous chez le médecin',
      description: "Apporter la carte Vitale, l'ordonnance et les résultats d'analyses.\nCabinet au 2e étage; sonner deux fois.",
      location: 'Cabinet médical, 12 rue de la République, 69002 Lyon',
      allDay: false,
      start: '2024-03-15T08:30:00.000Z',
      end: '2024-03-15T09:30:00.000Z',
      timeZone: 'Europe/Paris',
      startOffset: '+01:00',
      status: 'CONFIRMED',
      categories: ['Santé', 'Famille'],
      sequence: 2,
      transparency: 'OPAQUE',
      calendarName: 'Famille Martin',
      organizer: { name: 'Camille Martin', email: 'camille.martin@example.fr' },
    });
    expect(rdv.attendees).toEqual([
      { name: 'Dupont, Marie', email: 'marie.dupont@example.fr', role: 'REQ-PARTICIPANT', status: 'ACCEPTED' },
      { name: 'jean.b@example.org', email: 'jean.b@example.org', role: 'OPT-PARTICIPANT', status: 'NEEDS-ACTION' },
    ]);
    expect(recs[0]!.occurredAt).toBe('2024-03-15T08:30:00.000Z');
    expect(recs[0]!.occurredOffset).toBe('+01:00');
    expect(piano).toMatchObject({
      start: '2024-03-06T16:00:00.000Z',
      rrule: 'FREQ=WEEKLY;WKST=MO;UNTIL=20240626T150000Z;BYDAY=WE',
      exdates: ['2024-04-10T15:00:00.000Z', '2024-04-17T15:00:00.000Z'],
    });
    expect(override).toMatchObject({ start: '2024-04-03T16:30:00.000Z', startOffset: '+02:00', recurrenceId: '2024-04-03T15:00:00.000Z', sequence: 1 });
    expect(override.rrule).toBeUndefined();
    expect(holiday).toMatchObject({ allDay: true, start: '2024-08-12', end: '2024-08-24', transparency: 'TRANSPARENT' });
    expect(holiday.timeZone).toBeUndefined();
    expect(recs[3]!.occurredAt).toBe('2024-08-11T22:00:00.000Z');
    expect(birthday).toMatchObject({ start: '2024-05-21', end: '2024-05-22', rrule: 'FREQ=YEARLY', rdates: ['2024-06-01'], categories: ['Famille', 'Anniversaire'] });
  });

  it('reads Outlook: BOM, Windows zone with its VTIMEZONE, Windows zone without one, DURATION, MAILTO:', async () => {
    const { recs } = await readAll('outlook-windows.ics');
    expect(recs).toHaveLength(2);
    expect(recs[0]!.sourceRef).toBe('040000008200E00074C5B7101A82E00800000000D0B5C3A1F2FCDA01000000000000000010000000A1B2C3D4E5F60718293A4B5C6D7E8F90');
    expect(data(recs[0]!)).toMatchObject({
      summary: 'Comité de pilotage',
      start: '2024-11-05T09:00:00.000Z',
      end: '2024-11-05T10:30:00.000Z',
      timeZone: 'Romance Standard Time',
      startOffset: '+01:00',
      organizer: { name: 'Bernard, Sophie', email: 'sophie.bernard@mairie-exemple.fr' },
      attendees: [{ name: 'Martin, Camille', email: 'camille.martin@example.fr', role: 'REQ-PARTICIPANT', status: 'TENTATIVE' }],
      description: 'Ordre du jour :\n1. Budget 2025\n2. Questions diverses\n',
    });
    expect(data(recs[1]!)).toMatchObject({ start: '2024-07-04T12:00:00.000Z', end: '2024-07-04T13:45:00.000Z', timeZone: 'W. Europe Standard Time', startOffset: '+02:00', status: 'TENTATIVE' });
  });

  it("uses the file's own VTIMEZONE and warns on an unknown TZID", async () => {
    const { recs, warnings } = await readAll('fuseau-personnalise.ics');
    expect(data(recs[0]!)).toMatchObject({ start: '2024-09-23T21:00:00.000Z', end: '2024-09-24T01:00:00.000Z', startOffset: '+11:00', timeZone: 'Heure de Nouméa' });
    expect(data(recs[1]!)).toMatchObject({ start: '2024-01-10T08:00:00.000Z', startOffset: '+01:00', timeZone: 'Mon fuseau' });
    expect(warnings).toEqual(['fuseau-personnalise.ics, line 21: unknown time zone "Mon fuseau" and no VTIMEZONE for it; its times are read in Europe/Paris']);
  });

  it('reads floating times in the default zone (or the one given), UTC times, a bare DTSTART date, two VCALENDARs, no UID', async () => {
    const { recs, warnings } = await readAll('flottant-utc-deux-calendriers.ics');
    expect(recs).toHaveLength(3);
    expect(data(recs[0]!)).toMatchObject({ start: '2024-09-23T16:00:00.000Z', end: '2024-09-23T17:30:00.000Z', timeZone: 'Europe/Paris', startOffset: '+02:00' });
    expect(warnings).toEqual(['flottant-utc-deux-calendriers.ics, line 4: floating times (no TZID, no Z) are read in Europe/Paris']);
    expect(data(recs[1]!)).toMatchObject({ allDay: true, start: '2024-01-01', end: '2024-01-02', summary: "Jour de l'an" });
    expect(recs[1]!.sourceRef).toMatch(/^sha256:[0-9a-f]{64}:0$/);
    expect(data(recs[1]!).uid).toBe(recs[1]!.sourceRef.slice(0, -2));
    expect(data(recs[2]!)).toMatchObject({ start: '2024-12-20T06:30:00.000Z', end: '2024-12-20T08:05:00.000Z', timeZone: 'UTC', startOffset: '+00:00', status: 'CANCELLED' });
    const again = await readAll('flottant-utc-deux-calendriers.ics');
    expect(again.recs.map((r) => r.sourceRef)).toEqual(recs.map((r) => r.sourceRef));
    const martinique = await readAll('flottant-utc-deux-calendriers.ics', 'America/Martinique');
    expect(data(martinique.recs[0]!)).toMatchObject({ start: '2024-09-23T22:00:00.000Z', timeZone: 'America/Martinique', startOffset: '-04:00' });
  });

  it('fails on a truncated file naming the open components', async () => {
    const err = await readAll('tronque.ics').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as Error).message).toBe('tronque.ics: the file ends inside VCALENDAR (line 1) > VEVENT (line 9): END:VEVENT is missing, the file looks truncated');
  });

  it('fails on a line that is not a property, naming it', async () => {
    await expect(readAll('ligne-invalide.ics')).rejects.toThrow(/ligne-invalide\.ics, line 7: expected a property "NAME:value"/);
  });

  it('fails on an empty file and on text outside a calendar', async () => {
    const run = (text: string) => readAllRecords(icalConnector, bytesInput('c.ics', new TextEncoder().encode(text)));
    await expect(run('')).rejects.toThrow(/empty/);
    await expect(run('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\n')).rejects.toThrow(/line 3: expected BEGIN:VCALENDAR/);
    await expect(run('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\n')).rejects.toThrow(/line 3: END:VTODO does not close BEGIN:VEVENT of line 2/);
  });
});

describe('ical connector: bad values', () => {
  it('wraps an ical.js value error with the line of the event', async () => {
    const text = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20240101T100000Z\r\nEXDATE:2024-13-45T99\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const err = await readAllRecords(icalConnector, bytesInput('v.ics', new TextEncoder().encode(text))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).where).toMatchObject({ file: 'v.ics', line: 3, element: 'VEVENT' });
  });

  it('keeps an event whose DTEND is before its DTSTART, without its end, and says so', async () => {
    const text = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:y\r\nDTSTART:20240101T100000Z\r\nDTEND:20240101T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const { records: recs, warnings } = await readAllRecords(icalConnector, bytesInput('e.ics', new TextEncoder().encode(text)));
    expect(data(recs[0]!)).toMatchObject({ start: '2024-01-01T10:00:00.000Z' });
    expect(data(recs[0]!).end).toBeUndefined();
    expect(warnings).toEqual(['e.ics, line 3: DTEND (2024-01-01T09:00:00.000Z) is before DTSTART (2024-01-01T10:00:00.000Z); the end is left out']);
  });
});
