import { z } from 'zod';
import type { Principal } from '../operations/operation.ts';
import { recordTypeSchema, sourceSchema } from '../domain/record.ts';
import { instantSchema } from '../domain/time.ts';
import { fieldPathSchema, grantFiltersSchema, grantIdSchema, grantScopeSchema, granularitySchema, type Grant } from './grant.ts';

/**
 * The typed input and output of the consent policy. A resource is either a query (what a
 * reader asks for: types, fields, range, granularity) or one record (read one, or write
 * one), always in a named vault.
 */
export const queryResourceSchema = z.strictObject({
  kind: z.literal('query'),
  vaultId: z.string().min(1),
  types: z.array(recordTypeSchema).min(1),
  /** Fields asked for (dotted paths, for every type asked); absent → every granted field. */
  fields: z.array(fieldPathSchema).min(1).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  sources: z.array(sourceSchema).min(1).optional(),
  accounts: z.array(z.string().min(1)).min(1).optional(),
  granularity: granularitySchema,
});
export type QueryResource = z.infer<typeof queryResourceSchema>;

export const recordResourceSchema = z.strictObject({
  kind: z.literal('record'),
  vaultId: z.string().min(1),
  type: recordTypeSchema,
  source: sourceSchema,
  occurredAt: instantSchema,
  /** The record's account (bank account, meter, line), when its type has one. */
  account: z.string().optional(),
  fields: z.array(fieldPathSchema).min(1).optional(),
});
export type RecordResource = z.infer<typeof recordResourceSchema>;

export type Resource = QueryResource | RecordResource;
export type Action = 'read' | 'write';

/** What an allowed access may see or do. */
export const projectionSchema = z.discriminatedUnion('kind', [
  /** The owner: everything, unfiltered. */
  z.strictObject({ kind: z.literal('all') }),
  /** A read under a grant: these types and fields only, within these filters, at this granularity. */
  z.strictObject({
    kind: z.literal('read'),
    grantId: grantIdSchema,
    scopes: z.array(grantScopeSchema),
    filters: grantFiltersSchema,
    granularity: granularitySchema,
  }),
  /** A write under a grant: records of the grantee's own source. */
  z.strictObject({ kind: z.literal('write'), grantId: grantIdSchema, source: sourceSchema }),
]);
export type Projection = z.infer<typeof projectionSchema>;

/**
 * Why an access was refused. Stable codes: the HTTP layer answers 403 CONSENT_DENIED
 * with one of these as the reason. Listed from the least to the most specific (the order
 * the grant checks run in): among several grants that all deny, the most specific
 * reason is given.
 */
export const DENY_REASONS = {
  DEFAULT_DENY: 'No rule allows this access.',
  NO_GRANT: 'No grant names this client (or the grant it presents does not exist).',
  GRANT_NOT_YOURS: 'The grant was given to another client.',
  WRONG_VAULT: 'The grant belongs to another person’s vault.',
  TYPE_NOT_GRANTED: 'This record type is not granted.',
  GRANT_REVOKED: 'The person revoked this grant.',
  GRANT_NOT_STARTED: 'The grant does not start yet.',
  GRANT_EXPIRED: 'The grant has expired.',
  VERB_NOT_GRANTED: 'The grant does not allow this action (read or write).',
  NOT_OWN_SOURCE: 'A source may only write its own data.',
  FIELD_NOT_GRANTED: 'A field asked for is not granted.',
  OUTSIDE_TIME_RANGE: 'The time range asked for goes outside the granted range.',
  SOURCE_NOT_GRANTED: 'A source asked for is not granted.',
  ACCOUNT_NOT_GRANTED: 'An account asked for is not granted.',
  GRANULARITY_TOO_FINE: 'The grant allows coarser data than asked for (e.g. monthly totals, not raw records).',
  GRANULARITY_NOT_GRANTED: 'The grant allows another kind of result (another insight, or no aggregates).',
} as const;
export type DenyReason = keyof typeof DENY_REASONS;
export const denyReasonSchema = z.enum(Object.keys(DENY_REASONS) as [DenyReason, ...DenyReason[]]);

export type Decision =
  | { allow: true; rule: string; projection: Projection }
  | { allow: false; reason: DenyReason; message: string; grantId?: Grant['id'] };

/** Everything a decision depends on; rules are pure functions of it. */
export interface PolicyInput {
  principal: Principal;
  action: Action;
  resource: Resource;
  /** The grants that may apply: those of the principal's client, in the vault accessed. */
  grants: readonly Grant[];
  /** The instant of the access, in epoch milliseconds. */
  nowMs: number;
}

const REASON_ORDER = Object.keys(DENY_REASONS) as DenyReason[];

/** How specific a reason is: a later check that failed says more than an earlier one. */
export function reasonRank(r: DenyReason): number {
  return REASON_ORDER.indexOf(r);
}

export function deny(reason: DenyReason, detail?: string, grantId?: Grant['id']): Decision & { allow: false } {
  return { allow: false, reason, message: detail ? `${DENY_REASONS[reason]} ${detail}` : DENY_REASONS[reason], ...(grantId ? { grantId } : {}) };
}
