import { Kysely, SqliteDialect, sql, type SelectQueryBuilder } from 'kysely';
import { MesInfosError } from '../../domain/errors.ts';
import type { ImportId, RecordId } from '../../domain/ids.ts';
import type { StoredRecord } from '../../domain/record.ts';
import { toEpochMs } from '../../domain/time.ts';
import { foldHourly, type HourlyPartial } from '../aggregate-buckets.ts';
import type {
  AggregateQuery,
  AggregateRow,
  ImportSummary,
  RecordPage,
  RecordQuery,
  RecordRevision,
  RecordStore,
  StoreStats,
  WriteSession,
} from '../record-store.ts';
import { migrate, registerMigrations, type Migration } from './migrations.ts';
import { bumpDataVersion, DATA_VERSION_META, SqliteWriteSession } from './sqlite-write-session.ts';
import {
  decodeCursor,
  encodeCursor,
  ftsQuery,
  rowToImport,
  rowToRecord,
  type ImportRow,
  type RecordRow,
} from './row-mapping.ts';
import type { Statement } from 'better-sqlite3';
import { openEncryptedDatabase, rekeyDatabase, type OpenOptions, type SqliteDb } from './sqlite-database.ts';

interface Tables {
  records: RecordRow & { deleted_reason: string | null };
}

/**
 * The RecordStore on an encrypted SQLite file. Two connections: one writer (all write
 * sessions, serialised) and one reader, so that readers never see an uncommitted import
 * (WAL gives them the last committed state).
 */
export class SqliteRecordStore implements RecordStore {
  readonly writer: SqliteDb;
  private readerDb: SqliteDb;
  private kysely: Kysely<Tables>;
  private writeQueue: Promise<void> = Promise.resolve();

  private constructor(
    writer: SqliteDb,
    reader: SqliteDb,
    private readonly opts: OpenOptions,
  ) {
    this.writer = writer;
    this.readerDb = reader;
    this.kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database: reader }) });
  }

  /** Prepared statements of the reader, by SQL: preparing costs more than a primary-key lookup. */
  private readonly statements = new Map<string, Statement>();

  private stmt(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.readerDb.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** The read connection (sees committed data only). */
  get reader(): SqliteDb {
    return this.readerDb;
  }

  /** Re-encrypts the file under a new passphrase; both connections continue with it. */
  async rekey(newPassphrase: string): Promise<void> {
    const w = await this.beginWrite();
    await w.rollback();
    await this.kysely.destroy();
    this.statements.clear();
    this.readerDb.close();
    rekeyDatabase(this.writer, newPassphrase);
    this.readerDb = openEncryptedDatabase({ ...this.opts, passphrase: newPassphrase, create: false });
    this.kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database: this.readerDb }) });
  }

  /** Opens (or, with `create`, creates) a store and applies pending migrations. */
  static open(opts: OpenOptions): SqliteRecordStore {
    if (opts.path === ':memory:') throw new Error('SqliteRecordStore needs a file: it uses a writer and a reader connection');
    const writer = openEncryptedDatabase(opts);
    try {
      migrate(writer);
      const reader = openEncryptedDatabase({ ...opts, create: false });
      return new SqliteRecordStore(writer, reader, { ...opts, create: false });
    } catch (e) {
      writer.close();
      throw e;
    }
  }

  async beginWrite(): Promise<WriteSession> {
    let release!: () => void;
    const previous = this.writeQueue;
    this.writeQueue = new Promise<void>((r) => (release = r));
    await previous;
    try {
      this.writer.exec('BEGIN IMMEDIATE');
    } catch (e) {
      release();
      throw e;
    }
    return new SqliteWriteSession(this.writer, release);
  }

  async get(id: RecordId): Promise<StoredRecord | undefined> {
    const row = this.stmt('SELECT * FROM records WHERE id = ? AND deleted_at IS NULL').get(id) as RecordRow | undefined;
    return row ? rowToRecord(row) : undefined;
  }

  async revisions(id: RecordId): Promise<RecordRevision[]> {
    const cur = this.stmt('SELECT * FROM records WHERE id = ?').get(id) as RecordRow | undefined;
    if (!cur) throw new MesInfosError('RECORD_NOT_FOUND', `No record with id ${id}.`);
    const rows = this.stmt('SELECT * FROM record_revisions WHERE record_seq = ? ORDER BY revision')
      .all(cur.seq) as { revision: number; revised_by: string; occurred_at: number; data: string; import_id: string | null; reason: string | null; at: number }[];
    const out: RecordRevision[] = rows.map((r) => ({
      revision: r.revision,
      revisedBy: r.revised_by === 'person' ? 'person' : 'source',
      occurredAt: new Date(r.occurred_at).toISOString(),
      data: JSON.parse(r.data) as Record<string, unknown>,
      importId: r.import_id as ImportId | null,
      reason: r.reason,
      at: new Date(r.at).toISOString(),
    }));
    out.push({
      revision: cur.revision,
      revisedBy: cur.revised_by === 'person' ? 'person' : 'source',
      occurredAt: new Date(cur.occurred_at).toISOString(),
      data: JSON.parse(cur.data) as Record<string, unknown>,
      importId: cur.import_id as ImportId | null,
      reason: cur.revision_reason,
      at: new Date(cur.updated_at).toISOString(),
    });
    return out;
  }

  private filtered(q: Omit<RecordQuery, 'limit' | 'cursor'>): SelectQueryBuilder<Tables, 'records', object> {
    let b = this.kysely.selectFrom('records').where('deleted_at', 'is', null);
    if (q.types?.length) b = b.where('type', 'in', q.types);
    if (q.sources?.length) b = b.where('source', 'in', q.sources);
    if (q.from) b = b.where('occurred_at', '>=', toEpochMs(q.from));
    if (q.to) b = b.where('occurred_at', '<', toEpochMs(q.to));
    if (q.text !== undefined && q.text.trim() !== '') {
      const m = ftsQuery(q.text);
      if (m === null) b = b.where(sql<boolean>`0`);
      else b = b.where('seq', 'in', sql<number>`(SELECT rowid FROM records_fts WHERE records_fts MATCH ${m})`);
    }
    return b;
  }

  async query(q: RecordQuery): Promise<RecordPage> {
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
    const desc = q.order === 'desc';
    let b = this.filtered(q);
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      if (!c) throw new MesInfosError('INPUT_INVALID', 'The cursor is not one this vault gave.');
      // A row-value comparison: SQLite seeks the (type, occurred_at, seq) index to it, where
      // the equivalent OR of two comparisons scanned every earlier entry again on each page.
      b = b.where(desc ? sql<boolean>`(occurred_at, seq) < (${c.occurredAt}, ${c.seq})` : sql<boolean>`(occurred_at, seq) > (${c.occurredAt}, ${c.seq})`);
    }
    const rows = (await b
      .selectAll()
      .orderBy('occurred_at', desc ? 'desc' : 'asc')
      .orderBy('seq', desc ? 'desc' : 'asc')
      .limit(limit + 1)
      .execute()) as RecordRow[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return { records: page.map(rowToRecord), nextCursor: more && last ? encodeCursor(last.occurred_at, last.seq) : null };
  }

  async *iterate(q: Omit<RecordQuery, 'limit' | 'cursor'> = {}): AsyncIterable<StoredRecord> {
    let cursor: string | undefined;
    do {
      const page = await this.query({ ...q, limit: 2000, ...(cursor ? { cursor } : {}), order: 'asc' });
      for (const r of page.records) yield r;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async count(q: Omit<RecordQuery, 'limit' | 'cursor'> = {}): Promise<number> {
    const r = await this.filtered(q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async aggregate(q: AggregateQuery): Promise<AggregateRow[]> {
    if (!/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(q.field)) throw new MesInfosError('INPUT_INVALID', `"${q.field}" is not a field path.`);
    if (q.groupBy !== undefined && !/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(q.groupBy))
      throw new MesInfosError('INPUT_INVALID', `"${q.groupBy}" is not a field path.`);
    const value = sql<number>`json_extract(data, ${'$.' + q.field})`;
    const group = q.groupBy ? sql<string | null>`json_extract(data, ${'$.' + q.groupBy})` : sql<null>`NULL`;
    const parts = (await this.filtered({ types: [q.type], ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.sources ? { sources: q.sources } : {}) })
      .where(value, 'is not', null)
      .select([
        sql<number>`occurred_at / 3600000`.as('hour'),
        group.as('grp'),
        sql<number>`sum(${value})`.as('sum'),
        sql<number>`count(*)`.as('count'),
        sql<number>`min(${value})`.as('min'),
        sql<number>`max(${value})`.as('max'),
      ])
      .groupBy(['hour', 'grp'])
      .execute()) as { hour: number; grp: string | null; sum: number; count: number; min: number; max: number }[];
    const partials: HourlyPartial[] = parts.map((p) => ({ hour: p.hour, group: p.grp === null ? null : String(p.grp), sum: p.sum, count: p.count, min: p.min, max: p.max }));
    return foldHourly(partials, q);
  }

  /**
   * A counter in the file, moved on by the commits that change records, blobs or meta —
   * not by the access log, grants or other modules' tables, so a logged read by an app
   * does not throw every insight's cache away. Other processes' commits count too.
   */
  async dataVersion(): Promise<string> {
    return String(this.metaCounter(DATA_VERSION_META));
  }

  /** A counter kept in `meta` (0 when never bumped): see bumpMetaCounter. */
  metaCounter(key: string): number {
    return Number((this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? 0);
  }

  async stats(): Promise<StoreStats> {
    const byType: Record<string, number> = {};
    const bySource: Record<string, number> = {};
    let total = 0;
    for (const r of this.stmt('SELECT type, source, count(*) AS n FROM records WHERE deleted_at IS NULL GROUP BY type, source').all() as {
      type: string;
      source: string;
      n: number;
    }[]) {
      byType[r.type] = (byType[r.type] ?? 0) + r.n;
      bySource[r.source] = (bySource[r.source] ?? 0) + r.n;
      total += r.n;
    }
    const blobs = (this.stmt('SELECT count(*) AS n FROM blobs').get() as { n: number }).n;
    const imports = (this.stmt('SELECT count(*) AS n FROM imports').get() as { n: number }).n;
    return { total, byType, bySource, blobs, imports };
  }

  async getBlob(hash: string): Promise<{ bytes: Uint8Array; mediaType: string } | undefined> {
    const r = this.stmt('SELECT bytes, media_type FROM blobs WHERE sha256 = ?').get(hash) as { bytes: Buffer; media_type: string } | undefined;
    return r ? { bytes: new Uint8Array(r.bytes), mediaType: r.media_type } : undefined;
  }

  async listImports(limit = 100): Promise<ImportSummary[]> {
    return (this.stmt('SELECT * FROM imports ORDER BY started_at DESC, id DESC LIMIT ?').all(limit) as ImportRow[]).map(rowToImport);
  }

  async getImport(id: string): Promise<ImportSummary | undefined> {
    const r = this.stmt('SELECT * FROM imports WHERE id = ?').get(id) as ImportRow | undefined;
    return r ? rowToImport(r) : undefined;
  }

  async recordImport(summary: ImportSummary): Promise<void> {
    const w = await this.beginWrite();
    try {
      await w.recordImport(summary);
      await w.commit();
    } catch (e) {
      await w.rollback();
      throw e;
    }
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  /**
   * Runs `fn` on the writer inside a write transaction (the write lock, as for an import):
   * other modules' tables (consent, clients, rights, intents) commit or roll back with it.
   * `fn` is synchronous, so nothing else can slip into the transaction.
   */
  async inWriteTransaction<T>(fn: (writer: SqliteDb) => T): Promise<T> {
    const session = await this.beginWrite();
    let out: T;
    try {
      out = fn(this.writer);
    } catch (e) {
      await session.rollback();
      throw e;
    }
    await session.commit();
    return out;
  }

  /** Registers a module's migrations (its own range of versions) and applies the pending ones. */
  async applyMigrations(list: Migration[]): Promise<void> {
    registerMigrations(list);
    await this.inWriteTransaction((writer) => migrate(writer));
  }

  async setMeta(key: string, value: string): Promise<void> {
    // Through a write transaction: it takes the write lock, so it cannot land inside someone
    // else's transaction (and be rolled back with it).
    await this.inWriteTransaction((writer) => {
      writer.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
      bumpDataVersion(writer);
    });
  }

  async close(): Promise<void> {
    await this.writeQueue;
    await this.kysely.destroy();
    if (this.readerDb.open) this.readerDb.close();
    if (this.writer.open) {
      this.writer.pragma('wal_checkpoint(TRUNCATE)');
      this.writer.close();
    }
  }
}
