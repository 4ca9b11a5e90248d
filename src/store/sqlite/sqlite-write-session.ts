import { createHash } from 'node:crypto';
import { MesInfosError } from '../../domain/errors.ts';
import { newRecordId, type ImportId, type RecordId } from '../../domain/ids.ts';
import { searchTextOf, type StoredRecord } from '../../domain/record.ts';
import type { BlobRef } from '../../domain/types/common-types.ts';
import { contentHash } from '../../vault/prepare.ts';
import type { ImportSummary, PreparedRecord, RecordRevision, UpsertCounts, WriteSession } from '../record-store.ts';
import { importToRow, rowToRecord, type RecordRow } from './row-mapping.ts';
import type { SqliteDb } from './sqlite-database.ts';

/** The write statements of one connection, prepared once: a session is begun for every access-log flush. */
const preparedByDb = new WeakMap<SqliteDb, WriteStatements>();

type WriteStatements = ReturnType<typeof prepareWriteStatements>;

function prepareWriteStatements(db: SqliteDb) {
  return {
    // Deciding needs three columns; the whole row is read only when the record changed.
    find: db.prepare('SELECT seq, source_hash, deleted_at FROM records WHERE source = ? AND type = ? AND source_ref = ?'),
    bySeq: db.prepare('SELECT * FROM records WHERE seq = ?'),
    insert: db.prepare(
      'INSERT INTO records (id, type, source, source_ref, occurred_at, occurred_offset, data, source_hash, revision, revised_by, import_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, \'source\', ?, ?, ?)',
    ),
    insertIfNew: db.prepare(
      "INSERT INTO records (id, type, source, source_ref, occurred_at, occurred_offset, data, source_hash, revision, revised_by, import_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'source', ?, ?, ?) ON CONFLICT (source, type, source_ref) DO NOTHING",
    ),
    archive: db.prepare('INSERT INTO record_revisions (record_seq, revision, revised_by, occurred_at, occurred_offset, data, import_id, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    update: db.prepare(
      'UPDATE records SET occurred_at = ?, occurred_offset = ?, data = ?, source_hash = ?, revision = revision + 1, revised_by = ?, revision_reason = NULL, import_id = ?, updated_at = ? WHERE seq = ?',
    ),
    ftsInsert: db.prepare('INSERT INTO records_fts (rowid, text) VALUES (?, ?)'),
    ftsDelete: db.prepare('DELETE FROM records_fts WHERE rowid = ?'),
    byId: db.prepare('SELECT * FROM records WHERE id = ?'),
  };
}

function statementsOf(db: SqliteDb): WriteStatements {
  let st = preparedByDb.get(db);
  if (!st) {
    st = prepareWriteStatements(db);
    preparedByDb.set(db, st);
  }
  return st;
}

/** One write transaction on the writer connection. */
export class SqliteWriteSession implements WriteSession {
  private done = false;
  /** Whether records, blobs or meta changed: the commit then moves the data version on. */
  private changed = false;
  private lastBatchNewShare = 1;
  private readonly st: WriteStatements;

  constructor(
    private readonly db: SqliteDb,
    private readonly release: () => void,
  ) {
    this.st = statementsOf(db);
  }

  private check(): void {
    if (this.done) throw new Error('this write session is already finished');
  }

  async upsertBatch(records: PreparedRecord[], importId: ImportId | null): Promise<UpsertCounts> {
    this.changed = true;
    this.check();
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
    const now = Date.now();
    const st = this.st;
    // Mostly-new batches try the insert first (one statement per record); mostly-known
    // batches (re-imports) look up first. The previous batch decides.
    const insertFirst = this.lastBatchNewShare >= 0.5;
    for (const r of records) {
      if (insertFirst) {
        const info = st.insertIfNew.run(newRecordId(), r.type, r.source, r.sourceRef, r.occurredMs, r.occurredOffset, r.dataJson, r.hash, importId, now, now);
        if (info.changes === 1) {
          if (r.searchText) st.ftsInsert.run(info.lastInsertRowid, r.searchText);
          counts.inserted++;
          continue;
        }
      }
      const found = st.find.get(r.source, r.type, r.sourceRef) as Pick<RecordRow, 'seq' | 'source_hash' | 'deleted_at'> | undefined;
      if (!found) {
        const info = st.insert.run(newRecordId(), r.type, r.source, r.sourceRef, r.occurredMs, r.occurredOffset, r.dataJson, r.hash, importId, now, now);
        if (r.searchText) st.ftsInsert.run(info.lastInsertRowid, r.searchText);
        counts.inserted++;
      } else if (found.deleted_at !== null) counts.deleted++;
      else if (found.source_hash === r.hash) counts.unchanged++;
      else {
        const old = st.bySeq.get(found.seq) as RecordRow;
        st.archive.run(old.seq, old.revision, old.revised_by, old.occurred_at, old.occurred_offset, old.data, old.import_id, old.revision_reason, old.updated_at);
        st.update.run(r.occurredMs, r.occurredOffset, r.dataJson, r.hash, 'source', importId, now, found.seq);
        st.ftsDelete.run(found.seq);
        if (r.searchText) st.ftsInsert.run(found.seq, r.searchText);
        counts.updated++;
      }
    }
    if (records.length > 0) this.lastBatchNewShare = counts.inserted / records.length;
    return counts;
  }

  async correct(id: RecordId, data: Record<string, unknown>, reason: string): Promise<StoredRecord> {
    this.changed = true;
    this.check();
    const found = this.st.byId.get(id) as RecordRow | undefined;
    if (!found) throw new MesInfosError('RECORD_NOT_FOUND', `No record with id ${id}.`);
    if (found.deleted_at !== null) throw new MesInfosError('RECORD_DELETED', `Record ${id} was deleted.`);
    const now = Date.now();
    this.st.archive.run(found.seq, found.revision, found.revised_by, found.occurred_at, found.occurred_offset, found.data, found.import_id, found.revision_reason, found.updated_at);
    // source_hash is left as the source's: the next identical restitution stays "unchanged",
    // a changed one becomes a new source revision.
    this.db.prepare("UPDATE records SET data = ?, revision = revision + 1, revised_by = 'person', revision_reason = ?, updated_at = ? WHERE seq = ?").run(JSON.stringify(data), reason, now, found.seq);
    const row = this.st.byId.get(id) as RecordRow;
    const rec = rowToRecord(row);
    this.st.ftsDelete.run(found.seq);
    const text = searchTextOf(rec);
    if (text) this.st.ftsInsert.run(found.seq, text);
    return rec;
  }

  async tombstone(id: RecordId, reason: string): Promise<void> {
    this.changed = true;
    this.check();
    const found = this.st.byId.get(id) as RecordRow | undefined;
    if (!found) throw new MesInfosError('RECORD_NOT_FOUND', `No record with id ${id}.`);
    if (found.deleted_at !== null) return;
    this.db.prepare('DELETE FROM record_revisions WHERE record_seq = ?').run(found.seq);
    this.st.ftsDelete.run(found.seq);
    this.db.prepare("UPDATE records SET data = '{}', deleted_at = ?, deleted_reason = ?, updated_at = ? WHERE seq = ?").run(Date.now(), reason, Date.now(), found.seq);
  }

  async putBlob(bytes: Uint8Array, mediaType: string, fileName?: string): Promise<BlobRef> {
    this.changed = true;
    this.check();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.db.prepare('INSERT OR IGNORE INTO blobs (sha256, media_type, size, bytes, created_at) VALUES (?, ?, ?, ?, ?)').run(sha256, mediaType, bytes.length, Buffer.from(bytes), Date.now());
    return { sha256, mediaType, size: bytes.length, ...(fileName ? { fileName } : {}) };
  }

  async restore(r: StoredRecord, history: RecordRevision[]): Promise<'inserted' | 'unchanged'> {
    this.changed = true;
    this.check();
    const found = this.st.find.get(r.source, r.type, r.sourceRef) as RecordRow | undefined;
    if (found) return 'unchanged';
    const occurred = Date.parse(r.occurredAt);
    const dataJson = JSON.stringify(r.data);
    // The dedup hash is the source's: the last revision written by the source.
    const lastSource = [...history, { revisedBy: r.revisedBy, data: r.data, occurredAt: r.occurredAt }].filter((h) => h.revisedBy === 'source').pop();
    const hash = lastSource
      ? contentHash(Date.parse(lastSource.occurredAt), r.occurredOffset ?? null, JSON.stringify(lastSource.data))
      : contentHash(occurred, r.occurredOffset ?? null, dataJson);
    const info = this.db
      .prepare(
        'INSERT INTO records (id, type, source, source_ref, occurred_at, occurred_offset, data, source_hash, revision, revised_by, revision_reason, import_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(r.id, r.type, r.source, r.sourceRef, occurred, r.occurredOffset ?? null, dataJson, hash, r.revision, r.revisedBy, r.revisionReason ?? null, r.importId, Date.parse(r.createdAt), Date.parse(r.updatedAt));
    for (const h of history)
      this.st.archive.run(info.lastInsertRowid, h.revision, h.revisedBy, Date.parse(h.occurredAt), null, JSON.stringify(h.data), h.importId, h.reason, Date.parse(h.at));
    const text = searchTextOf(r);
    if (text) this.st.ftsInsert.run(info.lastInsertRowid, text);
    return 'inserted';
  }

  async recordImport(s: ImportSummary): Promise<void> {
    this.check();
    const r = importToRow(s);
    this.db
      .prepare(
        'INSERT INTO imports (id, status, format, file_name, file_hash, started_at, finished_at, duration_ms, counts, by_type, by_source, errors, warnings) VALUES (@id, @status, @format, @file_name, @file_hash, @started_at, @finished_at, @duration_ms, @counts, @by_type, @by_source, @errors, @warnings)',
      )
      .run(r);
  }

  async commit(): Promise<void> {
    this.check();
    this.done = true;
    try {
      if (this.changed) bumpDataVersion(this.db);
      this.db.exec('COMMIT');
    } catch (e) {
      // A failed COMMIT (disk full, I/O error) leaves the transaction open: end it, so the
      // writer is not left inside it for the next session.
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    } finally {
      this.release();
    }
  }

  async rollback(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } finally {
      this.release();
    }
  }
}

/** The meta key of the data version: a counter moved on by every commit that changes records, blobs or meta. */
export const DATA_VERSION_META = 'data.version';

/** Each write connection's prepared "bump a counter in meta" statement (commits run it often). */
const bumpStatements = new WeakMap<SqliteDb, ReturnType<SqliteDb['prepare']>>();

/**
 * Moves a counter kept in `meta` on by one, inside the caller's transaction: the data
 * version, or another module's version (clients, grants) that caches elsewhere — in this
 * process or another — compare to see a change. Read one with SqliteRecordStore.metaCounter.
 */
export function bumpMetaCounter(db: SqliteDb, key: string): void {
  let st = bumpStatements.get(db);
  if (!st) bumpStatements.set(db, (st = db.prepare("INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)")));
  st.run(key);
}

/** Moves the data version on, inside the caller's transaction. */
export function bumpDataVersion(db: SqliteDb): void {
  bumpMetaCounter(db, DATA_VERSION_META);
}

