import { describe, it, expect } from 'vitest';
import { EXAMPLE_SHA256, RECORD_EXAMPLES } from './record-examples.ts';
import { RECORD_TYPES, recordDataSchemas, searchTextOf, validateRecord, type RecordInput, type RecordType } from './record.ts';

const tx = RECORD_EXAMPLES['bank.transaction'][0]!;
const envelope = () => ({
  type: 'bank.transaction',
  source: tx.source,
  sourceRef: tx.sourceRef,
  occurredAt: tx.occurredAt,
  data: structuredClone(tx.data) as Record<string, unknown>,
});

const valid = (type: RecordType, i = 0): RecordInput => {
  const ex = RECORD_EXAMPLES[type][i]!;
  const v = validateRecord({ type, source: ex.source, sourceRef: ex.sourceRef, occurredAt: ex.occurredAt, data: structuredClone(ex.data) }, 0);
  if (!v.ok) throw new Error(JSON.stringify(v.faults));
  return v.record;
};

describe('the record envelope', () => {
  type Row = [why: string, field: string, message: RegExp, breakIt: (r: Record<string, unknown>) => void];
  it.each<Row>([
    ['unknown record type', 'type', /expected one of the record types: bank\.account, bank\.transaction/, (r) => (r.type = 'bank.transactions')],
    ['no type', 'type', /expected one of the record types/, (r) => delete r.type],
    ['missing sourceRef', 'sourceRef', /expected string/, (r) => delete r.sourceRef],
    ['empty sourceRef', 'sourceRef', /sourceRef must not be empty/, (r) => (r.sourceRef = '')],
    ['sourceRef as a number (an OFX FITID parsed as a number)', 'sourceRef', /expected string/, (r) => (r.sourceRef = 25062000001)],
    ['occurredAt with an offset instead of Z', 'occurredAt', /UTC instant like 2025-03-01T08:30:00Z/, (r) => (r.occurredAt = '2025-03-03T01:00:00+01:00')],
    ['occurredAt a date only', 'occurredAt', /UTC instant like 2025-03-01T08:30:00Z/, (r) => (r.occurredAt = '2025-03-03')],
    ['occurredAt on 30 February', 'occurredAt', /not a real date and time/, (r) => (r.occurredAt = '2025-02-30T00:00:00Z')],
    ['occurredAt as epoch milliseconds', 'occurredAt', /expected string/, (r) => (r.occurredAt = 1740960000000)],
    ['occurredOffset without minutes', 'occurredOffset', /UTC offset like \+01:00/, (r) => (r.occurredOffset = '+1')],
    ['source in upper case', 'source', /lower-case letters, digits/, (r) => (r.source = 'OFX:30004')],
    ['source with a space', 'source', /lower-case letters, digits/, (r) => (r.source = 'crédit agricole')],
    ['empty source', 'source', /source must not be empty/, (r) => (r.source = '')],
    ['no data', 'data', /data must be an object/, (r) => delete r.data],
    ['data as an array', 'data', /data must be an object/, (r) => (r.data = [tx.data])],
    ['unknown envelope field', '', /Unrecognized key: "importedFrom"/, (r) => (r.importedFrom = 'releve.ofx')],
    ['connector location left in the envelope', '', /Unrecognized key: "location"/, (r) => (r.location = 'line 42')],
  ])('%s → %s', (_why, field, message, breakIt) => {
    const r = envelope();
    breakIt(r);
    const v = validateRecord(r, 3, 'line 12');
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect([...new Set(v.faults.map((f) => f.field))]).toEqual([field]);
    expect(v.faults.map((f) => f.message).join('; ')).toMatch(message);
    for (const f of v.faults) expect(f).toMatchObject({ index: 3, location: 'line 12' });
  });

  it.each([null, undefined, 'PRLV SEPA EDF', 42, []])('refuses %j as a record, at the record itself', (raw) => {
    const v = validateRecord(raw, 0);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.faults[0]).toMatchObject({ index: 0, field: '', message: expect.stringMatching(/expected object/) });
  });

  it('every record type of the registry has a schema and a name that sources may not misspell', () => {
    expect(RECORD_TYPES).toEqual(Object.keys(recordDataSchemas));
    expect(RECORD_TYPES).toHaveLength(15);
    for (const t of RECORD_TYPES) expect(t).toMatch(/^[a-z]+(\.[a-z]+)?$/);
  });
});

describe('validateRecord', () => {
  it('returns the record with the defaults of its type filled in, and no offset key when none was given', () => {
    const v = validateRecord(envelope(), 0);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.record).toEqual({
      type: 'bank.transaction',
      source: 'ofx:30004',
      sourceRef: '25062000001',
      occurredAt: '2025-03-03T00:00:00Z',
      data: { ...tx.data, status: 'booked' },
    });
    expect('occurredOffset' in v.record).toBe(false);
  });

  it('keeps the source offset when given', () => {
    const v = validateRecord({ ...envelope(), occurredOffset: '+01:00' }, 0);
    expect(v.ok && v.record.occurredOffset).toBe('+01:00');
  });

  it('trims names it requires not to be empty', () => {
    const ex = RECORD_EXAMPLES.contact[1]!;
    const v = validateRecord({ type: 'contact', source: ex.source, sourceRef: ex.sourceRef, occurredAt: ex.occurredAt, data: { fullName: '  Boulangerie Dupont\n' } }, 0);
    expect(v.ok && v.record.data).toMatchObject({ fullName: 'Boulangerie Dupont', emails: [], kind: 'individual' });
  });

  it('returns ALL the faults of a record, envelope and data together, each with index and location', () => {
    const r = envelope();
    delete (r as Partial<typeof r>).sourceRef;
    r.occurredAt = '2025-03-03T01:00:00+01:00';
    r.data.amount = { amountMinor: 12.5, currency: 'EURO' };
    r.data.bookingDate = '03/03/2025';
    r.data.montant = '-42,50';
    const v = validateRecord(r, 7, 'line 42');
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.faults.map((f) => f.field).sort()).toEqual(
      ['data', 'data.amount.amountMinor', 'data.amount.currency', 'data.bookingDate', 'occurredAt', 'sourceRef'].sort(),
    );
    for (const f of v.faults) expect(f).toMatchObject({ index: 7, location: 'line 42' });
  });

  it('checks several data faults at once, cross-field rules included', () => {
    const ex = RECORD_EXAMPLES['energy.reading'][0]!;
    const v = validateRecord(
      { type: 'energy.reading', source: ex.source, sourceRef: ex.sourceRef, occurredAt: ex.occurredAt, data: { ...ex.data, meterId: '', end: '2025-01-15T08:30:00Z' } },
      0,
    );
    expect(v.ok ? [] : v.faults.map((f) => [f.field, f.message])).toEqual([
      ['data.meterId', 'must not be empty'],
      ['data.end', 'end is before start'],
    ]);
  });

  it('does not check the data of a record whose type is unknown (it cannot know its schema)', () => {
    const v = validateRecord({ ...envelope(), type: 'bank.statement', data: { anything: true } }, 0);
    expect(v.ok ? [] : v.faults.map((f) => f.field)).toEqual(['type']);
  });

  it('leaves location out of faults when it is not given', () => {
    const v = validateRecord({ ...envelope(), sourceRef: '' }, 0);
    expect(v.ok ? [] : v.faults).toEqual([{ index: 0, field: 'sourceRef', message: 'sourceRef must not be empty' }]);
  });

  it('validates a record that comes out of it again, unchanged (idempotent, as archives re-import)', () => {
    for (const type of RECORD_TYPES) {
      const once = valid(type);
      const twice = validateRecord(once, 0);
      expect(twice.ok && twice.record, type).toEqual(once);
    }
  });
});

describe('searchTextOf', () => {
  it.each<[RecordType, number, string[], string[]]>([
    // type, example, words found, words not found
    ['bank.transaction', 0, ['PRLV SEPA EDF CLIENTS PARTICULIERS', 'ECH/030325', 'DIRECTDEBIT'], ['EUR', '00012345678', '2025-03-03', '-4250']],
    ['bank.transaction', 1, ['VIR SEPA SALAIRE', 'ACME INDUSTRIES SAS'], ['EUR', 'booked']],
    ['bank.transaction', 2, ['CB NYC DELI 07/03 USD 32,40'], ['pending']],
    ['bank.account', 1, ['Crédit Agricole', 'M. CAMILLE MARTIN', 'Compte de dépôt'], ['EUR', 'opening', 'closing']],
    ['contact', 0, ['Camille Martin', 'camille.martin@example.fr', 'Lyon', 'Mairie de Lyon', '12 rue des Lilas'], ['1985-03-14', '2024-11-02']],
    ['calendar.event', 1, ["Réunion d'équipe", 'Salle 3', 'Léa Dubois'], ['FREQ=WEEKLY', '2025-03-03T08:30:00Z', 'CONFIRMED']],
    ['document', 0, ['Facture d’électricité', 'EDF', 'facture_2025-02.pdf'], [EXAMPLE_SHA256, 'application/pdf', 'bill']],
    ['purchase', 0, ['Carrefour Market', 'Tomates grappe', 'Lait demi-écrémé'], ['EUR']],
    ['track', 0, ['Sortie vélo du dimanche'], ['2025-04-06T07:03:11Z']],
    ['energy.reading', 0, ['09123456789012'], ['electricity', 'interval', 'consumption', 'measured']],
    ['health.measure', 0, ['Systolic blood pressure', 'Withings BPM Connect'], ['http://loinc.org']],
    ['identity.attribute', 0, ['12 rue des Lilas', 'Lyon'], ['2024-09-01']],
  ])('%s example %i: finds %j, leaves out %j', (type, i, found, notFound) => {
    const text = searchTextOf(valid(type, i));
    for (const w of found) expect(text).toContain(w);
    // Left-out values are whole values, not words inside a label ("EMETTEUR" holds "EUR").
    const words = text.split(/\s+/);
    for (const w of notFound) {
      if (w.includes(' ')) expect(text).not.toContain(w);
      else expect(words).not.toContain(w);
    }
  });

  it('leaves out the currency code of an original amount (only the label may say it)', () => {
    const r = valid('bank.transaction', 2);
    const text = searchTextOf({ ...r, data: { ...r.data, label: 'CB NYC DELI' } } as RecordInput);
    expect(text.split(/\s+/)).not.toContain('USD');
    expect(text.split(/\s+/)).not.toContain('EUR');
  });

  it('indexes a title that starts with a date, but not bare dates', () => {
    const r = valid('document', 0);
    const text = searchTextOf({ ...r, data: { ...r.data, title: '2025-02-28 Relevé de compte courant' } } as RecordInput);
    expect(text).toContain('2025-02-28 Relevé de compte courant');
    expect(text.split(/\s+/)).not.toContain('2025-03-05');
  });

  it('does not index long texts (over 2,000 characters)', () => {
    const r = valid('contact', 1);
    const long = 'x'.repeat(2000);
    const text = searchTextOf({ ...r, data: { ...r.data, note: long } } as RecordInput);
    expect(text).not.toContain(long);
    expect(text).toContain('Boulangerie Dupont');
  });
});
