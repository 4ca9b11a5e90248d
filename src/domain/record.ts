import { z } from 'zod';
import type { ImportId, RecordId } from './ids.ts';
import { instantSchema, offsetSchema } from './time.ts';
import { bankAccountSchema, bankTransactionSchema, contractSchema } from './types/finance.ts';
import { energyReadingSchema, telecomUsageSchema } from './types/energy.ts';
import { contactSchema, identityAttributeSchema } from './types/people.ts';
import { calendarEventSchema } from './types/calendar.ts';
import { locationPointSchema, placeVisitSchema, trackSchema } from './types/location.ts';
import { documentSchema, purchaseSchema } from './types/commerce.ts';
import { healthEventSchema, healthMeasureSchema } from './types/health.ts';

/**
 * The record model. A record is one fact about the person, of one type, from one source.
 * `(source, type, sourceRef)` identifies it: the same fact imported again is the same record.
 */
export const recordDataSchemas = {
  'bank.account': bankAccountSchema,
  'bank.transaction': bankTransactionSchema,
  'energy.reading': energyReadingSchema,
  'telecom.usage': telecomUsageSchema,
  contact: contactSchema,
  'calendar.event': calendarEventSchema,
  'location.point': locationPointSchema,
  'place.visit': placeVisitSchema,
  track: trackSchema,
  purchase: purchaseSchema,
  'health.measure': healthMeasureSchema,
  'health.event': healthEventSchema,
  'identity.attribute': identityAttributeSchema,
  document: documentSchema,
  contract: contractSchema,
} as const;

export type RecordType = keyof typeof recordDataSchemas;
export const RECORD_TYPES = Object.keys(recordDataSchemas) as RecordType[];
export const recordTypeSchema = z.enum(RECORD_TYPES as [RecordType, ...RecordType[]], {
  error: () => `expected one of the record types: ${RECORD_TYPES.join(', ')}`,
});

export type RecordData<T extends RecordType = RecordType> = z.output<(typeof recordDataSchemas)[T]>;

/**
 * A source names who or what a record comes from: an organisation (`org:edf`), a file
 * format and the account or device inside it (`ofx`, `enedis`), an app (`app:…`), or the
 * person (`person`). Lower-case letters, digits and `.:_-/`.
 */
export const sourceSchema = z
  .string()
  .min(1, 'source must not be empty')
  .max(200)
  .regex(/^[a-z0-9][a-z0-9.:_\-/@]*$/, 'source may hold lower-case letters, digits and . : _ - / @');

/** What a connector or an organisation hands to the vault. */
export const recordInputSchema = z.strictObject({
  type: recordTypeSchema,
  source: sourceSchema,
  sourceRef: z.string().min(1, 'sourceRef must not be empty').max(1000),
  occurredAt: instantSchema,
  /** The source's UTC offset at occurredAt, when the source gave one. */
  occurredOffset: offsetSchema.optional(),
  // The type's own schema checks the content; here only that it is an object.
  data: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'data must be an object'),
});
export type RecordInputEnvelope = z.infer<typeof recordInputSchema>;

/** A validated record input: the envelope plus the data parsed by its type's schema. */
export type RecordInput<T extends RecordType = RecordType> = {
  type: T;
  source: string;
  sourceRef: string;
  occurredAt: string;
  occurredOffset?: string;
  data: RecordData<T>;
};

/** A record as the store holds it. */
export interface StoredRecord<T extends RecordType = RecordType> extends RecordInput<T> {
  id: RecordId;
  importId: ImportId | null;
  revision: number;
  /** Who wrote the current revision: the source, or the person correcting it. */
  revisedBy: 'source' | 'person';
  /** Why the current revision was made, for a person's correction. */
  revisionReason?: string;
  createdAt: string;
  updatedAt: string;
}

/** One fault found in an input: where (record index, field path) and what was expected. */
export interface ValidationFault {
  /** 0-based index of the record in its import. */
  index: number;
  /** Dotted path of the field ("data.amount.currency"), or "" for the record itself. */
  field: string;
  message: string;
  /** Where the record came from in its file, when the connector knows ("line 42"). */
  location?: string;
}

export type Validated = { ok: true; record: RecordInput } | { ok: false; faults: ValidationFault[] };

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/**
 * Validates one raw record: the envelope, and the data with its type's schema.
 * Returns every fault with its field path: a broken envelope does not hide the faults
 * of the data, as long as the type is known.
 */
export function validateRecord(raw: unknown, index: number, location?: string): Validated {
  const fault = (path: readonly PropertyKey[], message: string): ValidationFault => ({ index, field: pathOf(path), message, ...(location ? { location } : {}) });
  const env = recordInputSchema.safeParse(raw);
  const faults: ValidationFault[] = env.success ? [] : env.error.issues.map((i) => fault(i.path, i.message));
  const type = recordTypeSchema.safeParse(raw && typeof raw === 'object' ? (raw as { type?: unknown }).type : undefined);
  const rawData = raw && typeof raw === 'object' ? (raw as { data?: unknown }).data : undefined;
  if (!type.success || !rawData || typeof rawData !== 'object' || Array.isArray(rawData)) return { ok: false, faults };
  const schema = recordDataSchemas[type.data] as z.ZodType;
  const data = schema.safeParse(rawData);
  if (!data.success) faults.push(...data.error.issues.map((i) => fault(['data', ...i.path], i.message)));
  if (!env.success || !data.success) return { ok: false, faults };
  const record: RecordInput = { ...env.data, data: data.data as RecordData };
  if (record.occurredOffset === undefined) delete record.occurredOffset;
  return { ok: true, record };
}

/** The words of a record that full-text search should find. */
export function searchTextOf(r: RecordInput): string {
  const out: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (!SKIP_KEYS.has(key) && v.length < 2000 && !DATE_VALUE_RE.test(v)) out.push(v);
    } else if (Array.isArray(v)) {
      if (key !== 'points') for (const x of v) walk(x, key);
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(r.data, '');
  return out.join(' ');
}
/** A value that is only a date or an instant (a label that starts with a date is still words). */
const DATE_VALUE_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const SKIP_KEYS = new Set(['currency', 'sha256', 'mediaType', 'accountRef', 'kind', 'status', 'quality', 'commodity', 'direction', 'system', 'rrule']);
