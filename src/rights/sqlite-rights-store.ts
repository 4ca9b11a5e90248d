import type { SqliteRecordStore } from '../store/sqlite/sqlite-record-store.ts';
import type { Migration } from '../store/sqlite/migrations.ts';
import { rightsRequestSchema, type RightsRequest, type RightsStatus } from './rights-request.ts';

/**
 * Where rights requests are kept. An implementation MUST save a request and its whole
 * history atomically (a reader never sees a status without the history entry that led to
 * it) and list requests newest first. Example:
 *   await store.save(request); (await store.list({ source: 'org:gaz-reseau' }))[0]
 */
export interface RightsStore {
  save(request: RightsRequest): Promise<void>;
  /** Saves several requests in one transaction (the loop creates a batch at once). */
  saveAll(requests: readonly RightsRequest[]): Promise<void>;
  get(id: string): Promise<RightsRequest | undefined>;
  /** Stored requests, newest first (their stored status: the service derives overdue). */
  list(filter?: { source?: string }): Promise<RightsRequest[]>;
}

/** Rights tables: versions 600–649 belong to the rights module. */
export const RIGHTS_MIGRATIONS: Migration[] = [
  {
    version: 600,
    name: 'rights requests',
    up(db) {
      db.exec(`
        CREATE TABLE rights_requests (
          id TEXT PRIMARY KEY,
          organisation_source TEXT NOT NULL,
          kind TEXT NOT NULL,
          status TEXT NOT NULL,
          request_json TEXT NOT NULL,
          created_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX rights_requests_org ON rights_requests (organisation_source, status);
      `);
    },
  },
];

/** The RightsStore in the vault's encrypted SQLite file; writes go through the record store's one writer. */
export class SqliteRightsStore implements RightsStore {
  private readonly st;

  private constructor(private readonly records: SqliteRecordStore) {
    this.st = {
      upsert: records.writer.prepare(
        'INSERT INTO rights_requests (id, organisation_source, kind, status, request_json, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, request_json = excluded.request_json',
      ),
      get: records.reader.prepare('SELECT request_json FROM rights_requests WHERE id = ?'),
    };
  }

  /** Applies the rights migrations to an open store and returns the adapter. */
  static async open(records: SqliteRecordStore): Promise<SqliteRightsStore> {
    await records.applyMigrations(RIGHTS_MIGRATIONS);
    return new SqliteRightsStore(records);
  }

  save(request: RightsRequest): Promise<void> {
    return this.saveAll([request]);
  }

  async saveAll(requests: readonly RightsRequest[]): Promise<void> {
    await this.records.inWriteTransaction(() => {
      for (const r of requests) this.st.upsert.run(r.id, r.organisation.source, r.kind, r.status, JSON.stringify(r), r.createdAt);
    });
  }

  async get(id: string): Promise<RightsRequest | undefined> {
    const row = this.st.get.get(id) as { request_json: string } | undefined;
    return row ? rightsRequestSchema.parse(JSON.parse(row.request_json)) : undefined;
  }

  async list(filter: { source?: string } = {}): Promise<RightsRequest[]> {
    const bySource = filter.source !== undefined;
    const sql = `SELECT request_json FROM rights_requests ${bySource ? 'WHERE organisation_source = ?' : ''} ORDER BY created_at DESC, id DESC`;
    const rows = this.records.reader.prepare(sql).all(...(bySource ? [filter.source] : [])) as { request_json: string }[];
    return rows.map((r) => rightsRequestSchema.parse(JSON.parse(r.request_json)));
  }
}
