import { describe, it, expect } from 'vitest';
import { RECORD_EXAMPLES, type RecordExample } from './record-examples.ts';
import { RECORD_TYPES, validateRecord, type RecordType } from './record.ts';

/**
 * Every record type, table-driven: realistic valid examples (record-examples.ts), and
 * invalid ones built by breaking the type's first example in one place, each with the
 * field path and the words the fault must carry. Adding a type means adding rows.
 */

const raw = (type: RecordType, ex: RecordExample) => ({
  type,
  source: ex.source,
  sourceRef: ex.sourceRef,
  occurredAt: ex.occurredAt,
  ...(ex.occurredOffset ? { occurredOffset: ex.occurredOffset } : {}),
  data: structuredClone(ex.data),
});

const validRows = RECORD_TYPES.flatMap((type) => RECORD_EXAMPLES[type].map((ex) => [type, ex.name, ex] as const));

describe('valid examples of every record type', () => {
  it.each(validRows)('%s: %s', (type, _name, ex) => {
    const v = validateRecord(raw(type, ex), 0);
    expect(v.ok ? [] : v.faults).toEqual([]);
  });
});

type Data = Record<string, unknown>;
type Bad = [type: RecordType, why: string, field: string, message: RegExp, breakIt: (d: Data) => void];

/** Shorthands for breaking a nested field of the example's data. */
const at = (d: Data, ...path: (string | number)[]): Data => path.reduce<Data>((o, k) => o[k] as Data, d);

const invalidRows: Bad[] = [
  // bank.account
  ['bank.account', 'IBAN written with spaces', 'data.iban', /IBAN without spaces/, (d) => (d.iban = 'FR76 3000 6000 0112 3456 7890 189')],
  ['bank.account', 'BIC of 9 characters', 'data.bic', /BIC of 8 or 11 characters/, (d) => (d.bic = 'AGRIFRPP1')],
  ['bank.account', 'no currency', 'data.currency', /expected string/, (d) => delete d.currency],
  ['bank.account', 'balance of an unknown kind', 'data.balances.0.kind', /expected one of.*"closing"/, (d) => (at(d, 'balances', 0).kind = 'final')],
  ['bank.account', 'balance amount as a float of euros', 'data.balances.0.amount.amountMinor', /integer number of minor units/, (d) => (at(d, 'balances', 0).amount = { amountMinor: 2480.45, currency: 'EUR' })],
  ['bank.account', 'balance on 30 February', 'data.balances.0.at', /not a real calendar date/, (d) => (at(d, 'balances', 0).at = '2025-02-30')],
  ['bank.account', 'empty accountId', 'data.accountId', /must not be empty/, (d) => (d.accountId = ' ')],
  // bank.transaction
  ['bank.transaction', 'currency "EURO"', 'data.amount.currency', /ISO 4217 currency code such as EUR/, (d) => (at(d, 'amount').currency = 'EURO')],
  ['bank.transaction', 'unknown currency "XYZ"', 'data.amount.currency', /unknown ISO 4217/, (d) => (at(d, 'amount').currency = 'XYZ')],
  ['bank.transaction', 'amountMinor 12.5 (a float)', 'data.amount.amountMinor', /integer number of minor units/, (d) => (at(d, 'amount').amountMinor = 12.5)],
  ['bank.transaction', 'amount as a decimal string', 'data.amount', /expected object/, (d) => (d.amount = '-42.50')],
  ['bank.transaction', 'amount with an unknown field', 'data.amount', /Unrecognized key.*value/, (d) => (at(d, 'amount').value = -42.5)],
  ['bank.transaction', 'French date', 'data.bookingDate', /date like 2025-03-01/, (d) => (d.bookingDate = '03/03/2025')],
  ['bank.transaction', 'booking date as an instant', 'data.bookingDate', /date like 2025-03-01/, (d) => (d.bookingDate = '2025-03-03T00:00:00Z')],
  ['bank.transaction', 'value date 31 April', 'data.valueDate', /not a real calendar date/, (d) => (d.valueDate = '2025-04-31')],
  ['bank.transaction', 'no label', 'data.label', /expected string/, (d) => delete d.label],
  ['bank.transaction', 'empty accountRef', 'data.accountRef', /must not be empty/, (d) => (d.accountRef = '')],
  ['bank.transaction', 'status "cleared"', 'data.status', /"booked"\|"pending"/, (d) => (d.status = 'cleared')],
  ['bank.transaction', 'exchange rate with a decimal comma', 'data.exchangeRate', /pattern/, (d) => (d.exchangeRate = '1,0847')],
  ['bank.transaction', 'unknown field (French name)', 'data', /Unrecognized key: "montant"/, (d) => (d.montant = '-42,50')],
  // energy.reading
  ['energy.reading', 'end before start', 'data.end', /end is before start/, (d) => (d.end = '2025-01-15T08:30:00Z')],
  ['energy.reading', 'interval without start', 'data.start', /interval reading needs a start/, (d) => delete d.start],
  ['energy.reading', 'interval without any value', 'data.energyWh', /needs energyWh, averagePowerW, volumeM3 or volumeL/, (d) => (delete d.energyWh, delete d.averagePowerW)],
  ['energy.reading', 'index without a register value', 'data.indexWh', /index reading needs indexWh or indexM3/, (d) => ((d.kind = 'index'), delete d.energyWh, delete d.averagePowerW)],
  ['energy.reading', 'max_power without a power', 'data.maxPowerW', /needs maxPowerW or maxPowerVA/, (d) => (d.kind = 'max_power')],
  ['energy.reading', 'start with an offset instead of Z', 'data.start', /UTC instant like 2025-03-01T08:30:00Z/, (d) => (d.start = '2025-01-15T10:00:00+01:00')],
  ['energy.reading', 'commodity in French', 'data.commodity', /"electricity"/, (d) => (d.commodity = 'électricité')],
  ['energy.reading', 'energy as a string', 'data.energyWh', /expected number/, (d) => (d.energyWh = '600')],
  ['energy.reading', 'quality unknown', 'data.quality', /"measured"/, (d) => (d.quality = 'R')],
  ['energy.reading', 'empty meter id', 'data.meterId', /must not be empty/, (d) => (d.meterId = '')],
  // telecom.usage
  ['telecom.usage', 'negative data volume', 'data.dataBytes', />=0/, (d) => (d.dataBytes = -1)],
  ['telecom.usage', 'data volume in fractional bytes', 'data.dataBytes', /expected int/, (d) => (d.dataBytes = 1.5)],
  ['telecom.usage', 'kind "voice"', 'data.kind', /"call"/, (d) => (d.kind = 'voice')],
  ['telecom.usage', 'negative duration', 'data.durationS', />=0/, (d) => (d.durationS = -3)],
  ['telecom.usage', 'cost without currency', 'data.cost.currency', /expected string/, (d) => (d.cost = { amountMinor: 0 })],
  // contact
  ['contact', 'empty fullName (FN:)', 'data.fullName', /must not be empty/, (d) => (d.fullName = '')],
  ['contact', 'fullName of blanks', 'data.fullName', /must not be empty/, (d) => (d.fullName = '   ')],
  ['contact', 'French birthday', 'data.birthday', /date like 1985-03-14, or --03-14 without the year/, (d) => (d.birthday = '14/03/1985')],
  ['contact', 'e-mails as bare strings', 'data.emails.0', /expected object/, (d) => (d.emails = ['camille.martin@example.fr'])],
  ['contact', 'address with a 3-letter country code', 'data.addresses.0.countryCode', /ISO 3166-1 alpha-2 code like FR/, (d) => (at(d, 'addresses', 0).countryCode = 'FRA')],
  ['contact', 'photo as a bare URL', 'data.photo', /stored file .* or \{ uri \}/, (d) => (d.photo = 'https://example.fr/c.jpg')],
  ['contact', 'kind "person"', 'data.kind', /"individual"/, (d) => (d.kind = 'person')],
  ['contact', 'REV with an offset', 'data.revisedAt', /UTC instant/, (d) => (d.revisedAt = '2024-11-02T11:15:00+01:00')],
  // calendar.event
  ['calendar.event', 'all-day event with an instant start', 'data.start', /an all-day event starts on a date/, (d) => ((d.start = '2025-03-14T00:00:00Z'), delete d.end)],
  ['calendar.event', 'end before start', 'data.end', /end is before start/, (d) => (d.end = '2025-03-13')],
  ['calendar.event', 'date end with an instant start', 'data.end', /must both be dates or both instants/, (d) => ((d.allDay = false), (d.start = '2025-03-14T08:00:00Z'))],
  ['calendar.event', 'timed event given as a date', 'data.start', /a timed event starts at an instant/, (d) => (d.allDay = false)],
  ['calendar.event', 'start in words', 'data.start', /real date like 2025-03-01 or a UTC instant like 2025-03-01T08:30:00Z/, (d) => (d.start = 'demain')],
  ['calendar.event', 'no UID', 'data.uid', /expected string/, (d) => delete d.uid],
  ['calendar.event', 'lower-case STATUS', 'data.status', /"CONFIRMED"/, (d) => (d.status = 'confirmed')],
  ['calendar.event', 'attendee with an unknown field', 'data.attendees.0', /Unrecognized key: "partstat"/, (d) => (d.attendees = [{ email: 'a@example.fr', partstat: 'ACCEPTED' }])],
  // location.point
  ['location.point', 'latitude 91', 'data.lat', /latitude must be between -90 and 90/, (d) => (d.lat = 91)],
  ['location.point', 'longitude -181', 'data.lon', /longitude must be between -180 and 180/, (d) => (d.lon = -181)],
  ['location.point', 'latitude E7 integer left unscaled', 'data.lat', /latitude must be between -90 and 90/, (d) => (d.lat = 488583701)],
  ['location.point', 'latitude as a string', 'data.lat', /expected number/, (d) => (d.lat = '48.8583701')],
  ['location.point', 'negative accuracy', 'data.accuracyM', />=0/, (d) => (d.accuracyM = -1)],
  ['location.point', 'heading 400°', 'data.headingDeg', /<=360/, (d) => (d.headingDeg = 400)],
  // place.visit
  ['place.visit', 'no end', 'data.end', /expected string/, (d) => delete d.end],
  ['place.visit', 'confidence 150 %', 'data.confidence', /<=100/, (d) => (d.confidence = 150)],
  ['place.visit', 'latitude -95', 'data.lat', /latitude must be between -90 and 90/, (d) => (d.lat = -95)],
  ['place.visit', 'structured address with an unknown field', 'data.structuredAddress', /Unrecognized key: "city"/, (d) => (d.structuredAddress = { city: 'Lyon' })],
  // track
  ['track', 'a point at latitude 91', 'data.points.1.lat', /latitude must be between -90 and 90/, (d) => (at(d, 'points', 1).lat = 91)],
  ['track', 'mode "bike"', 'data.mode', /"cycling"/, (d) => (d.mode = 'bike')],
  ['track', 'negative distance', 'data.distanceM', />=0/, (d) => (d.distanceM = -42150)],
  ['track', 'point time with an offset', 'data.points.0.at', /UTC instant/, (d) => (at(d, 'points', 0).at = '2025-04-06T09:02:11+02:00')],
  // purchase
  ['purchase', 'no total', 'data.total', /expected object/, (d) => delete d.total],
  ['purchase', 'item of quantity 0', 'data.items.0.quantity', />0/, (d) => (at(d, 'items', 0).quantity = 0)],
  ['purchase', 'item without a name', 'data.items.1.name', /must not be empty/, (d) => (at(d, 'items', 1).name = '')],
  ['purchase', 'empty merchant', 'data.merchant', /must not be empty/, (d) => (d.merchant = '')],
  ['purchase', 'unit price in euros as a float', 'data.items.0.unitPrice.amountMinor', /integer number of minor units/, (d) => (at(d, 'items', 0, 'unitPrice').amountMinor = 1.09)],
  ['purchase', 'channel "web"', 'data.channel', /"online"/, (d) => (d.channel = 'web')],
  // health.measure
  ['health.measure', 'no value, valueText nor components', 'data.value', /needs value, valueText or components/, (d) => (d.components = [])],
  ['health.measure', 'component without unit', 'data.components.0.unit', /expected string/, (d) => delete at(d, 'components', 0).unit],
  ['health.measure', 'code without its code', 'data.code.code', /expected string/, (d) => (d.code = { system: 'http://loinc.org', display: 'Blood pressure' })],
  ['health.measure', 'systolic value as a string', 'data.components.0.value', /expected number/, (d) => (at(d, 'components', 0).value = '128')],
  ['health.measure', 'effectiveDateTime with an offset', 'data.start', /UTC instant/, (d) => (d.start = '2025-02-10T08:45:00+01:00')],
  // health.event
  ['health.event', 'kind "vaccine"', 'data.kind', /"immunization"/, (d) => (d.kind = 'vaccine')],
  ['health.event', 'occurrence date 2021-02-29', 'data.start', /not a real calendar date/, (d) => (d.start = '2021-02-29')],
  ['health.event', 'no code', 'data.code', /expected object/, (d) => delete d.code],
  // identity.attribute
  ['identity.attribute', 'attribute "address"', 'data.attribute', /"postal_address"/, (d) => (d.attribute = 'address')],
  ['identity.attribute', 'empty value', 'data.value', /must not be empty/, (d) => (d.value = '')],
  ['identity.attribute', 'asOf a month', 'data.asOf', /date like 2025-03-01/, (d) => (d.asOf = '2024-09')],
  ['identity.attribute', 'address country code "fr"', 'data.address.countryCode', /alpha-2/, (d) => (at(d, 'address').countryCode = 'fr')],
  // document
  ['document', 'sha256 in upper case', 'data.file.sha256', /sha256 hex digest/, (d) => (at(d, 'file').sha256 = at(d, 'file').sha256!.toString().toUpperCase())],
  ['document', 'sha256 truncated', 'data.file.sha256', /sha256 hex digest/, (d) => (at(d, 'file').sha256 = '3f79bb7b435b0532')],
  ['document', 'kind "invoice"', 'data.kind', /"bill"/, (d) => (d.kind = 'invoice')],
  ['document', 'no issue date', 'data.issuedOn', /expected string/, (d) => delete d.issuedOn],
  ['document', 'negative file size', 'data.file.size', />=0/, (d) => (at(d, 'file').size = -1)],
  ['document', 'paidBy without sourceRef', 'data.paidBy.0.sourceRef', /expected string/, (d) => (d.paidBy = [{ type: 'bank.transaction' }])],
  // contract
  ['contract', 'no start date', 'data.startDate', /expected string/, (d) => delete d.startDate],
  ['contract', 'period "monthly"', 'data.period', /"month"/, (d) => (d.period = 'monthly')],
  ['contract', 'a term that is an object', 'data.terms.hours', /a text, a number or true\/false/, (d) => (at(d, 'terms').hours = { start: '22:30' })],
  ['contract', 'empty provider', 'data.provider', /must not be empty/, (d) => (d.provider = '')],
];

describe('invalid data of every record type: the fault names the field and what was expected', () => {
  it.each(invalidRows)('%s: %s → %s %s', (type, _why, field, message, breakIt) => {
    const r = raw(type, RECORD_EXAMPLES[type][0]!);
    breakIt(r.data);
    const v = validateRecord(r, 5, 'line 6');
    expect(v.ok).toBe(false);
    if (v.ok) return;
    // Only that field is at fault (one or more messages about it).
    expect([...new Set(v.faults.map((f) => f.field))]).toEqual([field]);
    expect(v.faults.map((f) => f.message).join('; ')).toMatch(message);
    for (const f of v.faults) expect(f).toMatchObject({ index: 5, location: 'line 6' });
  });
});

describe('coverage of the tables', () => {
  it.each(RECORD_TYPES)('%s has valid examples and at least two invalid ones', (type) => {
    expect(RECORD_EXAMPLES[type].length).toBeGreaterThan(0);
    expect(invalidRows.filter((r) => r[0] === type).length).toBeGreaterThanOrEqual(2);
  });
});
