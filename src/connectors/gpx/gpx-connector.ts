import type { SaxesTagPlain } from 'saxes';
import type { Connector, ConnectorContext, ConnectorInput, ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { headText } from '../util/text.ts';
import { localName, xmlStream } from '../util/xml-stream.ts';
import { parseIsoInstant } from '../util/iso-instant.ts';
import { OccurrenceRefs, sourceSlug } from '../util/content-ref.ts';
import { pathLengthM } from '../../domain/geo.ts';

/**
 * GPX 1.0 and 1.1 (topografix.com/GPX): GPS tracks, routes and waypoints from Garmin,
 * Strava, Komoot, OsmAnd, phone apps.
 *
 * - `trk` → one `track` record (kind 'track') with all its points in order; `segments` is
 *   the number of `trkseg` (empty ones count: apps write them on pause); the distance is the
 *   haversine length of each segment, summed (no distance across a gap between segments).
 * - `rte` → `track` with kind 'route'; `wpt` → `location.point` with its name.
 * - Times: the GPX schema says every time is UTC; a time written without a zone is read
 *   as UTC (not as local time), one with an offset keeps it as occurredOffset.
 * - A track's occurredAt is its first timed point; a route or waypoint without its own
 *   time takes the file's metadata time; with none at all it is skipped with a warning
 *   (a record needs an instant).
 * - source: `gpx:<creator>` (the creator attribute, slugged) or `gpx`.
 * - sourceRef: sha256 of the kind, first and last points with their times and the point
 *   count, plus the occurrence index: stable across re-imports, renaming does not duplicate.
 */
export const gpxConnector: Connector = {
  id: 'gpx',
  label: 'GPX tracks, routes and waypoints',
  recognize(input) {
    const text = headText(input, 16384).replace(/^\s+/, '');
    const root = /^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<((?:[\w.-]+:)?[\w.-]+)[\s>/]/.exec(text);
    if (!root) return { confidence: 0, reason: 'not XML' };
    if (localName(root[1]!) !== 'gpx') return { confidence: 0, reason: `root element is <${root[1]}>, not <gpx>` };
    if (/topografix\.com\/GPX\/1\/[01]/.test(text)) return { confidence: 0.99, reason: 'GPX root with the topografix namespace' };
    return { confidence: 0.9, reason: 'GPX root element' };
  },
  read(input, ctx) {
    return readGpx(input, ctx);
  },
};

interface Pt {
  lat: number;
  lon: number;
  at?: string;
  eleM?: number;
  offset?: string;
}

interface Container {
  kind: 'trk' | 'rte' | 'wpt';
  line: number;
  name?: string;
  type?: string;
  segments: Pt[][];
  /** The waypoint itself, for wpt. */
  point?: Pt;
}

const MODES: [RegExp, 'running' | 'walking' | 'cycling' | 'car' | 'boat' | 'plane' | 'train'][] = [
  [/run|jog|trail/i, 'running'],
  [/walk|hik|trek|march|randonn/i, 'walking'],
  [/bik|cycl|ride|vélo|velo/i, 'cycling'],
  [/driv|car|auto|voiture/i, 'car'],
  [/boat|sail|kayak|canoe|row|bateau/i, 'boat'],
  [/fly|flight|plane|avion/i, 'plane'],
  [/train/i, 'train'],
];

function modeOf(type: string | undefined): string {
  if (!type) return 'unknown';
  for (const [re, mode] of MODES) if (re.test(type)) return mode;
  return 'other';
}

async function* readGpx(input: ConnectorInput, ctx: ConnectorContext): AsyncIterable<ConnectorRecord> {
  let source = 'gpx';
  let metaTime: { instant: string; offset?: string } | undefined;
  const refs = new OccurrenceRefs();
  const where = (line: number, el: string) => `${input.name}, line ${line}, <${el}>`;

  const batches = xmlStream<ConnectorRecord>(input, ctx, (parser, emit) => {
    const stack: string[] = [];
    let text = '';
    let cur: Container | undefined;
    let pt: Pt | undefined;
    let sawRoot = false;

    const coord = (tag: SaxesTagPlain, attr: 'lat' | 'lon'): number => {
      const raw = tag.attributes[attr];
      const v = raw === undefined ? NaN : Number(raw);
      const max = attr === 'lat' ? 90 : 180;
      if (raw === undefined || raw.trim() === '' || !Number.isFinite(v) || Math.abs(v) > max)
        throw new ConnectorError(
          `${where(parser.line, tag.name)}: attribute ${attr} should be a ${attr === 'lat' ? 'latitude' : 'longitude'} in degrees between -${max} and ${max}, found ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`,
          { file: input.name, line: parser.line, element: tag.name, field: attr },
        );
      return v;
    };
    const time = (raw: string, el: string) => {
      const t = parseIsoInstant(raw, 'utc');
      if (!t)
        throw new ConnectorError(`${where(parser.line, el)}: expected a date and time like 2024-06-01T08:30:00Z, found ${JSON.stringify(raw)}`, {
          file: input.name,
          line: parser.line,
          element: el,
          field: 'time',
        });
      return t;
    };

    parser.on('opentag', (tag) => {
      const name = localName(tag.name);
      if (!sawRoot) {
        sawRoot = true;
        if (name !== 'gpx')
          throw new ConnectorError(`${input.name}: the root element is <${tag.name}>, expected <gpx>`, { file: input.name, element: tag.name });
        const creator = sourceSlug(tag.attributes.creator ?? '');
        if (creator) source = `gpx:${creator}`;
      }
      stack.push(name);
      text = '';
      const parent = stack[stack.length - 2];
      if ((name === 'trk' || name === 'rte' || name === 'wpt') && parent === 'gpx') {
        cur = { kind: name, line: parser.line, segments: name === 'rte' ? [[]] : [] };
        if (name === 'wpt') cur.point = { lat: coord(tag as SaxesTagPlain, 'lat'), lon: coord(tag as SaxesTagPlain, 'lon') };
      } else if (name === 'trkseg' && cur?.kind === 'trk') cur.segments.push([]);
      else if ((name === 'trkpt' && cur?.kind === 'trk') || (name === 'rtept' && cur?.kind === 'rte')) {
        if (cur.segments.length === 0) cur.segments.push([]);
        pt = { lat: coord(tag as SaxesTagPlain, 'lat'), lon: coord(tag as SaxesTagPlain, 'lon') };
      }
    });
    parser.on('text', (t) => {
      text += t;
    });
    parser.on('cdata', (t) => {
      text += t;
    });
    parser.on('closetag', (tag) => {
      const name = localName(tag.name);
      stack.pop();
      const parent = stack[stack.length - 1];
      const value = text.trim();
      text = '';
      const target = pt ?? cur?.point;
      if (name === 'time' && (parent === 'metadata' || parent === 'gpx') && value) metaTime = time(value, tag.name);
      else if ((name === 'time' || name === 'ele') && target && (parent === 'trkpt' || parent === 'rtept' || parent === 'wpt') && value) {
        if (name === 'time') {
          const t = time(value, tag.name);
          target.at = t.instant;
          if (t.offset) target.offset = t.offset;
        } else {
          const e = Number(value);
          if (!Number.isFinite(e))
            throw new ConnectorError(`${where(parser.line, tag.name)}: expected an elevation in metres, found ${JSON.stringify(value)}`, {
              file: input.name,
              line: parser.line,
              element: tag.name,
              field: 'ele',
            });
          target.eleM = e;
        }
      } else if ((name === 'name' || name === 'type') && cur && parent === cur.kind && value) cur[name] = value;
      else if ((name === 'trkpt' || name === 'rtept') && pt && cur) {
        cur.segments[cur.segments.length - 1]!.push(pt);
        pt = undefined;
      } else if (name === cur?.kind && parent === 'gpx') {
        const rec = finish(cur);
        if (rec) emit(rec);
        cur = undefined;
      }
    });
  });
  for await (const batch of batches) yield* batch;

  function finish(c: Container): ConnectorRecord | null {
    const location = `line ${c.line}`;
    if (c.kind === 'wpt') {
      const p = c.point!;
      const at = p.at ? { instant: p.at, offset: p.offset } : metaTime;
      if (!at) {
        ctx.warn(`${input.name}, line ${c.line}: waypoint ${c.name ?? ''} has no time (neither its own nor the file's) and was skipped`);
        return null;
      }
      const data: Record<string, unknown> = { lat: p.lat, lon: p.lon };
      if (p.eleM !== undefined) data.altitudeM = p.eleM;
      if (c.name) data.name = c.name;
      const rec: ConnectorRecord = {
        type: 'location.point',
        source,
        sourceRef: `wpt:${refs.next(['wpt', p.lat, p.lon, p.at, c.name])}`,
        occurredAt: at.instant,
        data,
        location,
      };
      if (at.offset) rec.occurredOffset = at.offset;
      return rec;
    }
    const points = c.segments.flat();
    const timed = points.filter((p) => p.at);
    const first = timed[0];
    const last = timed[timed.length - 1];
    const at = first ? { instant: first.at!, offset: first.offset } : metaTime;
    const kind = c.kind === 'trk' ? 'track' : 'route';
    if (!at) {
      ctx.warn(`${input.name}, line ${c.line}: ${kind} ${c.name ?? ''} has no time (neither on its points nor the file's) and was skipped`);
      return null;
    }
    const data: Record<string, unknown> = {
      kind,
      mode: modeOf(c.type),
      segments: c.kind === 'trk' ? c.segments.length : 1,
      distanceM: Math.round(c.segments.reduce((d, s) => d + pathLengthM(s), 0) * 10) / 10,
      points: points.map((p) => {
        const o: Record<string, unknown> = { lat: p.lat, lon: p.lon };
        if (p.at) o.at = p.at;
        if (p.eleM !== undefined) o.eleM = p.eleM;
        return o;
      }),
    };
    if (c.name) data.name = c.name;
    if (first) data.start = first.at;
    if (last) data.end = last.at;
    const a = points[0];
    const z = points[points.length - 1];
    const rec: ConnectorRecord = {
      type: 'track',
      source,
      sourceRef: `${kind}:${refs.next([kind, a?.lat, a?.lon, a?.at, z?.lat, z?.lon, z?.at, points.length])}`,
      occurredAt: at.instant,
      data,
      location,
    };
    if (at.offset) rec.occurredOffset = at.offset;
    return rec;
  }
}
