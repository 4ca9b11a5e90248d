import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConnectorRecord } from '../connector.ts';
import { readAll as readAllRecords } from '../../../test/connectors/read-all.ts';
import { ConnectorError } from '../connector.ts';
import { bytesInput, fileInput } from '../util/input.ts';
import { enedisConnector } from './enedis-connector.ts';

const dir = new URL('../../../test/fixtures/enedis/', import.meta.url).pathname;

async function readAll(name: string, timeZone?: string): Promise<{ recs: ConnectorRecord[]; warnings: string[] }> {
  const { records, warnings } = await readAllRecords(enedisConnector, await fileInput(dir + name), timeZone ? { timeZone } : {});
  return { recs: records, warnings };
}

const data = (r: ConnectorRecord) => r.data as Record<string, unknown>;
const sum = (rs: ConnectorRecord[], k: string) => rs.reduce((a, r) => a + (data(r)[k] as number), 0);

describe('enedis connector: recognition', () => {
  it('recognises both layouts from content and refuses other CSV', async () => {
    for (const f of ['courbe-de-charge-octobre-dst.csv', 'courbe-de-charge-mars-dst.csv', 'consommation-quotidienne.csv', 'export-ancien-format.csv', 'ancien-format-sans-unite.csv'])
      expect(enedisConnector.recognize(await fileInput(dir + f)).confidence, f).toBeGreaterThanOrEqual(0.9);
    expect(enedisConnector.recognize(bytesInput('x.csv', new TextEncoder().encode('Date;Libellé;Montant\n01/02/2024;CB;-12,00\n'))).confidence).toBe(0);
  });
});

describe('enedis connector: load curve', () => {
  it('October change: 50 half-hours, repeated labels go to +02:00 then +01:00, no instant twice', async () => {
    const { recs } = await readAll('courbe-de-charge-octobre-dst.csv');
    expect(recs).toHaveLength(50);
    expect(new Set(recs.map((r) => r.sourceRef)).size).toBe(50);
    expect(recs[0]!.source).toBe('enedis:09876543210123');
    expect(data(recs[0]!)).toMatchObject({ kind: 'interval', start: '2023-10-28T22:00:00.000Z', end: '2023-10-28T22:30:00.000Z', averagePowerW: 300, energyWh: 150, meterId: '09876543210123', commodity: 'electricity', direction: 'consumption', quality: 'measured' });
    // labels 02:00, 02:30 (first pass, +02:00), 02:00, 02:30 (second pass, +01:00), 03:00
    expect(recs.slice(3, 8).map((r) => [r.occurredAt, r.occurredOffset])).toEqual([
      ['2023-10-29T00:00:00.000Z', '+02:00'],
      ['2023-10-29T00:30:00.000Z', '+02:00'],
      ['2023-10-29T01:00:00.000Z', '+01:00'],
      ['2023-10-29T01:30:00.000Z', '+01:00'],
      ['2023-10-29T02:00:00.000Z', '+01:00'],
    ]);
    for (let i = 1; i < recs.length; i++) expect(data(recs[i]!).start).toBe(data(recs[i - 1]!).end);
    expect(data(recs[49]!).end).toBe('2023-10-29T23:00:00.000Z');
    expect(sum(recs, 'averagePowerW')).toBe(23575);
    expect(sum(recs, 'energyWh')).toBe(11787.5);
    expect(recs[0]!.sourceRef).toBe('09876543210123:consumption:load_curve:2023-10-28T22:30:00.000Z');
  });

  it('October change in a file listed newest first: the same 50 instants', async () => {
    const lines = readFileSync(dir + 'courbe-de-charge-octobre-dst.csv', 'utf8').trimEnd().split('\r\n');
    const reversed = [lines[0]!, ...lines.slice(1).reverse()].join('\r\n');
    const recs = (await readAllRecords(enedisConnector, bytesInput('inverse.csv', new TextEncoder().encode(reversed)))).records;
    const forward = (await readAll('courbe-de-charge-octobre-dst.csv')).recs;
    expect(recs.map((r) => [r.sourceRef, data(r).averagePowerW]).reverse()).toEqual(forward.map((r) => [r.sourceRef, data(r).averagePowerW]));
  });

  it('March change: 46 half-hours over 23 hours, Latin-1 file, total Wh exact', async () => {
    const { recs } = await readAll('courbe-de-charge-mars-dst.csv');
    expect(recs).toHaveLength(46);
    expect(data(recs[0]!).start).toBe('2023-03-25T23:00:00.000Z');
    expect(data(recs[45]!).end).toBe('2023-03-26T22:00:00.000Z');
    expect(recs.slice(2, 4).map((r) => [r.occurredAt, r.occurredOffset])).toEqual([
      ['2023-03-26T00:30:00.000Z', '+01:00'],
      ['2023-03-26T01:00:00.000Z', '+02:00'],
    ]);
    for (let i = 1; i < recs.length; i++) expect(data(recs[i]!).start).toBe(data(recs[i - 1]!).end);
    expect(sum(recs, 'energyWh')).toBe(13570);
    // Enedis times are French legal time whatever zone the person set.
    const elsewhere = await readAll('courbe-de-charge-mars-dst.csv', 'America/Martinique');
    expect(elsewhere.recs.map((r) => r.sourceRef)).toEqual(recs.map((r) => r.sourceRef));
  });

  it('follows a step that changes within the file and skips empty values with a warning', async () => {
    const { recs, warnings } = await readAll('courbe-de-charge-pas-variable.csv');
    expect(recs.map((r) => [data(r).start, data(r).end, data(r).energyWh, data(r).quality])).toEqual([
      ['2024-05-13T22:00:00.000Z', '2024-05-13T23:00:00.000Z', 1200, 'measured'],
      ['2024-05-13T23:00:00.000Z', '2024-05-14T00:00:00.000Z', 900, 'measured'],
      ['2024-05-14T00:00:00.000Z', '2024-05-14T00:30:00.000Z', 400.5, 'measured'],
      ['2024-05-14T00:30:00.000Z', '2024-05-14T01:00:00.000Z', 388.5, 'measured'],
      ['2024-05-14T01:00:00.000Z', '2024-05-14T01:10:00.000Z', 100, 'measured'],
      ['2024-05-14T01:20:00.000Z', '2024-05-14T01:30:00.000Z', 110, 'estimated'],
    ]);
    expect(warnings.join('\n')).toMatch(/1 value\(s\) were empty/);
  });

  it('gives the same sourceRefs on a second read (overlapping imports dedup)', async () => {
    const a = (await readAll('courbe-de-charge-octobre-dst.csv')).recs.map((r) => r.sourceRef);
    const b = (await readAll('courbe-de-charge-octobre-dst.csv')).recs.map((r) => r.sourceRef);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(50);
    // A later export that overlaps the last 20 half-hours gives those points the same refs.
    const lines = readFileSync(dir + 'courbe-de-charge-octobre-dst.csv', 'utf8').trimEnd().split('\r\n');
    const tail = [lines[0]!, ...lines.slice(-20)].join('\r\n');
    const c = (await readAllRecords(enedisConnector, bytesInput('suite.csv', new TextEncoder().encode(tail)))).records.map((r) => r.sourceRef);
    expect(c).toEqual(a.slice(-20));
  });
});

describe('enedis connector: daily energy and maximum power', () => {
  it('reads daily energy over the local day, 23 hours on the March change', async () => {
    const { recs } = await readAll('consommation-quotidienne.csv');
    expect(recs.map((r) => [data(r).start, data(r).end, data(r).energyWh])).toEqual([
      ['2023-03-23T23:00:00.000Z', '2023-03-24T23:00:00.000Z', 12345],
      ['2023-03-24T23:00:00.000Z', '2023-03-25T23:00:00.000Z', 13002],
      ['2023-03-25T23:00:00.000Z', '2023-03-26T22:00:00.000Z', 11800],
      ['2023-03-26T22:00:00.000Z', '2023-03-27T22:00:00.000Z', 9876],
    ]);
    expect(recs[2]!.sourceRef).toBe('09876543210123:consumption:energy_day:2023-03-26T22:00:00.000Z');
    expect(recs[2]!.occurredOffset).toBe('+02:00');
  });

  it('reads maximum power in VA per day with the time it was reached', async () => {
    const { recs } = await readAll('puissance-maximale.csv');
    expect(recs).toHaveLength(3);
    expect(data(recs[0]!)).toMatchObject({ kind: 'max_power', maxPowerVA: 6120, start: '2023-01-14T23:00:00.000Z', end: '2023-01-15T23:00:00.000Z', maxPowerAt: '2023-01-15T17:42:00.000Z' });
    expect(recs[0]!.sourceRef).toBe('09876543210123:consumption:max_power_day:2023-01-15T23:00:00.000Z');
  });
});

describe('enedis connector: older sectioned layout', () => {
  it('reads daily energy, kVA maxima and a load curve across the October change (Latin-1, dd/mm/yyyy)', async () => {
    const { recs } = await readAll('export-ancien-format.csv');
    expect(recs).toHaveLength(13);
    expect(new Set(recs.map((r) => r.source))).toEqual(new Set(['enedis:30001234567890']));
    const daily = recs.filter((r) => r.sourceRef.includes(':energy_day:'));
    expect(daily.map((r) => [data(r).start, data(r).end, data(r).energyWh])).toEqual([
      ['2022-10-27T22:00:00.000Z', '2022-10-28T22:00:00.000Z', 10500],
      ['2022-10-28T22:00:00.000Z', '2022-10-29T22:00:00.000Z', 11250],
      ['2022-10-29T22:00:00.000Z', '2022-10-30T23:00:00.000Z', 14000],
    ]);
    const max = recs.filter((r) => data(r).kind === 'max_power');
    expect(max.map((r) => data(r).maxPowerVA)).toEqual([5480, 6200, 4875]);
    expect(max.every((r) => data(r).maxPowerAt === undefined)).toBe(true);
    const curve = recs.filter((r) => r.sourceRef.includes(':load_curve:'));
    expect(curve.map((r) => [data(r).end, r.occurredOffset, data(r).energyWh])).toEqual([
      ['2022-10-29T23:30:00.000Z', '+02:00', 500],
      ['2022-10-30T00:00:00.000Z', '+02:00', 550],
      ['2022-10-30T00:30:00.000Z', '+02:00', 600],
      ['2022-10-30T01:00:00.000Z', '+01:00', 650],
      ['2022-10-30T01:30:00.000Z', '+01:00', 700],
      ['2022-10-30T02:00:00.000Z', '+01:00', 750],
      ['2022-10-30T02:30:00.000Z', '+01:00', 800],
    ]);
  });

  it('infers a 10-minute step and says which unit it assumed', async () => {
    const { recs, warnings } = await readAll('ancien-format-sans-unite.csv');
    expect(recs.map((r) => [data(r).start, data(r).end, data(r).averagePowerW])).toEqual([
      ['2022-01-09T23:00:00.000Z', '2022-01-09T23:10:00.000Z', 2300],
      ['2022-01-09T23:10:00.000Z', '2022-01-09T23:20:00.000Z', 2400],
    ]);
    expect(data(recs[1]!).energyWh).toBe(400);
    expect(warnings.some((w) => w.includes('reading its values as W'))).toBe(true);
  });
});

describe('enedis connector: variants', () => {
  it('reads quoted cells and a PRM given in one cell as "Identifiant PRM : …"', async () => {
    const text = 'Récapitulatif de mes puissances atteintes en VA\r\nIdentifiant PRM : 12345678901234\r\n"Horodate";"Valeur"\r\n"15/01/2023 18:42";"6120"\r\n';
    const input = bytesInput('q.csv', new TextEncoder().encode(text));
    expect(enedisConnector.recognize(input).confidence).toBe(0.9);
    const out = (await readAllRecords(enedisConnector, input)).records;
    expect(out.map(data)).toEqual([
      { meterId: '12345678901234', commodity: 'electricity', direction: 'consumption', quality: 'measured', kind: 'max_power', start: '2023-01-14T23:00:00.000Z', end: '2023-01-15T23:00:00.000Z', maxPowerVA: 6120, maxPowerAt: '2023-01-15T17:42:00.000Z' },
    ]);
  });
});

describe('enedis connector: malformed files', () => {
  it('refuses a local time inside the March gap, naming the line', async () => {
    await expect(readAll('heure-inexistante.csv')).rejects.toThrow(/heure-inexistante\.csv, line 3: the local time 2023-03-26 02:00 does not exist/);
  });

  it('refuses a value that is not a number, naming line and field', async () => {
    const err = await readAll('valeur-invalide.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).where).toEqual({ file: 'valeur-invalide.csv', line: 3, field: 'Valeur' });
  });

  it('refuses an empty file and a value before any PRM', async () => {
    const run = (text: string) => readAllRecords(enedisConnector, bytesInput('f.csv', new TextEncoder().encode(text)));
    await expect(run('')).rejects.toThrow(/empty/);
    await expect(run('Horodate;Valeur\n2022-01-10T00:10:00+01:00;2300\n')).rejects.toThrow(/line 2: a value comes before any "Identifiant PRM"/);
  });

  it('reads a PT10M row with a kW unit and keeps float noise out', async () => {
    const text = 'Identifiant PRM;Grandeur physique;Grandeur métier;Unité;Horodate;Valeur;Pas\n12345678901234;PA;PROD;kW;2024-06-01 12:10:00;1,234;PT10M\n';
    const out = (await readAllRecords(enedisConnector, bytesInput('p.csv', new TextEncoder().encode(text)))).records;
    expect(data(out[0]!)).toMatchObject({ direction: 'production', averagePowerW: 1234, start: '2024-06-01T10:00:00.000Z', end: '2024-06-01T10:10:00.000Z' });
    expect(data(out[0]!).energyWh).toBeCloseTo(205.6667, 4);
  });
});
