import { describe, it, expect } from 'vitest';
import { genericConnector as generic } from './generic-connector.ts';
import { fixture, readAll } from '../../../test/connectors/read-all.ts';
import { bytesInput } from '../util/input.ts';
import type { ConnectorOptions } from '../connector.ts';

const read = async (file: string, options: ConnectorOptions, chunk?: number) => readAll(generic, await fixture('generic', file, chunk), options);
const WEIGHT: ConnectorOptions = {
  recordType: 'health.measure',
  source: 'withings-csv',
  map: {
    occurredAt: 'Date',
    'data.start': 'Date',
    'data.value': 'Poids (kg)',
    'data.kind': '=body_mass',
    'data.code.system': '=http://loinc.org',
    'data.code.code': '=29463-7',
    'data.unit': '=kg',
    'data.sourceName': 'Remarque',
  },
};

describe('generic connector', () => {
  it('answers low for any table or JSON, so specific connectors win', async () => {
    expect(generic.recognize(await fixture('generic', 'balance-latin1.csv')).confidence).toBe(0.2);
    expect(generic.recognize(await fixture('generic', 'sommeil.json')).confidence).toBe(0.25);
    expect(generic.recognize(await fixture('generic', 'trajets.json')).confidence).toBe(0.25);
    expect(generic.recognize(await fixture('generic', 'humeur.jsonl')).confidence).toBe(0.2);
    expect(generic.recognize(bytesInput('x', Buffer.from(''))).confidence).toBe(0);
    expect(generic.recognize(bytesInput('x', Buffer.from('just some words'))).confidence).toBe(0);
  });

  it('maps a Latin-1, semicolon, CRLF CSV with decimal commas and French date-times', async () => {
    const { records } = await read('balance-latin1.csv', WEIGHT, 16);
    expect(records.map((r) => [r.occurredAt, r.occurredOffset, r.data.value, r.data.sourceName])).toEqual([
      ['2024-01-12T06:45:00.000Z', '+01:00', 61.4, 'Après footing'],
      ['2024-01-13T06:50:00.000Z', '+01:00', 61.2, undefined],
      ['2024-01-14T07:02:00.000Z', '+01:00', 61.2, 'Pesée ; avant petit-déjeuner'],
    ]);
    expect(records[0]).toMatchObject({
      type: 'health.measure',
      source: 'withings-csv',
      location: 'row 1',
      data: { kind: 'body_mass', code: { system: 'http://loinc.org', code: '29463-7' }, unit: 'kg', start: '2024-01-12T06:45:00.000Z' },
    });
    const again = await read('balance-latin1.csv', WEIGHT);
    expect(again.records.map((r) => r.sourceRef)).toEqual(records.map((r) => r.sourceRef));
  });

  it('maps a JSON array with nested keys; nulls leave fields out', async () => {
    const { records } = await read(
      'sommeil.json',
      {
        recordType: 'health.measure',
        map: {
          occurredAt: 'debut',
          'data.start': 'debut',
          'data.end': 'fin',
          'data.value': 'score.total',
          'data.valueText': 'score.phase',
          'data.kind': '=sleep',
          'data.code.code': '=sleep-score',
          'data.device': 'appareil',
        },
      },
      30,
    );
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      source: 'generic',
      occurredAt: '2024-02-01T22:10:00.000Z',
      occurredOffset: '+01:00',
      data: { value: 82, valueText: 'profond', end: '2024-02-02T05:55:00.000Z', device: 'Bague Oura' },
    });
    expect(records[2]!.data).toEqual({ kind: 'sleep', code: { code: 'sleep-score' }, start: '2024-02-03T22:40:00.000Z', valueText: 'inconnu' });
  });

  it('maps an object holding one array, with the file’s own ids as sourceRef', async () => {
    const { records } = await read('trajets.json', {
      recordType: 'track',
      source: 'sncf',
      map: { occurredAt: 'depart', sourceRef: 'id', 'data.start': 'depart', 'data.end': 'arrivee', 'data.mode': 'mode', 'data.name': 'libelle' },
    });
    expect(records.map((r) => [r.sourceRef, r.occurredAt, r.data.end, r.data.name])).toEqual([
      ['T-2024-0001', '2024-03-05T07:12:00.000Z', '2024-03-05T07:47:00.000Z', 'Lyon Part-Dieu → Vienne'],
      ['T-2024-0002', '2024-03-05T17:05:00.000Z', '2024-03-05T17:41:00.000Z', 'Vienne → Lyon Part-Dieu'],
    ]);
    expect(records[0]!.location).toBe('line 2, trajets[0]');
  });

  it('maps JSON Lines; identical rows stay two', async () => {
    const { records } = await read('humeur.jsonl', {
      recordType: 'health.measure',
      source: 'carnet',
      map: { occurredAt: 'quand', 'data.start': 'quand', 'data.value': 'humeur', 'data.valueText': 'note', 'data.kind': '=mood', 'data.code.code': '=mood' },
    });
    expect(records.map((r) => [r.occurredAt, r.data.value, r.location])).toEqual([
      ['2024-04-01T19:00:00.000Z', 4, 'line 1'],
      ['2024-04-02T19:05:00.000Z', 2, 'line 3'],
      ['2024-04-02T19:05:00.000Z', 2, 'line 4'],
    ]);
    expect(records[1]!.sourceRef.replace(/#0$/, '#1')).toBe(records[2]!.sourceRef);
  });

  it('turns amounts into exact money with the currency column or EUR', async () => {
    const csv = 'Date,Libellé,Montant,Devise\n05/03/2024,CB CARREFOUR,"-42,50",EUR\n05/03/2024,CB CARREFOUR,"-42,50",EUR\n06/03/2024,VIR SALAIRE,"2 480,45",\n07/03/2024,ACHAT AMAZON.COM,-12.5,usd\n';
    const { records } = await readAll(generic, bytesInput('comptes.csv', Buffer.from(csv)), {
      recordType: 'bank.transaction',
      source: 'tableur',
      map: { occurredAt: 'Date', 'data.bookingDate': 'Date', 'data.label': 'Libellé', 'data.amount': 'Montant', 'data.amount.currency': 'Devise', 'data.accountRef': '=compte-joint' },
    });
    expect(records.map((r) => [r.data.bookingDate, r.data.amount, r.occurredAt])).toEqual([
      ['2024-03-05', { amountMinor: -4250, currency: 'EUR' }, '2024-03-04T23:00:00.000Z'],
      ['2024-03-05', { amountMinor: -4250, currency: 'EUR' }, '2024-03-04T23:00:00.000Z'],
      ['2024-03-06', { amountMinor: 248045, currency: 'EUR' }, '2024-03-05T23:00:00.000Z'],
      ['2024-03-07', { amountMinor: -1250, currency: 'USD' }, '2024-03-06T23:00:00.000Z'],
    ]);
    expect(records[0]!.sourceRef).not.toBe(records[1]!.sourceRef);
  });

  it('without a mapping, lists the columns found and shows how to map them', async () => {
    await expect(read('balance-latin1.csv', {})).rejects.toThrow(
      /balance-latin1\.csv: which column goes where\? Columns found: "Date", "Poids \(kg\)", "Masse grasse \(%\)", "Remarque"\. Pass a mapping with the record type, e\.g\. \{ recordType: 'health\.measure'/,
    );
    await expect(read('sommeil.json', {})).rejects.toThrow(/Columns found: "nuit", "debut", "fin", "score\.total", "score\.phase", "appareil"/);
  });

  it('says what is wrong with a mapping or a cell', async () => {
    await expect(read('balance-latin1.csv', { ...WEIGHT, map: { ...WEIGHT.map, 'data.value': 'Poids' } })).rejects.toThrow(
      /the mapping names a column "Poids" that the file does not have; columns found: "Date", "Poids \(kg\)"/,
    );
    await expect(read('balance-latin1.csv', { ...WEIGHT, map: { ...WEIGHT.map, 'data.poids': 'Poids (kg)' } })).rejects.toThrow(/a health\.measure has no field poids/);
    await expect(read('balance-latin1.csv', { ...WEIGHT, recordType: 'health.mesure' })).rejects.toThrow(/the record type "health\.mesure" is unknown: expected one of/);
    await expect(read('balance-latin1.csv', { ...WEIGHT, map: { ...WEIGHT.map, 'data.value': 'Remarque' } })).rejects.toThrow(
      /balance-latin1\.csv, row 1, Remarque: "Après footing" is not a number/,
    );
    const bad = 'Date;Poids (kg);Remarque\n31/02/2024;61;\n';
    await expect(readAll(generic, bytesInput('b.csv', Buffer.from(bad)), WEIGHT)).rejects.toThrow(/b\.csv, row 1, Date: "31\/02\/2024" is not a real date/);
  });
});
