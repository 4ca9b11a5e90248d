import type { GrantId } from '../domain/ids.ts';
import { bumpMetaCounter } from '../store/sqlite/sqlite-write-session.ts';
import type { SqliteRecordStore } from '../store/sqlite/sqlite-record-store.ts';
import type { Migration } from '../store/sqlite/migrations.ts';
import type { AccessLogEntry, AuditFilter } from './access-log-entry.ts';
import { auditFilterSchema } from './access-log-entry.ts';
import type { ConsentStore } from './consent-store.ts';
import { grantSchema, type Grant } from './grant.ts';
import { storedReceiptSchema, type StoredReceipt } from './receipt-schema.ts';

/** The meta key counting grant changes (see SqliteConsentStore's cache). */
export const GRANTS_VERSION_META = 'consent.grantsVersion';

/** Consent tables: versions 100–199 belong to the consent module. */
export const CONSENT_MIGRATIONS: Migration[] = [
  {
    version: 100,
    name: 'consent grants, receipts, access log',
    up(db) {
      db.exec(`
        CREATE TABLE consent_grants (
          id TEXT PRIMARY KEY,
          client_id TEXT NOT NULL,
          grant_json TEXT NOT NULL,
          created_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX consent_grants_client ON consent_grants (client_id);
        CREATE TABLE consent_receipts (
          id TEXT PRIMARY KEY,
          grant_id TEXT NOT NULL,
          event TEXT NOT NULL,
          issued_at TEXT NOT NULL,
          jws TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX consent_receipts_grant ON consent_receipts (grant_id, issued_at);
        CREATE TABLE access_log (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          principal_kind TEXT NOT NULL,
          client_id TEXT NOT NULL,
          grant_id TEXT,
          operation TEXT NOT NULL,
          action TEXT NOT NULL,
          types TEXT NOT NULL,
          record_count INTEGER NOT NULL,
          outcome TEXT NOT NULL,
          reason TEXT,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        );
        CREATE INDEX access_log_client ON access_log (client_id, seq);
        CREATE INDEX access_log_at ON access_log (at);
      `);
    },
  },
];

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

interface LogRow {
  seq: number;
  at: string;
  principal_kind: string;
  client_id: string;
  grant_id: string | null;
  operation: string;
  action: string;
  types: string;
  record_count: number;
  outcome: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** A log row as the chain sees it (members named as in AccessLogEntry), unvalidated. */
export function logRowToEntry(r: LogRow): Record<string, unknown> {
  let types: unknown;
  try {
    types = JSON.parse(r.types);
  } catch {
    types = r.types; // left as stored: verification reports it unreadable
  }
  return {
    seq: r.seq,
    at: r.at,
    principalKind: r.principal_kind,
    clientId: r.client_id,
    grantId: r.grant_id,
    operation: r.operation,
    action: r.action,
    types,
    recordCount: r.record_count,
    outcome: r.outcome,
    reason: r.reason,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * The ConsentStore in the vault's own encrypted SQLite file, beside the records. Writes go
 * through the record store's write queue (one writer), reads through its reader.
 */
export class SqliteConsentStore implements ConsentStore {
  private readonly st;
  /**
   * Parsed grants per client, valid while the grants version in `meta` is unchanged. Every
   * grant change bumps the version in its own transaction, so a revocation made by another
   * process (the CLI while the server runs) is seen on the very next decision.
   */
  private cache = { version: -1, byClient: new Map<string, Grant[]>() };

  private constructor(private readonly records: SqliteRecordStore) {
    const w = records.writer;
    const r = records.reader;
    this.st = {
      insertGrant: w.prepare('INSERT INTO consent_grants (id, client_id, grant_json, created_at) VALUES (?, ?, ?, ?)'),
      updateGrant: w.prepare('UPDATE consent_grants SET grant_json = ? WHERE id = ?'),
      insertReceipt: w.prepare('INSERT INTO consent_receipts (id, grant_id, event, issued_at, jws) VALUES (?, ?, ?, ?, ?)'),
      getGrant: r.prepare('SELECT grant_json FROM consent_grants WHERE id = ?'),
      grantsOf: r.prepare('SELECT grant_json FROM consent_grants WHERE client_id = ? ORDER BY created_at DESC, id DESC'),
      allGrants: r.prepare('SELECT grant_json FROM consent_grants ORDER BY created_at DESC, id DESC'),
      receipts: r.prepare('SELECT id, grant_id, event, issued_at, jws FROM consent_receipts WHERE grant_id = ? ORDER BY issued_at, id'),
      head: w.prepare('SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1'),
      append: w.prepare(
        'INSERT INTO access_log (seq, at, principal_kind, client_id, grant_id, operation, action, types, record_count, outcome, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      rowsAfter: r.prepare('SELECT * FROM access_log WHERE seq > ? ORDER BY seq LIMIT 1000'),
      highWater: r.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'access_log'"),
    };
  }

  /** Applies the consent migrations to an open store and returns the adapter. */
  static async open(records: SqliteRecordStore): Promise<SqliteConsentStore> {
    await records.applyMigrations(CONSENT_MIGRATIONS);
    return new SqliteConsentStore(records);
  }

  async saveGrant(grant: Grant, receipt: StoredReceipt): Promise<void> {
    await this.records.inWriteTransaction(() => {
      this.st.insertGrant.run(grant.id, grant.grantee.clientId, JSON.stringify(grant), grant.createdAt);
      this.insertReceipt(receipt);
      bumpMetaCounter(this.records.writer, GRANTS_VERSION_META);
    });
  }

  async saveRevocation(grant: Grant, receipt: StoredReceipt): Promise<void> {
    await this.records.inWriteTransaction(() => {
      this.st.updateGrant.run(JSON.stringify(grant), grant.id);
      this.insertReceipt(receipt);
      bumpMetaCounter(this.records.writer, GRANTS_VERSION_META);
    });
  }

  private insertReceipt(r: StoredReceipt): void {
    this.st.insertReceipt.run(r.id, r.grantId, r.event, r.issuedAt, r.jws);
  }

  async getGrant(id: GrantId | string): Promise<Grant | undefined> {
    const row = this.st.getGrant.get(id) as { grant_json: string } | undefined;
    return row ? grantSchema.parse(JSON.parse(row.grant_json)) : undefined;
  }

  async listGrants(clientId?: string): Promise<Grant[]> {
    if (clientId === undefined) return (this.st.allGrants.all() as { grant_json: string }[]).map((r) => grantSchema.parse(JSON.parse(r.grant_json)));
    const version = this.records.metaCounter(GRANTS_VERSION_META);
    if (version !== this.cache.version) this.cache = { version, byClient: new Map() };
    let grants = this.cache.byClient.get(clientId);
    if (!grants) {
      grants = (this.st.grantsOf.all(clientId) as { grant_json: string }[]).map((r) => deepFreeze(grantSchema.parse(JSON.parse(r.grant_json))));
      this.cache.byClient.set(clientId, grants);
    }
    return [...grants];
  }

  async receipts(grantId: GrantId | string): Promise<StoredReceipt[]> {
    const rows = this.st.receipts.all(grantId) as { id: string; grant_id: string; event: string; issued_at: string; jws: string }[];
    return rows.map((r) => storedReceiptSchema.parse({ id: r.id, grantId: r.grant_id, event: r.event, issuedAt: r.issued_at, jws: r.jws }));
  }

  async appendLog(chainOn: (head: { seq: number; hash: string } | undefined) => AccessLogEntry[]): Promise<AccessLogEntry[]> {
    return this.records.inWriteTransaction(() => {
      const head = this.st.head.get() as { seq: number; hash: string } | undefined;
      const entries = chainOn(head);
      for (const e of entries)
        this.st.append.run(e.seq, e.at, e.principalKind, e.clientId, e.grantId, e.operation, e.action, JSON.stringify(e.types), e.recordCount, e.outcome, e.reason, e.prevHash, e.hash);
      return entries;
    });
  }

  async listLog(filter: AuditFilter): Promise<AccessLogEntry[]> {
    const f = auditFilterSchema.parse(filter);
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (f.grantee !== undefined) (where.push('client_id = ?'), args.push(f.grantee));
    if (f.grantId !== undefined) (where.push('grant_id = ?'), args.push(f.grantId));
    if (f.type !== undefined) (where.push('EXISTS (SELECT 1 FROM json_each(access_log.types) WHERE value = ?)'), args.push(f.type));
    if (f.from !== undefined) (where.push('at >= ?'), args.push(f.from));
    if (f.to !== undefined) (where.push('at < ?'), args.push(f.to));
    const sql = `SELECT * FROM access_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq ${f.order === 'asc' ? 'ASC' : 'DESC'} LIMIT ?`;
    const rows = this.records.reader.prepare(sql).all(...args, f.limit) as LogRow[];
    return rows.map((r) => logRowToEntry(r) as AccessLogEntry);
  }

  async *iterateLogRows(): AsyncIterable<Record<string, unknown>> {
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = this.st.rowsAfter.all(after) as LogRow[];
      for (const r of rows) yield logRowToEntry(r);
      const last = rows[rows.length - 1];
      if (!last || rows.length < 1000) return;
      after = last.seq;
    }
  }

  async logHighWater(): Promise<number> {
    return (this.st.highWater.get() as { seq: number } | undefined)?.seq ?? 0;
  }
}
