import type { Connector, ConnectorContext, ConnectorInput, ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { decodeInput, headText, readJsonLines } from '../util/text.ts';
import { JsonStreamError, type JsonPath, streamJson } from '../util/json-stream.ts';
import { contentHash, sourceSlug } from '../util/content-ref.ts';
import { FhirValueError, type FhirTime, type Json, arr, fhirTime, obj, str } from './fhir-values.ts';
import { observationOf } from './fhir-observation.ts';
import { CLINICAL_TYPES, clinicalEventOf } from './fhir-clinical.ts';
import { patientAttributes } from './fhir-patient.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/time.ts';

/**
 * FHIR R4 JSON: a Bundle (collection, searchset, transaction, document, batch), a single
 * resource, or a Bulk Data NDJSON file (one resource per line). Patient → `identity.attribute`; Observation → `health.measure`; Condition,
 * MedicationRequest/Statement, Immunization, Procedure, AllergyIntolerance, Encounter →
 * `health.event`. Other resources (Practitioner, Organization, Medication) serve to
 * resolve references (by `urn:uuid:` fullUrl or `Type/id`) and are not imported.
 *
 * Streams the bundle's entries (a Synthea bundle runs to tens of MB). Practitioner and
 * Organization names resolve when they come before the resource that cites them (a
 * Reference's own `display` always works); a MedicationRequest whose Medication comes
 * later waits for it until the end of the file.
 *
 * source: `ctx.options.source`, else `fhir:<server host>` from absolute fullUrls, else
 * `fhir:<bundle identifier>`, else `fhir`. sourceRef: `Type/id`, else the fullUrl, else a
 * content hash; a Patient's attributes add `#attribute:value`.
 * Date-only values stay dates in the data; their instant (occurredAt, measure start) is
 * local midnight in `ctx.options.timeZone` (default Europe/Paris).
 */
export const fhirConnector: Connector = {
  id: 'fhir',
  label: 'FHIR R4 (JSON bundle or resource)',
  recognize(input) {
    const text = headText(input, 65536).replace(/^[\s\ufeff]+/, '');
    if (!text.startsWith('{')) return { confidence: 0, reason: 'not a JSON object' };
    const rt = /"resourceType"\s*:\s*"([A-Za-z]+)"/.exec(text);
    if (!rt) return { confidence: 0, reason: 'no resourceType' };
    if (rt[1] === 'Bundle') return { confidence: 0.95, reason: 'FHIR Bundle' };
    if (rt[1] === 'Patient' || rt[1] === 'Observation' || CLINICAL_TYPES.has(rt[1]!)) return { confidence: 0.85, reason: `FHIR ${rt[1]} resource` };
    return { confidence: 0.3, reason: `FHIR ${rt[1]} resource (not imported)` };
  },
  read(input, ctx) {
    return readFhir(input, ctx);
  },
};

const select = (p: JsonPath) => (p.length === 1 ? p[0] !== 'entry' : p.length === 2 && p[0] === 'entry' && typeof p[1] === 'number');

interface Entry {
  resource: Json;
  fullUrl?: string;
  index: number;
  line: number;
}

/** NDJSON (bulk export) when the first line alone is a whole resource other than a Bundle. */
function isNdjson(input: ConnectorInput): boolean {
  const first = headText(input, 65536).replace(/^[\s\ufeff]+/, '').split(/\r?\n/, 1)[0]!;
  if (!first.startsWith('{') || !first.trimEnd().endsWith('}')) return false;
  try {
    const o = obj(JSON.parse(first));
    return !!o && typeof o.resourceType === 'string' && o.resourceType !== 'Bundle';
  } catch (e) {
    if (e instanceof SyntaxError) return false; // a pretty-printed document
    throw e;
  }
}

async function* readFhir(input: ConnectorInput, ctx: ConnectorContext): AsyncIterable<ConnectorRecord> {
  const timeZone = ctx.options.timeZone ?? DEFAULT_TIME_ZONE;
  const root: Json = {};
  const names = new Map<string, string>();
  const medications = new Map<string, unknown>();
  const waiting: Entry[] = [];
  const skipped = new Map<string, number>();
  let source: string | undefined;
  let entries = 0;

  const keys = (e: Entry) => {
    const k: string[] = [];
    if (e.fullUrl) k.push(e.fullUrl);
    const type = str(e.resource.resourceType);
    const id = str(e.resource.id);
    if (type && id) k.push(`${type}/${id}`);
    if (e.fullUrl && /^https?:/.test(e.fullUrl) && type && id) k.push(e.fullUrl);
    return k;
  };
  const sourceOf = (e: Entry): string => {
    if (source) return source;
    if (ctx.options.source) source = ctx.options.source;
    else if (e.fullUrl && /^https?:\/\/[^/\s]+/.test(e.fullUrl)) source = `fhir:${sourceSlug(/^https?:\/\/(?:[^@/]*@)?([^/:?#\s]+)/.exec(e.fullUrl)?.[1] ?? '') || 'unknown'}`;
    else {
      const idv = str(obj(root.identifier)?.value);
      source = idv && sourceSlug(idv) ? `fhir:${sourceSlug(idv)}` : 'fhir';
    }
    return source;
  };
  const fallbackTime = (): FhirTime | undefined => {
    const t = str(root.timestamp) ?? str(obj(root.meta)?.lastUpdated);
    return t ? fhirTime(t, 'Bundle.timestamp', timeZone) : undefined;
  };
  const where = (e: Entry) => {
    const type = str(e.resource.resourceType) ?? 'resource';
    const id = str(e.resource.id);
    return `line ${e.line}, entry[${e.index}] (${type}${id ? `/${id}` : ''})`;
  };

  function* handle(e: Entry, final: boolean): Iterable<ConnectorRecord> {
    const r = e.resource;
    const type = str(r.resourceType);
    const location = where(e);
    if (!type) throw new ConnectorError(`${input.name}, ${location}: resourceType is missing`, { file: input.name, line: e.line, field: 'resourceType' });
    const base = str(r.id) ? `${type}/${str(r.id)}` : (e.fullUrl ?? `${type}:${contentHash([JSON.stringify(r)])}`);
    try {
      if (type === 'Medication') {
        for (const k of keys(e)) medications.set(k, r.code);
        return;
      }
      if (type === 'Practitioner' || type === 'Organization' || type === 'PractitionerRole' || type === 'Location') {
        const n = obj(arr(r.name)[0]);
        const text =
          typeof r.name === 'string' ? r.name : (str(n?.text) ?? [...arr(n?.prefix), ...arr(n?.given), n?.family].map(str).filter((x) => x).join(' '));
        if (text) for (const k of keys(e)) names.set(k, text);
        return;
      }
      if (type === 'Patient') {
        const at = str(obj(r.meta)?.lastUpdated) ? fhirTime(obj(r.meta)!.lastUpdated, 'Patient.meta.lastUpdated', timeZone) : fallbackTime();
        if (!at) {
          ctx.warn(`${input.name}, ${location}: the patient's details have no date (meta.lastUpdated or Bundle.timestamp) and were not imported`);
          return;
        }
        for (const a of patientAttributes(r)) {
          const data: Json = { attribute: a.attribute, value: a.value, asOf: at.instant.slice(0, 10) };
          if (a.address) data.address = a.address;
          if (a.purpose) data.purpose = a.purpose;
          yield { type: 'identity.attribute', source: sourceOf(e), sourceRef: `${base}#${a.attribute}:${a.key}`, occurredAt: at.instant, data, location };
        }
        return;
      }
      if (type === 'Observation') {
        const m = observationOf(r, timeZone);
        if (!m) ctx.warn(`${input.name}, ${location}: this observation has no value (${str(obj(r.dataAbsentReason)?.text) ?? 'no reason given'}) and was skipped`);
        else yield { ...m, source: sourceOf(e), sourceRef: base, location };
        return;
      }
      if (CLINICAL_TYPES.has(type)) {
        const ref = str(obj(r.medicationReference)?.reference);
        if (ref && !r.medicationCodeableConcept && !medications.has(ref) && !final) {
          waiting.push(e);
          return;
        }
        yield { ...clinicalEventOf(r, timeZone, names, medications, fallbackTime()), source: sourceOf(e), sourceRef: base, location };
        return;
      }
      if (type !== 'Bundle') skipped.set(type, (skipped.get(type) ?? 0) + 1);
    } catch (err) {
      if (err instanceof FhirValueError)
        throw new ConnectorError(`${input.name}, ${location}: ${err.message}`, { file: input.name, line: e.line, element: base });
      throw err;
    }
  }

  async function* ndjsonEntries(): AsyncIterable<Entry> {
    // FHIR Bulk Data export: one resource per line (Patient.ndjson, Observation.ndjson…).
    root.resourceType = 'Bundle';
    for await (const { value: resource, lineNo } of readJsonLines(input, 'one FHIR resource (a JSON object) per line')) {
      yield { resource, index: lineNo - 1, line: lineNo };
    }
  }

  async function* bundleEntries(): AsyncIterable<Entry> {
    try {
      for await (const { path, value, line } of streamJson(decodeInput(input), { select })) {
        if (path.length === 1) {
          root[path[0] as string] = value;
          continue;
        }
        if (root.resourceType !== undefined && root.resourceType !== 'Bundle')
          throw new ConnectorError(`${input.name}, line ${line}: an "entry" array belongs in a Bundle, not a ${String(root.resourceType)}`, { file: input.name, line });
        const entry = obj(value);
        const resource = obj(entry?.resource);
        if (!entry || !resource) {
          ctx.warn(`${input.name}, line ${line}, entry[${path[1]}]: an entry without a resource (a transaction response?) was skipped`);
          continue;
        }
        const e: Entry = { resource, index: path[1] as number, line };
        const fullUrl = str(entry.fullUrl);
        if (fullUrl) e.fullUrl = fullUrl;
        yield e;
      }
    } catch (err) {
      if (err instanceof JsonStreamError) throw new ConnectorError(`${input.name}, line ${err.line}: this JSON is malformed`, { file: input.name, line: err.line }, err.message);
      throw err;
    }
  }

  for await (const e of isNdjson(input) ? ndjsonEntries() : bundleEntries()) {
    entries++;
    yield* handle(e, false);
  }
  if (typeof root.resourceType !== 'string')
    throw new ConnectorError(`${input.name}: no resourceType at the top: expected a FHIR Bundle or resource`, { file: input.name, field: 'resourceType' });
  if (root.resourceType !== 'Bundle') yield* handle({ resource: root, index: 0, line: 1 }, true);
  for (const e of waiting) yield* handle(e, true);
  if (skipped.size > 0)
    ctx.warn(`${input.name}: resources not imported: ${[...skipped].map(([t, n]) => `${n} ${t}`).join(', ')}`);
  if (root.resourceType === 'Bundle' && entries === 0) ctx.warn(`${input.name}: this bundle has no entries`);
}
