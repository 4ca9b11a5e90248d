import { z } from 'zod';
import { instantSchema } from '../domain/time.ts';
import { canonicalJson, sha256Hex } from './canonical-json.ts';
import { grantIdSchema } from './grant.ts';
import { denyReasonSchema } from './policy-types.ts';

/**
 * One entry of the access log: who (principal kind and client id), under which grant,
 * did what (operation, read or write, which types, how many records), when, and whether
 * it was allowed. Each entry carries the hash of the previous one; its own hash is the
 * sha256 of the canonical JSON of every other member (see `entryHash`).
 */
export const accessEventSchema = z.strictObject({
  principalKind: z.enum(['app', 'organisation']),
  clientId: z.string().min(1),
  grantId: grantIdSchema.nullable(),
  /** The operation's name (`records.query`, `records.push` …). */
  operation: z.string().min(1),
  action: z.enum(['read', 'write']),
  types: z.array(z.string()),
  recordCount: z.number().int().nonnegative(),
  outcome: z.enum(['allowed', 'denied']),
  reason: denyReasonSchema.nullable(),
});
export type AccessEvent = z.infer<typeof accessEventSchema>;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const accessLogEntrySchema = accessEventSchema.extend({
  seq: z.number().int().positive(),
  at: instantSchema,
  prevHash: hex64,
  hash: hex64,
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

/** The members an entry's hash covers: every member but the hash itself. */
export function hashedMembers(e: Omit<AccessLogEntry, 'hash'>) {
  const { seq, at, principalKind, clientId, grantId, operation, action, types, recordCount, outcome, reason, prevHash } = e;
  return { seq, at, principalKind, clientId, grantId, operation, action, types, recordCount, outcome, reason, prevHash };
}

/**
 * The hash an entry must carry: sha256 over the canonical JSON (RFC 8785 key order) of
 * all its other members. Written out by hand in sorted key order because it runs on every
 * access; `canonicalJson(hashedMembers(e))` gives the same text (tested).
 */
export function entryHash(e: Omit<AccessLogEntry, 'hash'>): string {
  return sha256Hex(entryCanonicalJson(e));
}

export function entryCanonicalJson(e: Omit<AccessLogEntry, 'hash'>): string {
  const j = JSON.stringify;
  if (!Number.isFinite(e.seq) || !Number.isFinite(e.recordCount)) throw new TypeError('canonical JSON holds finite numbers only');
  return (
    `{"action":${j(e.action)},"at":${j(e.at)},"clientId":${j(e.clientId)},"grantId":${j(e.grantId)},"operation":${j(e.operation)},` +
    `"outcome":${j(e.outcome)},"prevHash":${j(e.prevHash)},"principalKind":${j(e.principalKind)},"reason":${j(e.reason)},` +
    `"recordCount":${j(e.recordCount)},"seq":${j(e.seq)},"types":${canonicalJson(e.types)}}`
  );
}

/** The `prevHash` of the first entry: binds the chain to its vault. */
export function genesisHash(vaultId: string): string {
  return sha256Hex(`mesinfos:access-log:${vaultId}`);
}

/** Chains events after `head` (the last entry written, or none). */
export function chainEntries(events: readonly (AccessEvent & { at: string })[], head: { seq: number; hash: string } | undefined, genesis: string): AccessLogEntry[] {
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? genesis;
  return events.map((ev) => {
    const base = { ...ev, seq: ++seq, prevHash: prev };
    const entry = { ...base, hash: entryHash(base) };
    prev = entry.hash;
    return entry;
  });
}

export const auditFilterSchema = z.strictObject({
  grantee: z.string().optional(),
  type: z.string().optional(),
  grantId: grantIdSchema.optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  limit: z.number().int().min(1).max(10_000).default(100),
  /** Newest first by default. */
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export const auditReportSchema = z.strictObject({
  ok: z.boolean(),
  /** How many entries were checked. */
  entries: z.number().int().nonnegative(),
  /** The last entry: note it to detect later deletion of the tail. */
  head: z.strictObject({ seq: z.number().int(), hash: z.string() }).nullable(),
  firstBroken: z
    .strictObject({
      seq: z.number().int(),
      kind: z.enum(['altered', 'missing', 'unlinked', 'truncated', 'unreadable']),
      message: z.string(),
    })
    .optional(),
});
export type AuditReport = z.infer<typeof auditReportSchema>;
