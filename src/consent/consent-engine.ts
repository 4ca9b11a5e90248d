import { z } from 'zod';
import { MesInfosError } from '../domain/errors.ts';
import { newGrantId, newId, type GrantId } from '../domain/ids.ts';
import { recordInputSchema, recordTypeSchema, sourceSchema } from '../domain/record.ts';
import type { Principal } from '../operations/operation.ts';
import type { ImportSummary } from '../store/record-store.ts';
import { SqliteRecordStore } from '../store/sqlite/sqlite-record-store.ts';
import type { Vault } from '../vault/vault.ts';
import { AccessLog } from './access-log.ts';
import { genesisHash, type AccessLogEntry, type AuditFilter, type AuditReport } from './access-log-entry.ts';
import type { ConsentStore } from './consent-store.ts';
import {
  boundInstant,
  dateOrInstantSchema,
  fieldPathSchema,
  grantRequestSchema,
  grantState,
  granularitySchema,
  type Grant,
  type GrantRequest,
  type GrantState,
  type Granularity,
} from './grant.ts';
import { Policy } from './policy.ts';
import type { Action, Decision, DenyReason, QueryResource, RecordResource, Resource } from './policy-types.ts';
import { runProjection, type DerivedInsight, type ReadResult } from './projection.ts';
import type { StoredReceipt } from './receipt-schema.ts';
import { signReceipt } from './receipts.ts';
import { loadOrCreateSigningKey, type PublicJwk, type VaultSigningKey } from './signing-key.ts';
import { SqliteConsentStore } from './sqlite-consent-store.ts';
import { topLevelFieldsOf, AGGREGATES } from './type-fields.ts';

/** The meta key of the vault's own id (grants and receipts name it). */
export const VAULT_ID_META = 'vaultId';

/** What a reader asks for. Dates mean UTC midnight; granularity defaults to the grant's. */
export const readRequestSchema = z.strictObject({
  types: z.array(recordTypeSchema).min(1),
  fields: z.array(fieldPathSchema).min(1).optional(),
  from: dateOrInstantSchema.optional(),
  to: dateOrInstantSchema.optional(),
  sources: z.array(sourceSchema).min(1).optional(),
  accounts: z.array(z.string().min(1)).min(1).optional(),
  granularity: granularitySchema.optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
  cursor: z.string().optional(),
});
export type ReadRequest = z.input<typeof readRequestSchema>;

export interface ConsentEngineOptions {
  /** The person's time zone: aggregate periods are local months, days… Default Europe/Paris. */
  timeZone?: string;
  /** Insights that `derived` grants may name. */
  derived?: Readonly<Record<string, DerivedInsight>>;
  /** The clock (tests set it). */
  now?: () => number;
}

/**
 * The consent engine of one vault: grants and their receipts, the policy deciding every
 * access, reads under a projection, and the access log. Free of HTTP: the server and the
 * CLI both call it. Every read or write by a principal other than the owner is logged,
 * allowed or denied.
 */
export class ConsentEngine {
  readonly log: AccessLog;
  private readonly policy: Policy;
  private readonly now: () => number;

  constructor(
    readonly vault: Vault,
    readonly vaultId: string,
    private readonly store: ConsentStore,
    private readonly key: VaultSigningKey,
    private readonly opts: ConsentEngineOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.log = new AccessLog(store, genesisHash(vaultId), this.now);
    this.policy = new Policy({ grantsOf: (clientId) => store.listGrants(clientId), now: this.now });
  }

  /** The vault's public signing key, as a JWK with its kid. */
  get publicJwk(): PublicJwk {
    return this.key.publicJwk;
  }

  // ---- grants --------------------------------------------------------------------

  /** Makes a grant and its signed receipt. Fields left out mean every field (or the type's numeric field for aggregates). */
  async createGrant(request: GrantRequest): Promise<{ grant: Grant; receipt: StoredReceipt }> {
    const parsed = grantRequestSchema.safeParse(request);
    if (!parsed.success) {
      const faults = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      throw new MesInfosError('GRANT_INVALID', `The grant is not valid: ${faults.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ')}`, { faults });
    }
    const r = parsed.data;
    if (r.granularity.kind === 'derived' && this.opts.derived && !this.opts.derived[r.granularity.insight])
      throw new MesInfosError('GRANT_INVALID', `No insight is named "${r.granularity.insight}" (known: ${Object.keys(this.opts.derived).join(', ') || 'none'}).`);
    const nowIso = new Date(this.now()).toISOString();
    const grant: Grant = {
      id: newGrantId(),
      vaultId: this.vaultId,
      grantee: r.grantee,
      scopes: r.scopes.map((s) => ({ type: s.type, fields: s.fields ?? defaultFields(s.type, r.granularity) })),
      filters: r.filters,
      granularity: r.granularity,
      purpose: r.purpose,
      legalBasis: r.legalBasis,
      verbs: [...new Set(r.verbs)],
      ...(r.writeSource ? { writeSource: r.writeSource } : {}),
      validFrom: r.validFrom ?? nowIso,
      validUntil: r.validUntil,
      ...(r.terms ? { terms: r.terms } : {}),
      createdAt: nowIso,
      revokedAt: null,
      revocationReason: null,
    };
    if (this.now() >= Date.parse(grant.validUntil)) throw new MesInfosError('GRANT_INVALID', `The grant would already be expired (until ${grant.validUntil}).`);
    const receipt = await signReceipt(grant, { vaultId: this.vaultId, key: this.key, event: 'given', issuedAt: nowIso, receiptId: newId() });
    await this.store.saveGrant(grant, receipt);
    return { grant, receipt };
  }

  async getGrant(id: GrantId | string): Promise<Grant> {
    const g = await this.store.getGrant(id);
    if (!g) throw new MesInfosError('GRANT_NOT_FOUND', `No grant with id ${id}.`);
    return g;
  }

  /** Grants, newest first, with their state now; `live` keeps the active and pending ones. */
  async listGrants(opts: { clientId?: string; live?: boolean } = {}): Promise<(Grant & { state: GrantState })[]> {
    const now = this.now();
    return (await this.store.listGrants(opts.clientId))
      .map((g) => ({ ...g, state: grantState(g, now) }))
      .filter((g) => !opts.live || g.state === 'active' || g.state === 'pending');
  }

  /** The state of a grant now. */
  stateOf(grant: Grant): GrantState {
    return grantState(grant, this.now());
  }

  /** Revokes a grant: it allows nothing from the next request on. Produces a withdrawal receipt. */
  async revokeGrant(id: GrantId | string, reason?: string): Promise<{ grant: Grant; receipt: StoredReceipt }> {
    const g = await this.getGrant(id);
    if (g.revokedAt !== null) throw new MesInfosError('GRANT_INVALID', `Grant ${id} was already revoked at ${g.revokedAt}.`);
    const nowIso = new Date(this.now()).toISOString();
    const grant: Grant = { ...g, revokedAt: nowIso, revocationReason: reason?.trim() || null };
    const receipt = await signReceipt(grant, { vaultId: this.vaultId, key: this.key, event: 'withdrawn', issuedAt: nowIso, receiptId: newId() });
    await this.store.saveRevocation(grant, receipt);
    return { grant, receipt };
  }

  /** The receipts of a grant, oldest first (given, then withdrawn). */
  async receipts(id: GrantId | string): Promise<StoredReceipt[]> {
    await this.getGrant(id);
    return this.store.receipts(id);
  }

  // ---- decisions -----------------------------------------------------------------

  /** Decides one access against the grants as stored now (a revocation counts at once). */
  decide(principal: Principal, action: Action, resource: Resource): Promise<Decision> {
    return this.policy.decide(principal, action, resource);
  }

  /**
   * Reads as `principal`: decides, applies the projection in the vault, and logs the access
   * (allowed or denied) unless the principal is the owner. Throws CONSENT_DENIED with the
   * reason code in `details.reason`.
   */
  async read(principal: Principal, request: ReadRequest, operation = 'records.read', log = true): Promise<ReadResult> {
    const q = readRequestSchema.parse(request);
    const granularity = q.granularity ?? (await this.defaultGranularity(principal, q.types));
    const resource: QueryResource = {
      kind: 'query',
      vaultId: this.vaultId,
      types: q.types,
      granularity,
      ...(q.fields ? { fields: q.fields } : {}),
      ...(q.from ? { from: boundInstant(q.from) } : {}),
      ...(q.to ? { to: boundInstant(q.to) } : {}),
      ...(q.sources ? { sources: q.sources } : {}),
      ...(q.accounts ? { accounts: q.accounts } : {}),
    };
    const decision = await this.decide(principal, 'read', resource);
    const shouldLog = log && principal.kind !== 'owner';
    if (!decision.allow) {
      if (shouldLog) await this.logAccess(principal, decision.grantId ?? null, operation, 'read', q.types, 0, decision.reason);
      throw new MesInfosError('CONSENT_DENIED', decision.message, { reason: decision.reason });
    }
    const p = decision.projection;
    const plan =
      p.kind === 'read'
        ? p
        : { scopes: q.types.map((type) => ({ type, ...(q.fields ? { fields: q.fields } : {}) })), filters: { from: resource.from, to: resource.to, sources: resource.sources, accounts: resource.accounts }, granularity };
    const { result, recordCount } = await runProjection(this.vault.store, plan, {
      ...(q.limit ? { limit: q.limit } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
      timeZone: this.opts.timeZone ?? 'Europe/Paris',
      ...(this.opts.derived ? { derived: this.opts.derived } : {}),
    });
    if (shouldLog) await this.logAccess(principal, p.kind === 'read' ? p.grantId : null, operation, 'read', q.types, recordCount, null);
    return result;
  }

  /**
   * What the grantee of `grantId` would receive for this request, for the owner to
   * check: decided and projected exactly as for the grantee, but NOT logged as the
   * grantee's access (the owner is looking, not the grantee).
   */
  async preview(grantId: GrantId | string, request: ReadRequest): Promise<ReadResult> {
    const g = await this.getGrant(grantId);
    const principal: Principal = { kind: g.grantee.kind, clientId: g.grantee.clientId, grantId: g.id };
    return this.read(principal, request, 'grants.query', false);
  }

  /** The granularity of the grant that would serve the read: the one presented, or the client's live grant for these types. */
  private async defaultGranularity(principal: Principal, types: readonly string[]): Promise<Granularity> {
    if (principal.kind === 'owner') return { kind: 'raw' };
    // The client's grants, from the store's cache that the policy reads next: a grant id
    // belonging to another client finds nothing here, and the policy denies it NO_GRANT.
    const grants = await this.store.listGrants(principal.clientId);
    const now = this.now();
    const fit = principal.grantId
      ? grants.find((g) => g.id === principal.grantId)
      : grants.find((g) => grantState(g, now) === 'active' && types.every((t) => g.scopes.some((s) => s.type === t)));
    return fit?.granularity ?? { kind: 'raw' };
  }

  /**
   * A source pushes records of its own: every record must be allowed (type granted,
   * its own source); then they are imported all or nothing and the write is logged.
   */
  async write(principal: Principal, records: readonly unknown[], operation = 'records.push'): Promise<ImportSummary> {
    const types = new Set<string>();
    let grantId: GrantId | null = null;
    // A write decision depends on the record's type and source only: decide once per pair.
    const decided = new Map<string, Decision>();
    for (const [i, raw] of records.entries()) {
      const env = recordInputSchema.safeParse(raw);
      if (!env.success) throw new MesInfosError('IMPORT_INVALID', `Record ${i} is not a record: ${env.error.issues[0]?.message ?? 'invalid'}.`);
      const r = env.data;
      types.add(r.type);
      const key = `${r.type}\u0000${r.source}`;
      let d = decided.get(key);
      if (!d) {
        const resource: RecordResource = { kind: 'record', vaultId: this.vaultId, type: r.type, source: r.source, occurredAt: r.occurredAt };
        d = await this.decide(principal, 'write', resource);
        decided.set(key, d);
      }
      if (!d.allow) {
        if (principal.kind !== 'owner') await this.logAccess(principal, d.grantId ?? null, operation, 'write', [...types], 0, d.reason);
        throw new MesInfosError('CONSENT_DENIED', `Record ${i}: ${d.message}`, { reason: d.reason, index: i });
      }
      if (d.projection.kind === 'write') grantId = d.projection.grantId;
    }
    const summary = await this.vault.importRecords({
      records: async function* () {
        yield* records;
      },
      meta: { format: operation, fileName: null, fileHash: null },
    });
    if (principal.kind !== 'owner') await this.logAccess(principal, grantId, operation, 'write', [...types], summary.counts.inserted + summary.counts.updated, null);
    return summary;
  }

  /** Appends an access to the log; `denied` is the reason when it was refused, null when allowed. */
  private logAccess(principal: Principal, grantId: GrantId | null, operation: string, action: Action, types: string[], recordCount: number, denied: DenyReason | null): Promise<AccessLogEntry> {
    if (principal.kind === 'owner') throw new Error('the owner’s own accesses are not logged');
    return this.log.append({
      principalKind: principal.kind,
      clientId: principal.clientId,
      grantId: grantId ?? (principal.grantId as GrantId | undefined) ?? null,
      operation,
      action,
      types,
      recordCount,
      outcome: denied === null ? 'allowed' : 'denied',
      reason: denied,
    });
  }

  // ---- audit ---------------------------------------------------------------------

  audit(filter: AuditFilter = {}): Promise<AccessLogEntry[]> {
    return this.log.list(filter);
  }

  verifyAudit(): Promise<AuditReport> {
    return this.log.verify();
  }

  /** Waits for pending log entries (call before closing the vault). */
  close(): Promise<void> {
    return this.log.drain();
  }
}

function defaultFields(type: Grant['scopes'][number]['type'], g: Granularity): string[] {
  const agg = AGGREGATES[type];
  if (g.kind === 'aggregate' && agg) return agg.groupBy ? [agg.field, agg.groupBy] : [agg.field];
  return topLevelFieldsOf(type);
}

/**
 * Builds the consent engine of an open vault: applies the consent tables' migrations,
 * gives the vault an id and an Ed25519 signing key on first use (kept in the encrypted
 * vault). The composition root calls it once after opening the vault.
 */
export async function createConsentEngine(vault: Vault, opts: ConsentEngineOptions = {}): Promise<ConsentEngine> {
  if (!(vault.store instanceof SqliteRecordStore)) throw new Error('the consent engine needs the SQLite vault (a PostgreSQL consent store is not written yet)');
  const store = await SqliteConsentStore.open(vault.store);
  let vaultId = await vault.store.getMeta(VAULT_ID_META);
  if (vaultId === undefined) {
    vaultId = newId();
    await vault.store.setMeta(VAULT_ID_META, vaultId);
  }
  const key = await loadOrCreateSigningKey(vault.store);
  return new ConsentEngine(vault, vaultId, store, key, opts);
}
