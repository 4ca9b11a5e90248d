/**
 * A small life written for these tests: Paul is in two address books (his number written
 * two ways), calls and texts, and comes to a weekly Monday meeting; Zoé was called twice in
 * 2024 and never since; two organisations disagree on the person's phone. Put it in a vault with
 * `vaultOf(sampleLife(), 'life')` (test/support/served-vault.ts).
 */
export const PAUL_E164 = '+33698765432';
export function sampleLife(): unknown[] {
  const card = (source: string, uid: string, fullName: string, phone: string, extra: Record<string, unknown> = {}) => ({
    type: 'contact',
    source,
    sourceRef: uid,
    occurredAt: '2025-01-01T00:00:00.000Z',
    data: { uid, fullName, phones: [{ value: phone, types: ['cell'] }], ...extra },
  });
  const usage = (ref: string, at: string, kind: 'call' | 'sms', counterpart: string, durationS?: number) => ({
    type: 'telecom.usage',
    source: 'org:operateur',
    sourceRef: ref,
    occurredAt: at,
    data: { line: '+33612345678', kind, direction: 'outgoing', counterpart, start: at, ...(durationS !== undefined ? { durationS } : { count: 1 }) },
  });
  const attr = (source: string, attribute: string, value: string, asOf: string) => ({ type: 'identity.attribute', source, sourceRef: attribute, occurredAt: `${asOf}T12:00:00.000Z`, data: { attribute, value, asOf } });
  return [
    card('app:telephone', 'p1', 'Paul (vélo)', '06 98 76 54 32', { name: { given: 'Paul' } }),
    card('app:webmail', 'w1', 'Paul Girard', PAUL_E164, { name: { given: 'Paul', family: 'Girard' }, emails: [{ value: 'paul.girard@exemple.fr', types: ['home'] }] }),
    card('app:telephone', 'p2', 'Zoé Brun', '07 11 22 33 44', { name: { given: 'Zoé', family: 'Brun' } }),
    usage('u1', '2025-03-03T18:00:00.000Z', 'call', '0698765432', 600),
    usage('u2', '2025-03-04T18:00:00.000Z', 'sms', '0698765432'),
    usage('u3', '2025-03-05T08:00:00.000Z', 'call', '0478601234', 60),
    usage('u4', '2024-05-02T18:00:00.000Z', 'call', '0711223344', 120),
    usage('u5', '2024-06-02T18:00:00.000Z', 'call', '0711223344', 180),
    {
      type: 'calendar.event',
      source: 'app:agenda',
      sourceRef: 'velo',
      occurredAt: '2025-03-03T08:30:00.000Z',
      data: {
        uid: 'velo',
        summary: 'Sortie vélo',
        start: '2025-03-03T08:30:00.000Z',
        end: '2025-03-03T10:30:00.000Z',
        timeZone: 'Europe/Paris',
        rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=6',
        exdates: ['2025-03-10T08:30:00.000Z'],
        attendees: [{ name: 'Paul Girard', email: 'Paul.Girard@exemple.fr' }],
      },
    },
    attr('org:banque', 'phone', '06 12 34 56 78', '2025-02-01'),
    attr('org:operateur', 'phone', '+33612345678', '2025-02-10'),
    attr('org:assureur', 'phone', '+33 6 87 65 43 21', '2025-02-20'),
  ];
}
