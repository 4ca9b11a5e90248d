import { z } from 'zod';
import type { GrantId } from '../domain/ids.ts';
import { uuidSchema } from '../domain/ids.ts';
import { recordTypeSchema, sourceSchema, type RecordType } from '../domain/record.ts';
import { instantSchema, localDateSchema, toEpochMs } from '../domain/time.ts';
import { dpvPurposeSchema, legalBasisSchema } from './dpv-purposes.ts';
import { AGGREGATES, fieldPathsOf, isFieldCovered } from './type-fields.ts';

/**
 * A grant: the person's consent that one app or organisation may read (or, for a source,
 * write) chosen record types and fields, within filters, at a granularity, for a purpose,
 * from a start until an expiry. A revoked or expired grant is dead: it allows nothing.
 */

export const grantIdSchema = uuidSchema.transform((s) => s as GrantId);

/** A client id as OAuth clients and organisations carry it. */
export const clientIdSchema = z
  .string()
  .min(1, 'the grantee client id must not be empty')
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:\-/@]*$/, 'a client id may hold letters, digits and . _ : - / @');

export const granteeSchema = z.strictObject({
  clientId: clientIdSchema,
  kind: z.enum(['app', 'organisation']),
  /** A name people recognise ("EDF", "Budget Malin"), shown in lists and receipts. */
  name: z.string().min(1).max(200).optional(),
});
export type Grantee = z.infer<typeof granteeSchema>;

export const bucketSchema = z.enum(['day', 'week', 'month', 'year']);
export type Bucket = z.infer<typeof bucketSchema>;
/** Buckets from finest to coarsest: a grant at one bucket allows it and every coarser one. */
export const BUCKET_ORDER: readonly Bucket[] = ['day', 'week', 'month', 'year'];

export const insightNameSchema = z.string().regex(/^[a-z][a-z0-9.\-]*$/, 'an insight name is lower-case, like energy.monthly');

export const granularitySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('raw') }),
  z.strictObject({ kind: z.literal('aggregate'), bucket: bucketSchema }),
  z.strictObject({ kind: z.literal('derived'), insight: insightNameSchema }),
]);
export type Granularity = z.infer<typeof granularitySchema>;

/** The CLI's spelling of a granularity: raw | day | week | month | year | derived:INSIGHT. */
export const granularityTextSchema = z
  .string()
  .regex(/^(raw|day|week|month|year|derived:[a-z][a-z0-9.\-]*)$/, 'expected raw, day, week, month, year or derived:INSIGHT');

export function parseGranularity(text: string): Granularity {
  const t = granularityTextSchema.parse(text);
  if (t === 'raw') return { kind: 'raw' };
  if (t.startsWith('derived:')) return { kind: 'derived', insight: t.slice('derived:'.length) };
  return { kind: 'aggregate', bucket: bucketSchema.parse(t) };
}

export function formatGranularity(g: Granularity): string {
  return g.kind === 'raw' ? 'raw' : g.kind === 'aggregate' ? g.bucket : `derived:${g.insight}`;
}

/** A date or an instant; a date means UTC midnight starting that day. */
export const dateOrInstantSchema = z.union([instantSchema, localDateSchema]);

export const fieldPathSchema = z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'a field is a dotted path like amount.amountMinor');

export const grantFiltersSchema = z.strictObject({
  /** Only records that occurred at or after this instant. */
  from: instantSchema.optional(),
  /** Only records that occurred before this instant (exclusive). */
  to: instantSchema.optional(),
  /** Only records from these sources. */
  sources: z.array(sourceSchema).min(1).optional(),
  /** Only records of these accounts (bank account, meter, phone line: see ACCOUNT_FIELDS). */
  accounts: z.array(z.string().min(1)).min(1).optional(),
});
export type GrantFilters = z.infer<typeof grantFiltersSchema>;

export const verbSchema = z.enum(['read', 'write']);
export type Verb = z.infer<typeof verbSchema>;

export const termsSchema = z
  .strictObject({ text: z.string().min(1).max(20_000).optional(), url: z.url().optional() })
  .refine((t) => t.text !== undefined || t.url !== undefined, 'terms need a text or a URL');

/** One granted type and its fields (dotted paths into data; everything else is stripped). */
export const grantScopeSchema = z.strictObject({ type: recordTypeSchema, fields: z.array(fieldPathSchema).min(1) });
export type GrantScope = z.infer<typeof grantScopeSchema>;

const grantBody = {
  grantee: granteeSchema,
  scopes: z.array(grantScopeSchema).min(1),
  filters: grantFiltersSchema,
  granularity: granularitySchema,
  purpose: dpvPurposeSchema,
  legalBasis: legalBasisSchema,
  verbs: z.array(verbSchema).min(1),
  /** For a `write` grant: the one source the grantee may write (its own data). */
  writeSource: sourceSchema.optional(),
  validFrom: instantSchema,
  validUntil: instantSchema,
  terms: termsSchema.optional(),
};

/** A grant as stored, listed and receipted. */
export const grantSchema = z.strictObject({
  id: grantIdSchema,
  /** The vault the grant belongs to: a grant never opens another person's vault. */
  vaultId: z.string().min(1),
  ...grantBody,
  createdAt: instantSchema,
  revokedAt: instantSchema.nullable(),
  revocationReason: z.string().nullable(),
});
export type Grant = z.infer<typeof grantSchema>;

/**
 * What the person asks for when granting. Fields may be left out (every top-level field
 * of the type; for `aggregate`, the type's numeric field); the start defaults to now and
 * the legal basis to Consent. Checked against the record types' schemas.
 */
export const grantRequestSchema = z
  .strictObject({
    grantee: granteeSchema,
    scopes: z.array(z.strictObject({ type: recordTypeSchema, fields: z.array(fieldPathSchema).min(1).optional() })).min(1),
    filters: grantFiltersSchema
      .extend({ from: dateOrInstantSchema.transform(boundInstant).optional(), to: dateOrInstantSchema.transform(boundInstant).optional() })
      .default({}),
    granularity: granularitySchema,
    purpose: dpvPurposeSchema,
    legalBasis: legalBasisSchema.default('Consent'),
    verbs: z.array(verbSchema).min(1).default(['read']),
    writeSource: sourceSchema.optional(),
    /** A date means that day's UTC midnight. */
    validFrom: dateOrInstantSchema.transform(boundInstant).optional(),
    /** A date means through that day: the grant dies at the next UTC midnight. */
    validUntil: dateOrInstantSchema.transform(expiryInstant),
    terms: termsSchema.optional(),
  })
  .superRefine((g, ctx) => {
    const seen = new Set<RecordType>();
    g.scopes.forEach((s, i) => {
      if (seen.has(s.type)) ctx.addIssue({ code: 'custom', path: ['scopes', i, 'type'], message: `${s.type} is granted twice` });
      seen.add(s.type);
      const known = fieldPathsOf(s.type);
      s.fields?.forEach((f, j) => {
        if (!known.has(f)) ctx.addIssue({ code: 'custom', path: ['scopes', i, 'fields', j], message: `${s.type} has no field "${f}"` });
      });
      if (g.granularity.kind === 'aggregate') {
        const agg = AGGREGATES[s.type];
        if (!agg) ctx.addIssue({ code: 'custom', path: ['scopes', i, 'type'], message: `${s.type} has no numeric field to total: grant it raw or derived` });
        else if (s.fields && !isFieldCovered(agg.field, s.fields))
          ctx.addIssue({ code: 'custom', path: ['scopes', i, 'fields'], message: `an aggregate of ${s.type} totals ${agg.field}: grant that field` });
      }
    });
    if (g.filters.from && g.filters.to && toEpochMs(g.filters.from) >= toEpochMs(g.filters.to))
      ctx.addIssue({ code: 'custom', path: ['filters', 'to'], message: 'the range ends before it starts' });
    if (g.validFrom && toEpochMs(g.validFrom) >= toEpochMs(g.validUntil))
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'the grant expires before it starts' });
    if (g.writeSource && !g.verbs.includes('write'))
      ctx.addIssue({ code: 'custom', path: ['writeSource'], message: 'a write source needs the write verb' });
    if (g.verbs.includes('write') && g.grantee.kind !== 'organisation' && !g.writeSource)
      ctx.addIssue({ code: 'custom', path: ['verbs'], message: 'an app writing data must name its source (writeSource)' });
  });
export type GrantRequest = z.input<typeof grantRequestSchema>;

/** The source a write grant lets its grantee write: its own, `org:<clientId>` by default. */
export function writeSourceOf(g: Pick<Grant, 'grantee' | 'writeSource'>): string {
  return g.writeSource ?? `${g.grantee.kind === 'organisation' ? 'org' : 'app'}:${g.grantee.clientId.toLowerCase()}`;
}

export type GrantState = 'active' | 'pending' | 'expired' | 'revoked';

/** The state of a grant at an instant: only `active` allows anything. */
export function grantState(g: Pick<Grant, 'revokedAt' | 'validFrom' | 'validUntil'>, nowMs: number): GrantState {
  if (g.revokedAt !== null) return 'revoked';
  if (nowMs >= toEpochMs(g.validUntil)) return 'expired';
  if (nowMs < toEpochMs(g.validFrom)) return 'pending';
  return 'active';
}

/** A date-only expiry means "through that day": the grant dies at the next UTC midnight. */
export function expiryInstant(dateOrInstant: string): string {
  return localDateSchema.safeParse(dateOrInstant).success ? new Date(toEpochMs(dateOrInstant) + 86_400_000).toISOString() : new Date(toEpochMs(dateOrInstant)).toISOString();
}

/** A date-only bound means that day's UTC midnight. */
export function boundInstant(dateOrInstant: string): string {
  return new Date(toEpochMs(dateOrInstant)).toISOString();
}
