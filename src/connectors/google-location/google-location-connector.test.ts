import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { googleLocationConnector as google } from './google-location-connector.ts';
import { fromE7, modeOf, parseLatLng, googleTime } from './google-values.ts';
import { fixture, readAll } from '../../../test/connectors/read-all.ts';
import { makeZip } from '../../../test/connectors/make-zip.ts';
import { bytesInput } from '../util/input.ts';
import { expandArchive } from '../archive.ts';
import { ConnectorError } from '../connector.ts';

const read = async (file: string, chunk?: number) => readAll(google, await fixture('google-location', file, chunk));

describe('google-location connector', () => {
  it('recognises the four generations from the content', async () => {
    for (const f of ['Records.json', 'Records-2024-crlf.json', '2024_JANUARY.json', '2016_MARCH.json', 'Timeline.json']) {
      expect(google.recognize(await fixture('google-location', f)).confidence, f).toBe(0.95);
    }
    expect(google.recognize(await fixture('google-location', 'location-history.json')).confidence).toBe(0.9);
    expect(google.recognize(bytesInput('x.json', Buffer.from('{"locations": [{"name": "Lyon"}]}'))).confidence).toBe(0);
    expect(google.recognize(bytesInput('x.json', Buffer.from('[{"startTime": "x", "title": "meeting"}]'))).confidence).toBe(0);
  });

  it('reads Records.json with timestampMs, activities, the E7 overflow and entries without position', async () => {
    const { records, warnings } = await read('Records.json', 64);
    expect(warnings).toEqual(['Records.json: 1 entries without a position (activity guesses only) were skipped']);
    expect(records.map((r) => [r.occurredAt, r.sourceRef])).toEqual([
      ['2019-04-16T01:35:18.327Z', '1555378518327:488566140,23522219'],
      ['2019-04-16T01:36:58.327Z', '1555378618327:425633210,-857034800'],
      ['2019-04-16T01:40:18.000Z', '1555378818000:-338688000,1512093000'],
    ]);
    expect(records[0]!.data).toEqual({ lat: 48.856614, lon: 2.3522219, accuracyM: 17, activity: 'STILL' });
    // 3437932496 − 2³² = −857034800: Michigan, not 343° east.
    expect(records[1]!.data).toEqual({ lat: 42.563321, lon: -85.70348, accuracyM: 1899, altitudeM: 212 });
    expect(records[2]!.data).toEqual({ lat: -33.8688, lon: 151.2093, accuracyM: 5, speedMps: 12, headingDeg: 271 });
    expect(records.every((r) => r.source === 'google-location' && r.type === 'location.point' && r.occurredOffset === undefined)).toBe(true);
  });

  it('reads the newer Records.json (ISO timestamps, BOM, CRLF); identical fixes get the same ref', async () => {
    const { records } = await read('Records-2024-crlf.json', 10);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({ occurredAt: '2024-01-05T07:45:12.135Z', data: { lat: 45.7578, lon: 4.832, device: '-1158676519' } });
    expect(records[1]!.sourceRef).toBe(records[2]!.sourceRef);
  });

  it('reads Semantic Location History: visits and activity segments', async () => {
    const { records } = await read('2024_JANUARY.json', 50);
    expect(records.map((r) => r.type)).toEqual(['track', 'place.visit', 'track']);
    expect(records[0]).toMatchObject({
      occurredAt: '2024-01-06T09:12:00.000Z',
      sourceRef: `activity:${Date.UTC(2024, 0, 6, 9, 12)}:${Date.UTC(2024, 0, 6, 9, 41, 30, 500)}`,
      data: { kind: 'activity', mode: 'car', distanceM: 4521, end: '2024-01-06T09:41:30.500Z' },
    });
    expect((records[0]!.data.points as unknown[]).length).toBe(4);
    expect(records[0]!.data.points).toContainEqual({ lat: 48.857, lon: 2.34 });
    expect(records[1]).toMatchObject({
      occurredAt: '2024-01-06T09:41:30.500Z',
      sourceRef: `visit:ChIJLU7jZClu5kcR4PcOOO6p3I0:${Date.UTC(2024, 0, 6, 9, 41, 30, 500)}`,
      data: {
        name: 'Tour Eiffel',
        address: 'Champ de Mars, 5 Av. Anatole France, 75007 Paris, France',
        lat: 48.8583701,
        lon: 2.2944813,
        end: '2024-01-06T12:03:00.000Z',
        semanticType: 'searched_address',
        confidence: 95,
      },
    });
    expect(records[2]!.data).toMatchObject({
      mode: 'walking',
      points: [
        { lat: 48.8583701, lon: 2.2944813, at: '2024-01-06T12:03:00.000Z' },
        { lat: 48.859, lon: 2.2947, at: '2024-01-06T12:10:05.000Z' },
        { lat: 48.86, lon: 2.295, at: '2024-01-06T12:20:00.000Z' },
      ],
    });
    expect(records[2]!.data).not.toHaveProperty('distanceM');
  });

  it('reads old semantic files: millisecond strings, seconds, centerLatE7', async () => {
    const { records } = await read('2016_MARCH.json', 33);
    expect(records.map((r) => [r.type, r.occurredAt, r.data.end])).toEqual([
      ['place.visit', '2016-03-03T23:00:00.000Z', '2016-03-04T09:00:00.000Z'],
      ['place.visit', '2016-03-04T09:10:00.000Z', '2016-03-04T11:13:20.000Z'],
      ['track', '2016-03-04T11:13:20.000Z', '2016-03-04T12:13:20.000Z'],
    ]);
    expect(records[0]!.data).toMatchObject({ semanticType: 'home', confidence: 100, address: '12 rue des Lilas, 06000 Nice' });
    expect(records[1]!.data).toMatchObject({ lat: 43.7, lon: 7.25, placeId: 'ChIJnoPosition', confidence: 62 });
    expect(records[2]!.data).toMatchObject({ mode: 'train', distanceM: 7900 });
  });

  it('reads the Android Timeline export with its offsets, paths and raw position signals', async () => {
    const { records } = await read('Timeline.json', 100);
    expect(records.map((r) => [r.type, r.occurredAt, r.occurredOffset])).toEqual([
      ['place.visit', '2024-03-30T21:00:00.000Z', '+01:00'],
      ['track', '2024-03-31T06:15:00.000Z', '+02:00'],
      ['location.point', '2024-03-31T06:16:00.000Z', '+02:00'],
      ['location.point', '2024-03-31T06:30:00.000Z', '+02:00'],
      ['location.point', '2024-03-31T06:10:05.000Z', '+02:00'],
    ]);
    expect(records[0]!.data).toEqual({
      lat: 50.0506312,
      lon: 14.3439906,
      start: '2024-03-30T21:00:00.000Z',
      end: '2024-03-31T06:15:00.000Z',
      placeId: 'ChIJ_home_prague',
      semanticType: 'home',
      confidence: 87.3,
    });
    expect(records[1]!.data).toMatchObject({ mode: 'tram', distanceM: 7122.384, end: '2024-03-31T06:52:00.000Z' });
    expect(records[3]!.data).toEqual({ lat: 50.07, lon: -0.1234567 });
    expect(records[4]!.data).toEqual({ lat: 50.05061, lon: 14.34401, accuracyM: 12, altitudeM: 287.5, speedMps: 0 });
  });

  it('reads the iOS export: geo: strings, numbers as strings, minutes after start', async () => {
    const { records } = await read('location-history.json', 40);
    expect(records.map((r) => [r.type, r.occurredAt, r.occurredOffset])).toEqual([
      ['place.visit', '2024-06-01T17:05:00.000Z', '+02:00'],
      ['track', '2024-06-02T07:30:00.000Z', '+02:00'],
      ['location.point', '2024-06-02T07:30:00.000Z', '+02:00'],
      ['location.point', '2024-06-02T07:42:00.000Z', '+02:00'],
      ['place.visit', '2024-06-02T09:30:00.000Z', '+02:00'],
    ]);
    expect(records[0]!.data).toMatchObject({ lat: 44.837789, lon: -0.57918, placeId: 'ChIJ_maison_bordeaux', semanticType: 'home', confidence: 91.2 });
    expect(records[1]!.data).toMatchObject({ mode: 'cycling', distanceM: 1234.5, points: [{ lat: 44.837789, lon: -0.57918 }, { lat: 44.841225, lon: -0.57037 }] });
    expect(records[4]!.data).not.toHaveProperty('semanticType');
    expect(records[4]!.data).toMatchObject({ confidence: 40 });
  });

  it('gives the same refs on a re-read', async () => {
    for (const f of ['Records.json', 'Timeline.json', 'location-history.json', '2024_JANUARY.json']) {
      const a = await read(f, 7);
      const b = await read(f);
      expect(b.records.map((r) => r.sourceRef)).toEqual(a.records.map((r) => r.sourceRef));
    }
  });

  it('says where a file is broken', async () => {
    const err = await read('Records-truncated.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as Error).message).toMatch(/Records-truncated\.json, line \d+: this JSON is malformed/);
    await expect(read('Timeline-bad-latlng.json')).rejects.toThrow(
      /Timeline-bad-latlng\.json, line 1, semanticSegments\[0\]: visit\.topCandidate\.placeLocation should be a position like/,
    );
    await expect(readAll(google, bytesInput('r.json', Buffer.from('{"locations":[{"latitudeE7":"48.8","longitudeE7":2,"timestamp":"2024-01-01T00:00:00Z"}]}')))).rejects.toThrow(
      /r\.json, line 1, locations\[0\]: latitudeE7 should be an integer/,
    );
    await expect(readAll(google, bytesInput('t.json', Buffer.from('{"locations":[{"latitudeE7":1,"longitudeE7":2,"timestamp":"hier"}]}')))).rejects.toThrow(
      /t\.json, line 1, locations\[0\]: timestamp should be a date and time/,
    );
  });

  it('streams a large Records.json', async () => {
    const n = 20_000;
    const items = Array.from({ length: n }, (_, i) => `{"latitudeE7":${480000000 + i},"longitudeE7":${20000000 - i},"accuracy":10,"timestampMs":"${1600000000000 + i * 1000}"}`);
    const bytes = Buffer.from(`{"locations":[${items.join(',\n')}]}`);
    const { records } = await readAll(google, bytesInput('Records.json', bytes, 4096));
    expect(records).toHaveLength(n);
    expect(records[n - 1]!.occurredAt).toBe(new Date(1600000000000 + (n - 1) * 1000).toISOString());
  });

  it('reads a Takeout zip, member by member', async () => {
    const dir = new URL('../../../test/fixtures/google-location/', import.meta.url);
    const zip = await makeZip([
      ['Takeout/archive_browser.html', '<html><body>Takeout</body></html>'],
      ['Takeout/Location History/Records.json', await readFile(new URL('Records.json', dir))],
      ['Takeout/Location History/Semantic Location History/2024/2024_JANUARY.json', await readFile(new URL('2024_JANUARY.json', dir))],
    ]);
    const got: [string, number][] = [];
    for await (const m of expandArchive(bytesInput('takeout-20240601.zip', zip))!) {
      if (google.recognize(m).confidence < 0.5) continue;
      got.push([m.name, (await readAll(google, m)).records.length]);
    }
    expect(got).toEqual([
      ['takeout-20240601.zip/Takeout/Location History/Records.json', 3],
      ['takeout-20240601.zip/Takeout/Location History/Semantic Location History/2024/2024_JANUARY.json', 3],
    ]);
  });

  it('parses values the way each generation writes them', () => {
    expect(fromE7(3437932496, 'longitudeE7', 180)).toBe(-85.70348);
    expect(() => fromE7(950000000, 'latitudeE7', 90)).toThrow(/not a latitude/);
    expect(parseLatLng('50.0506312°, 14.3439906°', 'p')).toEqual({ lat: 50.0506312, lon: 14.3439906 });
    expect(parseLatLng('geo:-33.8688,151.2093', 'p')).toEqual({ lat: -33.8688, lon: 151.2093 });
    expect(googleTime('1457046000', 't').instant).toBe('2016-03-03T23:00:00.000Z');
    expect(modeOf('in passenger vehicle')).toBe('car');
    expect(modeOf('IN_SUBWAY')).toBe('metro');
    expect(modeOf('SKIING')).toBe('other');
    expect(modeOf(undefined)).toBe('unknown');
  });
});
