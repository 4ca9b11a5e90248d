import type { Connector, ConnectorContext, ConnectorInput, ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { headText } from '../util/text.ts';
import { xmlStream } from '../util/xml-stream.ts';
import { parseIsoInstant, type ParsedInstant } from '../util/iso-instant.ts';
import { toMetres } from './apple-health-kinds.ts';
import { type Attrs, type WorkoutStats, appleDate, bloodPressureOf, bpKey, identityOf, measureOf, workoutOf } from './apple-health-records.ts';

/**
 * Apple Health `export.xml` (Health app → profile → Export All Health Data; inside
 * `export.zip` as `apple_health_export/export.xml`, which the archive support expands).
 *
 * Streams with saxes: memory stays flat on multi-gigabyte exports. The inline
 * `<!DOCTYPE HealthData [ … ]>` is skipped; no external DTD is fetched and no entity is
 * expanded (saxes knows only the five XML entities; any other is an error).
 *
 * - `<Record>` (top level) → `health.measure`: kind from the identifier (steps, heart_rate,
 *   body_mass, active_energy, distance_walking_running, sleep…), code
 *   {system: HealthKit, code: type}, UCUM unit, value (quantity) or valueText (category,
 *   e.g. HKCategoryValueSleepAnalysisAsleepCore), device name, sourceName, and the
 *   offset of startDate as occurredOffset.
 * - Overlapping sources (the iPhone and the Watch both count steps) stay separate records,
 *   each with its sourceName: dedup is by record identity, never by merging; the insight
 *   layer chooses which source to trust for a period.
 * - `<Correlation type="…BloodPressure">` → ONE measure, kind blood_pressure, with two
 *   components. Its systolic/diastolic records appear twice in the export (inside the
 *   correlation and again at top level): the top-level copies of blood-pressure records
 *   are held back and dropped when a correlation holds the same sample; one that no
 *   correlation claims is imported alone at the end. Other correlations (food) are
 *   skipped: their inner records are imported from the top-level copies.
 * - `<Workout>` → `track` (kind 'activity'; mode from HKWorkoutActivityType; distance from
 *   totalDistance or, in newer exports, from its WorkoutStatistics sum).
 * - `<Me>` → `identity.attribute` birth_date and gender. ActivitySummary, ClinicalRecord,
 *   Audiogram and workout routes (separate GPX files, read by the gpx connector) are
 *   not read here.
 * - sourceRef: HealthKit exports no sample id; it is a hash of type, sourceName,
 *   creationDate, startDate, endDate, unit and value (the same sample exported again
 *   dedups; two samples differing in any of these stay two).
 */
export const appleHealthConnector: Connector = {
  id: 'apple-health',
  label: 'Apple Health export (export.xml)',
  recognize(input) {
    const text = headText(input, 65536);
    if (/<!DOCTYPE\s+HealthData\b/.test(text) || /^(?:\s*<\?xml[^>]*\?>)?\s*(?:<!--[\s\S]*?-->\s*)*<HealthData[\s>]/.test(text))
      return { confidence: 0.99, reason: 'HealthData root (Apple Health export)' };
    return { confidence: 0, reason: 'no HealthData root' };
  },
  read(input, ctx) {
    return readAppleHealth(input, ctx);
  },
};

const BP_TYPES = new Set(['HKQuantityTypeIdentifierBloodPressureSystolic', 'HKQuantityTypeIdentifierBloodPressureDiastolic']);

async function* readAppleHealth(input: ConnectorInput, ctx: ConnectorContext): AsyncIterable<ConnectorRecord> {
  /** Top-level blood-pressure records not (yet) matched by a correlation. */
  const heldBp = new Map<string, ConnectorRecord>();
  /** Inner correlation samples seen before their top-level copy. */
  const claimedBp = new Set<string>();

  const batches = xmlStream<ConnectorRecord>(input, ctx, (parser, emit) => {
    let depth = 0;
    let sawRoot = false;
    let exportedAt: ParsedInstant | undefined;
    let me: { attrs: Attrs; line: number } | undefined;
    let correlation: { attrs: Attrs; line: number; depth: number; inner: Attrs[] } | undefined;
    let workout: { attrs: Attrs; line: number; depth: number; stats: WorkoutStats } | undefined;
    const where = (element: string, line = parser.line) => ({ file: input.name, line, element });

    parser.on('opentag', (tag) => {
      depth++;
      const a = tag.attributes as Attrs;
      if (!sawRoot) {
        sawRoot = true;
        if (tag.name !== 'HealthData')
          throw new ConnectorError(`${input.name}: the root element is <${tag.name}>, expected <HealthData>`, { file: input.name, element: tag.name });
        return;
      }
      if (depth === 2) {
        switch (tag.name) {
          case 'Record': {
            const rec = measureOf(a, where('Record'));
            if (a.type && BP_TYPES.has(a.type)) {
              const key = bpKey(a);
              if (!claimedBp.delete(key)) heldBp.set(key, rec);
            } else emit(rec);
            return;
          }
          case 'ExportDate':
            exportedAt = a.value ? (parseIsoInstant(a.value) ?? undefined) : undefined;
            return;
          case 'Me':
            me = { attrs: a, line: parser.line };
            return;
          case 'Correlation':
            correlation = { attrs: a, line: parser.line, depth, inner: [] };
            return;
          case 'Workout':
            workout = { attrs: a, line: parser.line, depth, stats: {} };
            return;
          default:
            return;
        }
      }
      if (correlation && depth === correlation.depth + 1 && tag.name === 'Record') correlation.inner.push(a);
      else if (workout && depth === workout.depth + 1 && tag.name === 'WorkoutStatistics' && /Distance/.test(a.type ?? '') && a.sum) {
        const v = Number(a.sum);
        const m = Number.isFinite(v) ? toMetres(v, a.unit ?? 'km') : undefined;
        if (m !== undefined) workout.stats.distanceM = (workout.stats.distanceM ?? 0) + m;
      }
    });

    parser.on('closetag', (tag) => {
      if (correlation && depth === correlation.depth && tag.name === 'Correlation') {
        const c = correlation;
        correlation = undefined;
        if (c.attrs.type === 'HKCorrelationTypeIdentifierBloodPressure') {
          emit(bloodPressureOf(c.attrs, c.inner, where('Correlation', c.line)));
          for (const r of c.inner) {
            const key = bpKey(r);
            if (!heldBp.delete(key)) claimedBp.add(key);
          }
        }
      } else if (workout && depth === workout.depth && tag.name === 'Workout') {
        emit(workoutOf(workout.attrs, workout.stats, where('Workout', workout.line)));
        workout = undefined;
      } else if (depth === 1 && tag.name === 'HealthData' && me) {
        const at = exportedAt ?? (me.attrs.startDate ? appleDate(me.attrs, 'startDate', where('Me', me.line)) : undefined);
        if (at) for (const r of identityOf(me.attrs, at, me.line)) emit(r);
        else ctx.warn(`${input.name}: no ExportDate, so the profile (date of birth, sex) was not imported`);
      }
      depth--;
    });
  });
  for await (const batch of batches) yield* batch;
  // Blood-pressure samples that no correlation claimed: imported alone.
  yield* heldBp.values();
}
