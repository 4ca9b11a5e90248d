import { isRealDate } from '../../domain/time.ts';
import { parseIsoInstant } from '../util/iso-instant.ts';

/** Pieces of FHIR R4 datatypes, read defensively (exports are JSON, not always valid FHIR). */
export type Json = Record<string, unknown>;

export class FhirValueError extends Error {}

export const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export interface Coding {
  system?: string;
  code: string;
  display?: string;
}

export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';
export const UCUM = 'http://unitsofmeasure.org';

/** Every coding of a CodeableConcept, as { system, code, display }. */
export function codingsOf(cc: unknown): Coding[] {
  const c = obj(cc);
  const out: Coding[] = [];
  for (const raw of arr(c?.coding)) {
    const k = obj(raw);
    const code = str(k?.code);
    if (!code) continue;
    const coding: Coding = { code };
    const system = str(k?.system);
    if (system) coding.system = system;
    const display = str(k?.display);
    if (display) coding.display = display;
    out.push(coding);
  }
  return out;
}

/**
 * The main coding of a CodeableConcept: the first in the preferred systems, else the first;
 * a concept with only `text` becomes { code: text }. Its text fills a missing display.
 */
export function mainCoding(cc: unknown, prefer: string[], field: string): { main: Coding; all: Coding[] } {
  const all = codingsOf(cc);
  const text = str(obj(cc)?.text);
  let main = prefer.map((s) => all.find((c) => c.system === s)).find((c) => c) ?? all[0];
  if (!main) {
    if (!text) throw new FhirValueError(`${field} should be a CodeableConcept with a coding or a text`);
    main = { code: text };
  } else if (!main.display && text) main = { ...main, display: text };
  return { main, all };
}

/** A concept as words: its text, else the first display, else the first code. */
export function conceptText(cc: unknown): string | undefined {
  const c = obj(cc);
  if (!c) return undefined;
  const codings = codingsOf(c);
  return str(c.text) ?? codings.find((k) => k.display)?.display ?? codings[0]?.code;
}

export interface FhirTime {
  /** UTC instant (for a date-only value: local midnight in the time zone). */
  instant: string;
  offset?: string;
  /** The value as a record field keeps it: an instant, or YYYY-MM-DD for a date. */
  field: string;
}

/**
 * A FHIR date, dateTime or instant: "2024-01-05", "2024-01", "2024", "2024-01-05T08:30:00+01:00".
 * A partial or date-only value is a local date: it stays YYYY-MM-DD (first of the month or
 * year when partial) in `field`, and its instant is local midnight in `timeZone`.
 */
export function fhirTime(raw: unknown, field: string, timeZone: string): FhirTime {
  if (typeof raw === 'string') {
    const s = raw.trim();
    const d = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
    if (d) {
      const date = `${d[1]}-${d[2] ?? '01'}-${d[3] ?? '01'}`;
      if (isRealDate(date)) {
        const t = parseIsoInstant(`${date}T00:00:00`, timeZone)!;
        const out: FhirTime = { instant: t.instant, field: date };
        if (t.offset) out.offset = t.offset;
        return out;
      }
    } else {
      const t = parseIsoInstant(s, timeZone);
      if (t) {
        const out: FhirTime = { instant: t.instant, field: t.instant };
        if (t.offset && /[+-]\d{2}:?\d{2}$/.test(s)) out.offset = t.offset;
        return out;
      }
    }
  }
  throw new FhirValueError(`${field} should be a FHIR date or dateTime like 2024-01-05 or 2024-01-05T08:30:00+01:00, found ${JSON.stringify(raw)}`);
}

/** The first present of several time fields (onsetDateTime, onsetPeriod.start…). */
export function firstTime(res: Json, paths: string[], timeZone: string): FhirTime | undefined {
  for (const p of paths) {
    const [a, b] = p.split('.');
    const v = b ? obj(res[a!])?.[b] : res[a!];
    if (v !== undefined && v !== null) return fhirTime(v, p, timeZone);
  }
  return undefined;
}

/** A Reference's words: its display, else the resolved resource's name. */
export function referenceText(ref: unknown, names: Map<string, string>): string | undefined {
  const r = obj(ref);
  if (!r) return undefined;
  return str(r.display) ?? (str(r.reference) ? names.get(str(r.reference)!) : undefined);
}
