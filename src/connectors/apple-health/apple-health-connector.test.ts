import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appleHealthConnector } from './apple-health-connector.ts';
import { kindOf } from './apple-health-kinds.ts';
import { fixture, readAll } from '../../../test/connectors/read-all.ts';
import { makeZip } from '../../../test/connectors/make-zip.ts';
import { bytesInput, fileInput } from '../util/input.ts';
import { expandArchive } from '../archive.ts';
import { ConnectorError, type ConnectorInput } from '../connector.ts';
import { generateAppleHealthExport } from '../../../bench/gen-apple-health.ts';

const HK = 'http://developer.apple.com/documentation/healthkit';
const read = async (file: string, chunk?: number) => readAll(appleHealthConnector, await fixture('apple-health', file, chunk));

describe('apple-health connector', () => {
  it('recognises export.xml by its DTD or root, and nothing else', async () => {
    expect(appleHealthConnector.recognize(await fixture('apple-health', 'export.xml')).confidence).toBe(0.99);
    expect(appleHealthConnector.recognize(bytesInput('x', Buffer.from('<?xml version="1.0"?>\n<HealthData locale="fr_FR">'))).confidence).toBe(0.99);
    expect(appleHealthConnector.recognize(bytesInput('x', Buffer.from('<?xml version="1.0"?><ClinicalDocument/>'))).confidence).toBe(0);
  });

  it('reads records, overlapping sources, sleep, blood pressure once, workouts and the profile', async () => {
    const { records, warnings } = await read('export.xml', 333);
    expect(warnings).toEqual([]);
    expect(records.map((r) => `${r.type}:${(r.data as { kind: string }).kind ?? (r.data as { attribute: string }).attribute}`)).toEqual([
      'health.measure:steps',
      'health.measure:steps',
      'health.measure:steps',
      'health.measure:heart_rate',
      'health.measure:body_mass',
      'health.measure:active_energy',
      'health.measure:distance_walking_running',
      'health.measure:sleep',
      'health.measure:sleep',
      'health.measure:blood_pressure',
      'track:activity',
      'track:activity',
      'identity.attribute:birth_date',
      'identity.attribute:gender',
    ]);
    expect(records.every((r) => r.source === 'apple-health')).toBe(true);
    const [iphone, watch, night, hr, mass] = records;
    expect(iphone).toMatchObject({
      occurredAt: '2017-03-30T07:29:00.000Z',
      occurredOffset: '+02:00',
      data: {
        kind: 'steps',
        code: { system: HK, code: 'HKQuantityTypeIdentifierStepCount' },
        value: 42,
        unit: 'count',
        start: '2017-03-30T07:29:00.000Z',
        end: '2017-03-30T07:34:00.000Z',
        device: 'iPhone',
        sourceName: 'iPhone de Camille',
      },
    });
    // The Watch counted the same walk: kept as its own record.
    expect(watch).toMatchObject({ occurredAt: '2017-03-30T07:29:30.000Z', data: { value: 39, device: 'Apple Watch', sourceName: 'Apple Watch de Camille' } });
    expect(watch!.sourceRef).not.toBe(iphone!.sourceRef);
    expect(night).toMatchObject({ occurredAt: '2017-10-29T01:55:00.000Z', occurredOffset: '+01:00', data: { end: '2017-10-29T02:05:00.000Z' } });
    expect(hr!.data).toMatchObject({ value: 72, unit: '/min' });
    expect(mass!.data).toMatchObject({ value: 61.35, unit: 'kg', sourceName: 'Withings' });
    expect(records[7]).toMatchObject({
      occurredAt: '2023-01-14T22:41:30.000Z',
      occurredOffset: '+01:00',
      data: { valueText: 'HKCategoryValueSleepAnalysisAsleepCore', end: '2023-01-15T00:12:00.000Z' },
    });
    expect(records[7]!.data).not.toHaveProperty('value');
    expect(records[9]).toMatchObject({
      occurredAt: '2017-04-02T06:04:00.000Z',
      data: {
        kind: 'blood_pressure',
        code: { system: HK, code: 'HKCorrelationTypeIdentifierBloodPressure' },
        unit: 'mm[Hg]',
        components: [
          { code: { system: HK, code: 'HKQuantityTypeIdentifierBloodPressureDiastolic' }, value: 82, unit: 'mm[Hg]' },
          { code: { system: HK, code: 'HKQuantityTypeIdentifierBloodPressureSystolic' }, value: 128, unit: 'mm[Hg]' },
        ],
      },
    });
    expect(records[10]).toMatchObject({
      occurredAt: '2017-04-01T16:30:00.000Z',
      occurredOffset: '+02:00',
      data: { kind: 'activity', name: 'Running', mode: 'running', distanceM: 5200, start: '2017-04-01T16:30:00.000Z', end: '2017-04-01T17:01:30.000Z' },
    });
    expect(records[11]!.data).toMatchObject({ name: 'Cycling', mode: 'cycling', distanceM: 14850 });
    expect(records[12]).toMatchObject({ occurredAt: '2024-06-01T08:15:42.000Z', data: { attribute: 'birth_date', value: '1985-04-12' } });
    expect(records[13]!.data).toEqual({ attribute: 'gender', value: 'female' });
    // Stable across re-reads with another chunking.
    const again = await read('export.xml', 4096);
    expect(again.records.map((r) => r.sourceRef)).toEqual(records.map((r) => r.sourceRef));
    expect(new Set(records.map((r) => r.sourceRef)).size).toBe(records.length);
  });

  it('matches top-level blood-pressure copies with a correlation in either order, keeps orphans, skips food correlations', async () => {
    const { records } = await read('correlation-first-orphan.xml', 50);
    expect(records.map((r) => [(r.data as { kind: string }).kind, r.occurredAt, r.occurredOffset])).toEqual([
      ['blood_pressure', '2024-02-09T12:30:00.000Z', '-05:00'],
      ['dietary_energy_consumed', '2024-02-10T17:00:00.000Z', '-05:00'],
      ['blood_pressure_systolic', '2024-02-10T16:58:00.000Z', '-05:00'],
    ]);
    expect(records[2]!.data).toMatchObject({ value: 131, unit: 'mm[Hg]', sourceName: 'Santé' });
  });

  it('survives the iOS 16 export: broken DTD and U+000B inside attribute values', async () => {
    const { records } = await read('ios16-broken-dtd.xml', 100);
    expect(records.map((r) => [r.data.kind ?? r.data.attribute, r.data.value, r.data.sourceName, r.data.unit])).toEqual([
      ['body_mass', 78.2, 'Balance connectée', 'kg'],
      ['oxygen_saturation', 0.97, 'Apple\u00a0Watch de Paul', '%'],
      ['gender', 'male', undefined, undefined],
    ]);
  });

  it('never expands entities from the DTD (XXE, billion laughs): it refuses them', async () => {
    const err = await read('entities-xxe.xml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).message).toMatch(/entities-xxe\.xml, line 11: this XML is malformed/);
    expect((err as ConnectorError).detail).toMatch(/undefined entity/i);
  });

  it('says where a file is broken', async () => {
    await expect(read('truncated.xml')).rejects.toThrow(/truncated\.xml, line \d+: the XML ends too early/);
    await expect(read('bad-value.xml')).rejects.toThrow(/bad-value\.xml, line 4, <Record>: attribute value should be a number, found "61,35"/);
  });

  it('reads export.xml inside the export.zip the Health app makes', async () => {
    const xml = await readFile(new URL('../../../test/fixtures/apple-health/export.xml', import.meta.url));
    const zip = await makeZip([
      ['apple_health_export/export.xml', xml],
      ['apple_health_export/export_cda.xml', '<?xml version="1.0"?><ClinicalDocument xmlns="urn:hl7-org:v3"/>'],
      ['apple_health_export/workout-routes/route_2017-04-01_6.30pm.gpx', '<?xml version="1.0"?><gpx version="1.1" creator="Apple Health Export"/>'],
    ]);
    const members: ConnectorInput[] = [];
    for await (const m of expandArchive(bytesInput('export.zip', zip))!) members.push(m);
    const health = members.filter((m) => appleHealthConnector.recognize(m).confidence > 0.5);
    expect(health.map((m) => m.name)).toEqual(['export.zip/apple_health_export/export.xml']);
    const { records } = await readAll(appleHealthConnector, health[0]!);
    expect(records).toHaveLength(14);
  });

  it('reads what the benchmark generator writes, with the counts it announces', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesinfos-ah-'));
    const path = join(dir, 'export.xml');
    const gen = await generateAppleHealthExport(path, 200_000);
    const input = await fileInput(path);
    expect(input.size).toBe(gen.bytes);
    expect(appleHealthConnector.recognize(input).confidence).toBe(0.99);
    const { records } = await readAll(appleHealthConnector, input);
    const count = (t: string) => records.filter((r) => r.type === t).length;
    expect(count('health.measure')).toBe(gen.expected['health.measure']);
    expect(count('track')).toBe(gen.expected.track);
    expect(count('identity.attribute')).toBe(2);
  });

  it('names kinds from identifiers', () => {
    expect(kindOf('HKQuantityTypeIdentifierHeartRate')).toBe('heart_rate');
    expect(kindOf('HKQuantityTypeIdentifierBodyMass')).toBe('body_mass');
    expect(kindOf('HKQuantityTypeIdentifierOxygenSaturation')).toBe('oxygen_saturation');
    expect(kindOf('HKCategoryTypeIdentifierSleepAnalysis')).toBe('sleep');
    expect(kindOf('HKQuantityTypeIdentifierHeartRateVariabilitySDNN')).toBe('hrv_sdnn');
  });
});
