import { describe, expect, it } from 'vitest';
import type { ConnectorRecord } from '../connector.ts';
import { readAll as readAllRecords } from '../../../test/connectors/read-all.ts';
import { ConnectorError } from '../connector.ts';
import { bytesInput, fileInput } from '../util/input.ts';
import { grdfConnector } from './grdf-connector.ts';

const dir = new URL('../../../test/fixtures/grdf/', import.meta.url).pathname;

async function readAll(name: string): Promise<{ recs: ConnectorRecord[]; warnings: string[] }> {
  const { records, warnings } = await readAllRecords(grdfConnector, await fileInput(dir + name), {});
  return { recs: records, warnings };
}
const data = (r: ConnectorRecord) => r.data as Record<string, unknown>;
const intervals = (rs: ConnectorRecord[]) => rs.filter((r) => data(r).kind === 'interval').map((r) => [data(r).start, data(r).end, data(r).volumeM3, data(r).energyWh, data(r).conversionKWhPerM3, data(r).quality]);
const indexes = (rs: ConnectorRecord[]) => rs.filter((r) => data(r).kind === 'index').map((r) => [data(r).end, data(r).indexM3]);

describe('grdf connector: recognition', () => {
  it('recognises GRDF XLSX by the words of its sheet and GRDF JSON by its fields', async () => {
    for (const f of ['grdf-journalier.xlsx', 'grdf-releves-mensuels.xlsx', 'grdf-api-releves.json', 'grdf-consommations.json', 'grdf-tronque.json'])
      expect(grdfConnector.recognize(await fileInput(dir + f)).confidence, f).toBe(0.9);
    expect(grdfConnector.recognize(await fileInput(`${dir}bad/classeur-autre.xlsx`)).confidence).toBe(0.1);
    expect(grdfConnector.recognize(bytesInput('x.json', new TextEncoder().encode('{"type":"x","releves":[]}'))).confidence).toBe(0);
    expect(grdfConnector.recognize(bytesInput('x.zip', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).confidence).toBe(0);
  });
});

describe('grdf connector: XLSX', () => {
  it('reads daily gas days 06:00→06:00 across the October change, text dates, French numbers, indexes, a missing day', async () => {
    const { recs, warnings } = await readAll('grdf-journalier.xlsx');
    expect(recs).toHaveLength(10);
    expect(recs[0]!.source).toBe('grdf:21546789012345');
    expect(intervals(recs)).toEqual([
      ['2024-10-25T04:00:00.000Z', '2024-10-26T04:00:00.000Z', 2.35, 26720, 11.37, 'measured'],
      ['2024-10-26T04:00:00.000Z', '2024-10-27T05:00:00.000Z', 3.44, 39110, 11.37, 'measured'],
      ['2024-10-27T05:00:00.000Z', '2024-10-28T05:00:00.000Z', 2.11, 23970, 11.36, 'estimated'],
      ['2024-10-29T05:00:00.000Z', '2024-10-30T05:00:00.000Z', 2.25, 25560, 11.36, 'measured'],
    ]);
    expect(indexes(recs)).toEqual([
      ['2024-10-25T04:00:00.000Z', 8123.12],
      ['2024-10-26T04:00:00.000Z', 8125.47],
      ['2024-10-27T05:00:00.000Z', 8128.91],
      ['2024-10-28T05:00:00.000Z', 8131.02],
      ['2024-10-29T05:00:00.000Z', 8134.5],
      ['2024-10-30T05:00:00.000Z', 8136.75],
    ]);
    const second = recs.find((r) => data(r).kind === 'interval' && data(r).volumeM3 === 3.44)!;
    expect(second.sourceRef).toBe('21546789012345:interval:2024-10-27T05:00:00.000Z');
    expect(second.occurredOffset).toBe('+01:00');
    expect(second.location).toBe('row 7');
    expect(data(second)).toMatchObject({ meterId: '21546789012345', commodity: 'gas', direction: 'consumption' });
    expect(warnings).toEqual(['grdf-journalier.xlsx: 1 line(s) had no measure ("absence de données") and were skipped']);
  });

  it('reads periodic meter readings with a PCE cell, a real Excel date and a spring period', async () => {
    const { recs } = await readAll('grdf-releves-mensuels.xlsx');
    expect(recs).toHaveLength(7);
    expect(recs[0]!.source).toBe('grdf:gi123456');
    expect(intervals(recs)).toEqual([
      ['2024-01-02T05:00:00.000Z', '2024-02-01T05:00:00.000Z', 186, 2087000, 11.22, 'measured'],
      ['2024-02-01T05:00:00.000Z', '2024-03-04T05:00:00.000Z', 153, 1721000, 11.25, 'estimated'],
      ['2024-03-04T05:00:00.000Z', '2024-04-02T04:00:00.000Z', 99, 1118700, 11.3, 'corrected'],
    ]);
    expect(indexes(recs)).toEqual([
      ['2024-01-02T05:00:00.000Z', 4512],
      ['2024-02-01T05:00:00.000Z', 4698],
      ['2024-03-04T05:00:00.000Z', 4851],
      ['2024-04-02T04:00:00.000Z', 4950],
    ]);
  });

  it('fails clearly on a spreadsheet that is not a GRDF export', async () => {
    await expect(readAll('bad/classeur-autre.xlsx')).rejects.toThrow(/classeur-autre\.xlsx: no GRDF header found/);
    await expect(readAllRecords(grdfConnector, bytesInput('cut.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).rejects.toThrow(ConnectorError);
  });
});

describe('grdf connector: JSON', () => {
  it('reads "releves" keyed by PCE, with the same sourceRefs as the spreadsheet for the same days', async () => {
    const { recs, warnings } = await readAll('grdf-api-releves.json');
    expect(recs).toHaveLength(5);
    expect(intervals(recs)).toEqual([
      ['2024-10-26T04:00:00.000Z', '2024-10-27T05:00:00.000Z', 3.44, 39000, 11.37, 'measured'],
      ['2024-10-27T05:00:00.000Z', '2024-10-28T05:00:00.000Z', 2.11, 24000, 11.36, 'estimated'],
    ]);
    expect(indexes(recs)).toEqual([
      ['2024-10-26T04:00:00.000Z', 8125],
      ['2024-10-27T05:00:00.000Z', 8129],
      ['2024-10-28T05:00:00.000Z', 8131],
    ]);
    const xlsx = (await readAll('grdf-journalier.xlsx')).recs.map((r) => r.sourceRef);
    expect(recs.filter((r) => data(r).kind === 'interval').every((r) => xlsx.includes(r.sourceRef))).toBe(true);
    expect(recs[1]!.location).toBe('21546789012345.releves[0]');
    expect(warnings).toHaveLength(1);
  });

  it('reads "consommations" in an array with string numbers, deduping with the XLSX readings', async () => {
    const { recs } = await readAll('grdf-consommations.json');
    expect(recs).toHaveLength(5);
    const xlsx = (await readAll('grdf-releves-mensuels.xlsx')).recs;
    expect(recs.map((r) => r.sourceRef)).toEqual(xlsx.slice(0, 5).map((r) => r.sourceRef));
    expect(recs.map(data)).toEqual(xlsx.slice(0, 5).map(data));
  });

  it('fails on truncated JSON naming the line, and on a line without PCE or date', async () => {
    const err = await readAll('grdf-tronque.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as Error).message).toMatch(/^grdf-tronque\.json, line \d+: this is not valid JSON/);
    const run = (text: string) => readAllRecords(grdfConnector, bytesInput('r.json', new TextEncoder().encode(text)));
    await expect(run('{"releves":[{"journeeGaziere":"2024-01-01","energieConsomme":3}]}')).rejects.toThrow(/r\.json, releves\[0\]: no PCE/);
    await expect(run('{"idPce":"21546789012345","releves":[{"journeeGaziere":"31/02/2024","energieConsomme":3}]}')).rejects.toThrow(/releves\[0\]: expected a date like 2024-10-26 in "journeeGaziere"/);
    await expect(run('{"idPce":"21546789012345","releves":[{"journeeGaziere":"2024-01-01","energieConsomme":"beaucoup"}]}')).rejects.toThrow(/expected a number in "energieConsomme"/);
  });
});
