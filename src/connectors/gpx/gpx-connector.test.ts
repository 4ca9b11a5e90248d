import { describe, it, expect } from 'vitest';
import { gpxConnector } from './gpx-connector.ts';
import { haversineM } from '../../domain/geo.ts';
import { fixture, readAll } from '../../../test/connectors/read-all.ts';
import { bytesInput } from '../util/input.ts';
import { ConnectorError } from '../connector.ts';

const read = async (file: string, chunk?: number) => readAll(gpxConnector, await fixture('gpx', file, chunk));

describe('gpx connector', () => {
  it('recognises GPX 1.0 and 1.1 from the content, BOM and blank lines included', async () => {
    expect(gpxConnector.recognize(await fixture('gpx', 'garmin-run-1.1.gpx')).confidence).toBe(0.99);
    expect(gpxConnector.recognize(await fixture('gpx', 'osmand-1.0-bom-crlf.gpx')).confidence).toBe(0.99);
    expect(gpxConnector.recognize(bytesInput('x.gpx', Buffer.from('<?xml version="1.0"?><gpx version="1.1">'))).confidence).toBe(0.9);
    expect(gpxConnector.recognize(bytesInput('x.gpx', Buffer.from('<?xml version="1.0"?><kml><!-- gpx --></kml>'))).confidence).toBe(0);
    expect(gpxConnector.recognize(bytesInput('x.gpx', Buffer.from('lat,lon\n1,2'))).confidence).toBe(0);
  });

  it('reads a Garmin 1.1 track with two segments, elevation and waypoints', async () => {
    const { records, warnings } = await read('garmin-run-1.1.gpx', 100);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.type)).toEqual(['location.point', 'location.point', 'track']);
    expect(records.every((r) => r.source === 'gpx:garmin-connect')).toBe(true);
    expect(records[0]).toMatchObject({
      occurredAt: '2024-05-12T07:00:00.000Z',
      data: { lat: 45.764, lon: 4.8357, altitudeM: 173, name: 'Départ — Place Bellecour' },
    });
    // No time of its own: the file's metadata time.
    expect(records[1]).toMatchObject({ occurredAt: '2024-05-12T06:58:40.000Z', data: { name: 'Croix-Rousse & Gros Caillou' } });
    const trk = records[2]!;
    expect(trk.occurredAt).toBe('2024-05-12T07:00:00.000Z');
    expect(trk.occurredOffset).toBeUndefined();
    expect(trk.data).toMatchObject({
      kind: 'track',
      name: 'Lyon Course à pied',
      mode: 'running',
      segments: 2,
      start: '2024-05-12T07:00:00.000Z',
      end: '2024-05-12T07:10:40.000Z',
      // 0.0025° + 0.0012° of latitude along a meridian; no distance across the segment gap.
      distanceM: 278.0 + 133.4,
    });
    const pts = trk.data.points as { lat: number; eleM?: number; at?: string }[];
    expect(pts).toHaveLength(5);
    expect(pts[4]).toEqual({ lat: 45.7712, lon: 4.83, at: '2024-05-12T07:10:40.000Z', eleM: 192.5 });
    expect(trk.sourceRef).toMatch(/^track:[0-9a-f]{32}#0$/);
  });

  it('reads GPX 1.0 after a BOM and blank lines, CRLF, naive times as UTC, empty segments, routes', async () => {
    const { records, warnings } = await read('osmand-1.0-bom-crlf.gpx', 17);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.type, r.source])).toEqual([
      ['location.point', 'gpx:osmand-4.6'],
      ['track', 'gpx:osmand-4.6'],
      ['track', 'gpx:osmand-4.6'],
    ]);
    expect(records[0]).toMatchObject({ occurredAt: '2023-10-29T09:00:00.000Z', data: { name: 'Tour Eiffel', altitudeM: 35 } });
    expect(records[1]).toMatchObject({
      occurredAt: '2023-10-29T09:00:00.000Z',
      data: { kind: 'route', name: 'Itinéraire vélo Paris', mode: 'unknown', segments: 1, distanceM: 177.9 },
    });
    expect(records[1]!.data).not.toHaveProperty('start');
    // "2023-10-29T00:59:58" has no zone: UTC per the GPX schema, not Paris time (that night
    // Paris went back from +02:00 to +01:00, which would make the reading ambiguous).
    expect(records[2]).toMatchObject({
      occurredAt: '2023-10-29T00:59:58.000Z',
      data: { kind: 'track', segments: 3, distanceM: 111.2, start: '2023-10-29T00:59:58.000Z', end: '2023-10-29T01:00:02.000Z' },
    });
    expect(records[2]!.occurredOffset).toBeUndefined();
  });

  it('keeps offsets and milliseconds, and gives identical tracks distinct, stable refs', async () => {
    const a = await read('strava-offsets.gpx');
    const b = await read('strava-offsets.gpx', 5);
    expect(a.records).toHaveLength(2);
    expect(a.records[0]).toMatchObject({
      source: 'gpx:stravagpx-iphone',
      occurredAt: '2024-07-01T06:15:00.250Z',
      occurredOffset: '+02:00',
      data: { mode: 'cycling', end: '2024-07-01T06:16:00.750Z', distanceM: 133.4 },
    });
    const refs = a.records.map((r) => r.sourceRef);
    expect(refs[0]!.replace(/#0$/, '#1')).toBe(refs[1]);
    expect(b.records.map((r) => r.sourceRef)).toEqual(refs);
  });

  it('skips, with a warning, routes and waypoints that have no time at all', async () => {
    const { records, warnings } = await read('no-times.gpx');
    expect(records).toEqual([]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/no-times\.gpx, line 4: waypoint Annecy has no time/);
    expect(warnings[1]).toMatch(/line 5: route Tour du lac has no time/);
  });

  it('says where a file is broken', async () => {
    await expect(read('truncated.gpx')).rejects.toThrow(ConnectorError);
    await expect(read('truncated.gpx')).rejects.toThrow(/truncated\.gpx, line \d+: /);
    await expect(read('bad-latitude.gpx')).rejects.toThrow(
      /bad-latitude\.gpx, line 6, <trkpt>: attribute lat should be a latitude in degrees between -90 and 90, found "145,76"/,
    );
    await expect(readAll(gpxConnector, bytesInput('e.gpx', Buffer.from('  \n')))).rejects.toThrow(/e\.gpx: the file is empty/);
    await expect(readAll(gpxConnector, bytesInput('k.gpx', Buffer.from('<kml></kml>')))).rejects.toThrow(/root element is <kml>/);
    await expect(
      readAll(gpxConnector, bytesInput('t.gpx', Buffer.from('<gpx><wpt lat="1" lon="2"><time>hier</time></wpt></gpx>'))),
    ).rejects.toThrow(/t\.gpx, line 1, <time>: expected a date and time/);
  });

  it('reads elements with a namespace prefix', async () => {
    const xml = '<?xml version="1.0"?><gpx:gpx xmlns:gpx="http://www.topografix.com/GPX/1/1" creator="Test"><gpx:wpt lat="1.5" lon="-2"><gpx:time>2024-01-01T00:00:00Z</gpx:time><gpx:name>Ici</gpx:name></gpx:wpt></gpx:gpx>';
    const input = bytesInput('p.gpx', Buffer.from(xml));
    expect(gpxConnector.recognize(input).confidence).toBe(0.99);
    const { records } = await readAll(gpxConnector, input);
    expect(records).toMatchObject([{ source: 'gpx:test', occurredAt: '2024-01-01T00:00:00.000Z', data: { lat: 1.5, lon: -2, name: 'Ici' } }]);
  });

  it('measures distance by haversine', () => {
    // Paris Notre-Dame → Lyon Bellecour, about 392 km.
    expect(haversineM({ lat: 48.853, lon: 2.3499 }, { lat: 45.7578, lon: 4.832 }) / 1000).toBeCloseTo(392.2, 0);
  });
});
