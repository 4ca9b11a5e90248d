import type { ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { parseIsoInstant, type ParsedInstant } from '../util/iso-instant.ts';
import { contentHash } from '../util/content-ref.ts';
import { HEALTHKIT_SYSTEM, deviceNameOf, kindOf, toMetres, ucumOf, workoutModeOf } from './apple-health-kinds.ts';

export const SOURCE = 'apple-health';
export type Attrs = Record<string, string>;
export interface Where {
  file: string;
  line: number;
  element: string;
}

function fail(w: Where, field: string, expected: string, found: string | undefined): never {
  throw new ConnectorError(
    `${w.file}, line ${w.line}, <${w.element}>: attribute ${field} should be ${expected}, found ${found === undefined ? 'nothing' : JSON.stringify(found)}`,
    { file: w.file, line: w.line, element: w.element, field },
  );
}

/** "2017-03-30 09:29:00 +0200" → instant and offset. */
export function appleDate(a: Attrs, field: string, w: Where): ParsedInstant {
  const t = a[field] === undefined ? null : parseIsoInstant(a[field]!);
  if (!t) fail(w, field, 'a date like 2017-03-30 09:29:00 +0200', a[field]);
  return t;
}

/** The record's identity: HealthKit gives no sample id in the export, so its content. */
function refOf(a: Attrs): string {
  return contentHash([a.type, a.sourceName, a.creationDate, a.startDate, a.endDate, a.unit, a.value]);
}

/**
 * One top-level <Record> → `health.measure`. Quantity types carry a number; category types
 * (sleep, mindful session, stand hour…) carry `HKCategoryValue…` text, kept as valueText.
 */
export function measureOf(a: Attrs, w: Where): ConnectorRecord {
  const type = a.type;
  if (!type) fail(w, 'type', 'a HealthKit type identifier', type);
  const start = appleDate(a, 'startDate', w);
  const end = a.endDate ? appleDate(a, 'endDate', w) : undefined;
  const data: Record<string, unknown> = {
    kind: kindOf(type),
    code: { system: HEALTHKIT_SYSTEM, code: type },
    start: start.instant,
  };
  if (end) data.end = end.instant;
  const raw = a.value;
  if (type.startsWith('HKCategoryTypeIdentifier')) {
    if (raw === undefined || raw === '') fail(w, 'value', 'a category value', raw);
    const n = Number(raw);
    if (Number.isFinite(n) && raw.trim() !== '') data.value = n;
    else data.valueText = raw;
  } else {
    const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(n)) fail(w, 'value', 'a number', raw);
    data.value = n;
  }
  if (a.unit) data.unit = ucumOf(a.unit);
  const device = deviceNameOf(a.device);
  if (device) data.device = device;
  if (a.sourceName) data.sourceName = a.sourceName;
  return withOffset({ type: 'health.measure', source: SOURCE, sourceRef: refOf(a), occurredAt: start.instant, data, location: `line ${w.line}` }, start);
}

/**
 * A blood-pressure <Correlation> and its inner systolic/diastolic <Record>s → one measure
 * with two components (mm[Hg]), sourceRef from the correlation's own attributes.
 */
export function bloodPressureOf(c: Attrs, inner: Attrs[], w: Where): ConnectorRecord {
  const start = appleDate(c, 'startDate', w);
  const end = c.endDate ? appleDate(c, 'endDate', w) : undefined;
  const components = inner.map((r) => {
    const v = r.value === undefined || r.value.trim() === '' ? NaN : Number(r.value);
    if (!Number.isFinite(v)) fail(w, 'value', `a number in the inner ${r.type ?? 'Record'}`, r.value);
    return { code: { system: HEALTHKIT_SYSTEM, code: r.type ?? '' }, value: v, unit: ucumOf(r.unit ?? 'mmHg') };
  });
  if (components.length === 0) fail(w, 'Record', 'systolic and diastolic records inside the correlation', undefined);
  const data: Record<string, unknown> = {
    kind: 'blood_pressure',
    code: { system: HEALTHKIT_SYSTEM, code: c.type ?? 'HKCorrelationTypeIdentifierBloodPressure' },
    components,
    unit: 'mm[Hg]',
    start: start.instant,
  };
  if (end) data.end = end.instant;
  const device = deviceNameOf(c.device);
  if (device) data.device = device;
  if (c.sourceName) data.sourceName = c.sourceName;
  return withOffset(
    { type: 'health.measure', source: SOURCE, sourceRef: `bp:${refOf(c)}`, occurredAt: start.instant, data, location: `line ${w.line}` },
    start,
  );
}

export interface WorkoutStats {
  distanceM?: number;
}

/** A <Workout> → `track` (kind 'activity'), distance from totalDistance or its statistics. */
export function workoutOf(a: Attrs, stats: WorkoutStats, w: Where): ConnectorRecord {
  const start = appleDate(a, 'startDate', w);
  const end = appleDate(a, 'endDate', w);
  const activity = a.workoutActivityType ?? 'HKWorkoutActivityTypeOther';
  const data: Record<string, unknown> = {
    kind: 'activity',
    name: activity.replace(/^HKWorkoutActivityType/, ''),
    mode: workoutModeOf(activity),
    start: start.instant,
    end: end.instant,
    segments: 1,
  };
  let distance = stats.distanceM;
  if (a.totalDistance !== undefined && a.totalDistance !== '') {
    const v = Number(a.totalDistance);
    if (!Number.isFinite(v)) fail(w, 'totalDistance', 'a number', a.totalDistance);
    distance = toMetres(v, a.totalDistanceUnit ?? 'km') ?? distance;
  }
  if (distance !== undefined && distance > 0) data.distanceM = distance;
  return withOffset(
    {
      type: 'track',
      source: SOURCE,
      sourceRef: `workout:${contentHash([activity, a.sourceName, a.creationDate, a.startDate, a.endDate])}`,
      occurredAt: start.instant,
      data,
      location: `line ${w.line}`,
    },
    start,
  );
}

/** <Me> characteristics → `identity.attribute` (birth date, biological sex). */
export function identityOf(a: Attrs, exportedAt: ParsedInstant, line: number): ConnectorRecord[] {
  const out: ConnectorRecord[] = [];
  const dob = a.HKCharacteristicTypeIdentifierDateOfBirth;
  if (dob && /^\d{4}-\d{2}-\d{2}$/.test(dob)) out.push(identity('birth_date', dob, exportedAt, line));
  const sex = a.HKCharacteristicTypeIdentifierBiologicalSex?.replace(/^HKBiologicalSex/, '');
  if (sex && sex !== 'NotSet') out.push(identity('gender', sex.toLowerCase(), exportedAt, line));
  return out;
}

function identity(attribute: string, value: string, at: ParsedInstant, line: number): ConnectorRecord {
  return withOffset(
    { type: 'identity.attribute', source: SOURCE, sourceRef: `me:${attribute}:${value}`, occurredAt: at.instant, data: { attribute, value }, location: `line ${line}` },
    at,
  );
}

function withOffset(r: ConnectorRecord, t: ParsedInstant): ConnectorRecord {
  if (t.offset) r.occurredOffset = t.offset;
  return r;
}

/** Key of a blood-pressure sample, to match a top-level copy with its correlation's inner one. */
export function bpKey(a: Attrs): string {
  return [a.type, a.sourceName, a.creationDate, a.startDate, a.endDate, a.value].join('\u001f');
}
