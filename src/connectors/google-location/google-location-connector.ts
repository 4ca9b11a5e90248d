import type { Connector, ConnectorContext, ConnectorInput, ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { decodeInput, headText } from '../util/text.ts';
import { countingInput } from '../util/input.ts';
import { JsonStreamError, type JsonPath, describeJsonPath, streamJson } from '../util/json-stream.ts';
import { GoogleValueError } from './google-values.ts';
import { recordsEntry } from './records-json.ts';
import { timelineObject } from './semantic-history.ts';
import { rawSignal, semanticSegment } from './timeline-export.ts';

/**
 * Google location history, four generations, one connector (source `google-location`):
 *
 * (a) Takeout `Records.json` — { locations: [{ latitudeE7, longitudeE7, accuracy,
 *     timestamp | timestampMs, activity… }] } → `location.point`; E7 overflow corrected.
 * (b) Takeout Semantic Location History monthly files — { timelineObjects: [{ placeVisit }
 *     | { activitySegment }] } → `place.visit` and `track`.
 * (c) Android on-device Timeline export — { semanticSegments, rawSignals,
 *     userLocationProfile } → visits, activities, path points, raw position fixes.
 * (d) iOS Timeline export — a bare array of segments with "geo:" positions.
 *
 * Streams: Records.json can be hundreds of megabytes; the file is walked with
 * `streamJson` and only one array item is held at a time.
 * sourceRefs are time-based so re-imports and overlapping files dedup: a point is
 * `epochMs:latE7,lonE7`, a visit `visit:placeId:startMs`, an activity
 * `activity:startMs:endMs` (the same in (b), (c) and (d)).
 */
export const googleLocationConnector: Connector = {
  id: 'google-location',
  label: 'Google location history (Takeout, Timeline)',
  recognize(input) {
    const text = headText(input, 65536).replace(/^[\s\ufeff]+/, '');
    if (text.startsWith('{')) {
      if (/"locations"\s*:\s*\[\s*(?:\]|\{[^]*?"(?:latitudeE7|timestampMs|timestamp)")/.test(text))
        return { confidence: 0.95, reason: 'Takeout Records.json (locations with latitudeE7)' };
      if (/"timelineObjects"\s*:\s*\[/.test(text)) return { confidence: 0.95, reason: 'Semantic Location History (timelineObjects)' };
      if (/"(?:semanticSegments|rawSignals)"\s*:\s*\[/.test(text)) return { confidence: 0.95, reason: 'Timeline export (semanticSegments)' };
      return { confidence: 0, reason: 'JSON object without Google location arrays' };
    }
    if (text.startsWith('[')) {
      const first = text.slice(0, 4096);
      if (/"startTime"\s*:/.test(first) && /"(?:visit|activity|timelinePath)"\s*:/.test(first) && /"(?:topCandidate|point)"/.test(first))
        return { confidence: 0.9, reason: 'iOS Timeline export (segments with startTime and topCandidate)' };
    }
    return { confidence: 0, reason: 'not a Google location history file' };
  },
  read(input, ctx) {
    return readGoogle(input, ctx);
  },
};

const ARRAYS = new Set(['locations', 'timelineObjects', 'semanticSegments', 'rawSignals']);
const select = (p: JsonPath) => (p.length === 2 && typeof p[1] === 'number' && ARRAYS.has(p[0] as string)) || (p.length === 1 && typeof p[0] === 'number');

async function* readGoogle(input: ConnectorInput, ctx: ConnectorContext): AsyncIterable<ConnectorRecord> {
  const counted = countingInput(input, (bytes) => ctx.progress?.(bytes));
  let withoutPosition = 0;
  let items = 0;
  try {
    for await (const { path, value, line } of streamJson(decodeInput(counted), { select })) {
      items++;
      const location = `line ${line}, ${describeJsonPath(path)}`;
      let recs: (ConnectorRecord | null)[];
      try {
        switch (path.length === 1 ? 'semanticSegments' : path[0]) {
          case 'locations':
            recs = [recordsEntry(value)];
            if (recs[0] === null) withoutPosition++;
            break;
          case 'timelineObjects':
            recs = [timelineObject(value)];
            break;
          case 'rawSignals':
            recs = [rawSignal(value)];
            break;
          default:
            recs = semanticSegment(value);
        }
      } catch (e) {
        if (e instanceof GoogleValueError)
          throw new ConnectorError(`${input.name}, ${location}: ${e.message}`, { file: input.name, line, element: describeJsonPath(path) });
        throw e;
      }
      for (const r of recs) if (r) yield { ...r, location };
    }
  } catch (e) {
    if (e instanceof JsonStreamError)
      throw new ConnectorError(`${input.name}, line ${e.line}: this JSON is malformed`, { file: input.name, line: e.line }, e.message);
    throw e;
  }
  if (withoutPosition > 0) ctx.warn(`${input.name}: ${withoutPosition} entries without a position (activity guesses only) were skipped`);
  if (items === 0) ctx.warn(`${input.name}: no locations, visits or activities in this file`);
}
