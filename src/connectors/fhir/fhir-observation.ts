import type { ConnectorRecord } from '../connector.ts';
import { FhirValueError, type Json, LOINC, UCUM, arr, conceptText, firstTime, mainCoding, obj, str } from './fhir-values.ts';

/** LOINC codes of common measures → the short kinds charts use (same as Apple Health's). */
const KINDS: Record<string, string> = {
  '29463-7': 'body_mass',
  '3141-9': 'body_mass',
  '8302-2': 'height',
  '8867-4': 'heart_rate',
  '85354-9': 'blood_pressure',
  '55284-4': 'blood_pressure',
  '8480-6': 'blood_pressure_systolic',
  '8462-4': 'blood_pressure_diastolic',
  '39156-5': 'bmi',
  '8310-5': 'body_temperature',
  '59408-5': 'oxygen_saturation',
  '2708-6': 'oxygen_saturation',
  '9279-1': 'respiratory_rate',
  '2339-0': 'blood_glucose',
  '15074-8': 'blood_glucose',
  '4548-4': 'hba1c',
  '2093-3': 'cholesterol',
  '55423-8': 'steps',
  '41950-7': 'steps',
  '72166-2': 'smoking_status',
  '93832-4': 'sleep',
};

function kindOf(code: { system?: string; code: string; display?: string }): string {
  if (code.system === LOINC && KINDS[code.code]) return KINDS[code.code]!;
  const words = (code.display ?? (code.system ? '' : code.code)).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  return words ? words.slice(0, 60) : code.system === LOINC ? `loinc_${code.code}` : `code_${code.code}`;
}

/** A Quantity's unit: the UCUM code when the system is UCUM, else the human unit. */
function unitOf(q: Json): string | undefined {
  return (str(q.system) === UCUM ? str(q.code) : undefined) ?? str(q.unit) ?? str(q.code);
}

/**
 * Observation → `health.measure`: valueQuantity (UCUM unit), valueInteger, valueString /
 * valueCodeableConcept / valueBoolean → valueText, component[] → components (blood
 * pressure), effectiveDateTime / effectivePeriod / effectiveInstant / issued → start/end.
 * Returns null (the caller warns) for an observation with no value at all
 * (dataAbsentReason).
 */
export function observationOf(o: Json, timeZone: string): Omit<ConnectorRecord, 'source' | 'sourceRef'> | null {
  const { main } = mainCoding(o.code, [LOINC], 'Observation.code');
  const start = firstTime(o, ['effectiveDateTime', 'effectivePeriod.start', 'effectiveInstant', 'issued'], timeZone);
  if (!start) throw new FhirValueError('Observation has no effectiveDateTime, effectivePeriod or issued: expected when it was measured');
  const end = firstTime(o, ['effectivePeriod.end'], timeZone);
  const data: Json = { kind: kindOf(main), code: main, start: start.instant };
  if (end) data.end = end.instant;
  const q = obj(o.valueQuantity);
  if (q && typeof q.value === 'number') {
    data.value = q.value;
    const unit = unitOf(q);
    if (unit) data.unit = unit;
  } else if (typeof o.valueInteger === 'number') data.value = o.valueInteger;
  else if (str(o.valueString)) data.valueText = str(o.valueString);
  else if (obj(o.valueCodeableConcept)) data.valueText = conceptText(o.valueCodeableConcept);
  else if (typeof o.valueBoolean === 'boolean') data.valueText = String(o.valueBoolean);
  const components = arr(o.component).flatMap((raw, i) => {
    const c = obj(raw);
    const cq = obj(c?.valueQuantity);
    if (!c || !cq || typeof cq.value !== 'number') return [];
    const { main: code } = mainCoding(c.code, [LOINC], `Observation.component[${i}].code`);
    return [{ code, value: cq.value, unit: unitOf(cq) ?? '' }];
  });
  data.components = components;
  if (components.length > 0 && data.unit === undefined) {
    const units = new Set(components.map((c) => c.unit));
    if (units.size === 1) data.unit = [...units][0];
  }
  if (data.value === undefined && data.valueText === undefined && components.length === 0) return null;
  const status = str(o.status);
  if (status) data.status = status;
  const category = arr(o.category).map((c) => conceptText(c)).find((c) => c);
  if (category) data.category = category;
  const rec: Omit<ConnectorRecord, 'source' | 'sourceRef'> = { type: 'health.measure', occurredAt: start.instant, data };
  if (start.offset) rec.occurredOffset = start.offset;
  return rec;
}
