import { describe, it, expect } from 'vitest';
import { fhirConnector as fhir } from './fhir-connector.ts';
import { fixture, readAll } from '../../../test/connectors/read-all.ts';
import { bytesInput } from '../util/input.ts';
import { ConnectorError } from '../connector.ts';

const read = async (file: string, chunk?: number, options = {}) => readAll(fhir, await fixture('fhir', file, chunk), options);
const LOINC = 'http://loinc.org';

describe('fhir connector', () => {
  it('recognises bundles and clinical resources', async () => {
    expect(fhir.recognize(await fixture('fhir', 'synthea-transaction.json')).confidence).toBe(0.95);
    expect(fhir.recognize(await fixture('fhir', 'patient-resource.json')).confidence).toBe(0.85);
    expect(fhir.recognize(bytesInput('x.json', Buffer.from('{"resourceType":"CapabilityStatement"}'))).confidence).toBe(0.3);
    expect(fhir.recognize(bytesInput('x.json', Buffer.from('{"type":"collection"}'))).confidence).toBe(0);
  });

  it('reads a Synthea-like transaction bundle: patient, observations, clinical events, references', async () => {
    const { records, warnings } = await read('synthea-transaction.json', 200);
    expect(warnings).toEqual([
      'synthea-transaction.json, line 87, entry[6] (Observation/obs-absent): this observation has no value (Patient refused) and was skipped',
      'synthea-transaction.json: resources not imported: 1 Claim',
    ]);
    expect(records.every((r) => r.source === 'fhir')).toBe(true);
    const ids = records.filter((r) => r.type === 'identity.attribute').map((r) => [r.data.attribute, r.data.value]);
    expect(ids).toEqual([
      ['full_name', 'Mme Camille Louise Martin'],
      ['given_name', 'Camille Louise'],
      ['family_name', 'Martin'],
      ['birth_date', '1985-04-12'],
      ['gender', 'female'],
      ['postal_address', '12 rue des Lilas, Bât. B, 69003 Lyon, FR'],
      ['phone', '+33 6 12 34 56 78'],
      ['email', 'camille.martin@example.fr'],
      ['social_security_number', '285046912345678'],
    ]);
    const addr = records.find((r) => r.data.attribute === 'postal_address')!;
    expect(addr).toMatchObject({
      occurredAt: '2024-04-02T08:00:00.000Z',
      sourceRef: 'Patient/6c1d7a1e-8f1b-4c1e-9a55-3d2f0f4c9b11#postal_address:12 rue des Lilas, Bât. B, 69003 Lyon, FR',
      data: {
        purpose: 'home',
        asOf: '2024-04-02',
        address: { street: ['12 rue des Lilas', 'Bât. B'], locality: 'Lyon', postalCode: '69003', country: 'FR', countryCode: 'FR' },
      },
    });
    const rest = records.filter((r) => r.type !== 'identity.attribute');
    expect(rest.map((r) => [r.sourceRef, r.occurredAt, r.occurredOffset])).toEqual([
      ['Observation/obs-weight-1', '2024-03-15T07:12:00.000Z', '+01:00'],
      ['Observation/obs-bp-1', '2024-03-15T07:15:00.000Z', '+01:00'],
      ['Observation/obs-smoking', '2024-03-14T23:00:00.000Z', '+01:00'],
      ['Observation/obs-note', '2024-03-15T09:00:00.250Z', undefined],
      ['Condition/cond-1', '2009-08-31T22:00:00.000Z', '+02:00'],
      ['Immunization/imm-1', '2021-05-19T22:00:00.000Z', '+02:00'],
      ['Procedure/proc-1', '2015-06-02T12:00:00.000Z', '+02:00'],
      ['AllergyIntolerance/allergy-1', '2012-11-02T23:00:00.000Z', '+01:00'],
      // Its Medication came after it in the bundle: it waited until the end.
      ['MedicationRequest/medreq-1', '2024-03-15T07:30:00.000Z', '+01:00'],
    ]);
    expect(rest[0]!.data).toEqual({
      kind: 'body_mass',
      code: { system: LOINC, code: '29463-7', display: 'Body Weight' },
      value: 61.4,
      unit: 'kg',
      components: [],
      start: '2024-03-15T07:12:00.000Z',
      status: 'final',
      category: 'Vital signs',
    });
    expect(rest[1]!.data).toMatchObject({
      kind: 'blood_pressure',
      unit: 'mm[Hg]',
      components: [
        { code: { system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }, value: 124, unit: 'mm[Hg]' },
        { code: { system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }, value: 79, unit: 'mm[Hg]' },
      ],
    });
    expect(rest[2]!.data).toMatchObject({ kind: 'smoking_status', valueText: 'Jamais fumé', start: '2024-03-14T23:00:00.000Z' });
    expect(rest[3]!.data).toMatchObject({ kind: 'commentaire_infirmier', code: { code: 'Commentaire infirmier' }, valueText: 'Patiente en bonne forme', status: 'preliminary' });
    expect(rest[4]!.data).toEqual({
      kind: 'condition',
      code: { system: 'http://snomed.info/sct', code: '195967001', display: 'Asthma' },
      codes: [
        { system: 'http://hl7.org/fhir/sid/icd-10', code: 'J45.9', display: 'Asthme, sans précision' },
        { system: 'http://snomed.info/sct', code: '195967001', display: 'Asthma' },
      ],
      status: 'active',
      start: '2009-08-31T22:00:00.000Z',
      performer: 'Dr Luc Bernard',
      note: "Asthme d'effort",
    });
    expect(rest[5]!.data).toMatchObject({ kind: 'immunization', code: { code: '208' }, start: '2021-05-20', performer: 'Pharmacie du Centre', note: 'lot FA4598' });
    expect(rest[6]!.data).toMatchObject({ kind: 'procedure', start: '2015-06-02T12:00:00.000Z', end: '2015-06-02T13:10:00.000Z', status: 'completed' });
    expect(rest[7]!.data).toMatchObject({ kind: 'allergy', start: '2012-11-03', status: 'active', note: 'criticality: high\nreaction: Urticaire, Anaphylaxis' });
    expect(rest[8]!.data).toMatchObject({
      kind: 'medication',
      code: { system: 'http://www.whocc.no/atc', code: 'R03AC02', display: 'salbutamol' },
      dosage: '2 bouffées si gêne respiratoire',
      performer: 'Dr Luc Bernard',
      status: 'active',
    });
  });

  it('reads a server searchset: source from the server, dates as local midnight, periods, integers', async () => {
    const { records, warnings } = await read('searchset-server.json', 64);
    expect(warnings).toEqual(['searchset-server.json: resources not imported: 1 OperationOutcome']);
    expect(records.map((r) => [r.source, r.sourceRef, r.data.kind, r.data.value, r.data.unit])).toEqual([
      ['fhir:fhir.chu-exemple.fr', 'Observation/gly-1', 'blood_glucose', 0.95, 'g/L'],
      ['fhir:fhir.chu-exemple.fr', 'Observation/steps-1', 'steps', 8421, undefined],
      ['fhir:fhir.chu-exemple.fr', 'Observation/hr-1', 'heart_rate', 64, '/min'],
      ['fhir:fhir.chu-exemple.fr', 'Observation/unk-1', 'clairance_de_la_creatinine', 92, 'mL/min'],
    ]);
    expect(records[0]).toMatchObject({ occurredAt: '2024-04-28T22:00:00.000Z', occurredOffset: '+02:00', data: { category: 'Laboratory' } });
    expect(records[1]!.data).toMatchObject({ start: '2024-04-28T22:00:00.000Z', end: '2024-04-29T22:00:00.000Z' });
    // In another time zone, a date-only value is that zone's midnight.
    const ny = await read('searchset-server.json', undefined, { timeZone: 'America/New_York', source: 'fhir:chu' });
    expect(ny.records[0]).toMatchObject({ source: 'fhir:chu', occurredAt: '2024-04-29T04:00:00.000Z', occurredOffset: '-04:00' });
  });

  it('reads a single Patient resource', async () => {
    const { records } = await read('patient-resource.json');
    expect(records.map((r) => [r.sourceRef, r.data.value])).toEqual([
      ['Patient/pat-42#full_name:Jean-Pierre Lefèvre', 'Jean-Pierre Lefèvre'],
      ['Patient/pat-42#birth_date:1952', '1952'],
      ['Patient/pat-42#postal_address:3 place Bellecour, 69002 Lyon', '3 place Bellecour, 69002 Lyon'],
      ['Patient/pat-42#phone:0478001122', '04 78 00 11 22'],
    ]);
    expect(records[0]).toMatchObject({ source: 'fhir', occurredAt: '2023-11-20T15:45:00.000Z', data: { asOf: '2023-11-20' } });
  });

  it('reads a Bulk Data NDJSON file, one resource per line', async () => {
    expect(fhir.recognize(await fixture('fhir', 'Observation.ndjson')).confidence).toBe(0.85);
    const { records, warnings } = await read('Observation.ndjson', 64);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.sourceRef, r.occurredAt, r.occurredOffset, r.data.kind, r.data.value, r.data.unit, r.location])).toEqual([
      ['Observation/bulk-1', '2024-05-01T04:30:00.000Z', '+02:00', 'heart_rate', 58, '/min', 'line 1, entry[0] (Observation/bulk-1)'],
      ['Observation/bulk-2', '2024-05-01T04:35:00.000Z', '+02:00', 'body_mass', 78.25, 'kg', 'line 2, entry[1] (Observation/bulk-2)'],
      ['Observation/bulk-3', '2024-05-02T19:00:00.000Z', '+02:00', 'body_temperature', 38.4, 'Cel', 'line 4, entry[3] (Observation/bulk-3)'],
    ]);
    await expect(readAll(fhir, bytesInput('o.ndjson', Buffer.from('{"resourceType":"Practitioner","id":"a"}\n{"resourceType": oops}\n')))).rejects.toThrow(
      /o\.ndjson, line 2: this line is not valid JSON/,
    );
  });

  it('gives the same refs on a re-read', async () => {
    const a = await read('synthea-transaction.json', 10);
    const b = await read('synthea-transaction.json');
    expect(b.records.map((r) => r.sourceRef)).toEqual(a.records.map((r) => r.sourceRef));
    expect(new Set(a.records.map((r) => r.sourceRef)).size).toBe(a.records.length);
  });

  it('says where a bundle is broken', async () => {
    await expect(read('observation-no-date.json')).rejects.toThrow(
      /observation-no-date\.json, line 2, entry\[0\] \(Observation\/o1\): Observation has no effectiveDateTime/,
    );
    const err = await read('truncated.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as Error).message).toMatch(/truncated\.json, line \d+: this JSON is malformed/);
    await expect(readAll(fhir, bytesInput('m.json', Buffer.from('{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"MedicationRequest","id":"m","status":"active","medicationReference":{"reference":"Medication/nope"},"authoredOn":"2024-01-01"}}]}')))).rejects.toThrow(
      /m\.json, line 1, entry\[0\] \(MedicationRequest\/m\): medicationReference Medication\/nope does not point to a Medication in this bundle/,
    );
    await expect(readAll(fhir, bytesInput('d.json', Buffer.from('{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","id":"x","code":{"text":"t"},"effectiveDateTime":"15/03/2024","valueString":"a"}}]}')))).rejects.toThrow(
      /effectiveDateTime should be a FHIR date or dateTime/,
    );
  });
});
