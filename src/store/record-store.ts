import type { ImportId, RecordId, BlobHash } from '../domain/ids.ts';
import type { RecordType, StoredRecord } from '../domain/record.ts';
import type { BlobRef } from '../domain/types/common-types.ts';

/**
 * The RecordStore port: where a vault keeps its records, revisions, blobs and imports.
 *
 * An implementation MUST:
 * - keep `(source, type, sourceRef)` unique: upserting the same record again changes
 *   nothing; a record whose content changed at the source becomes a new revision, and the
 *   previous one stays readable through `revisions()`;
 * - never destroy a source's original when the person corrects a record (a correction is
 *   a new revision with `revisedBy: 'person'`);
 * - apply a write session all or nothing: after `rollback()` (or a crash) the store is
 *   exactly as before `beginWrite()`;
 * - paginate with opaque cursors that are stable under inserts (keyset on occurredAt, id);
 * - keep blobs content-addressed by sha256.
 * It SHOULD make `upsertBatch` fast enough to import a million records in well under a
 * minute. Example:
 *   const w = await store.beginWrite();
 *   const counts = await w.upsertBatch(records.map(prepared), importId);
 *   await w.commit();
 */
export interface RecordStore {
  beginWrite(): Promise<WriteSession>;
  get(id: RecordId): Promise<StoredRecord | undefined>;
  /** Every revision of a record, oldest first, the current one last. */
  revisions(id: RecordId): Promise<RecordRevision[]>;
  query(q: RecordQuery): Promise<RecordPage>;
  /** Streams every live record matching the query, in (occurredAt, id) order. */
  iterate(q?: Omit<RecordQuery, 'limit' | 'cursor'>): AsyncIterable<StoredRecord>;
  count(q?: Omit<RecordQuery, 'limit' | 'cursor'>): Promise<number>;
  /** Sums a numeric field of one type per period (UTC buckets unless a time zone is given). */
  aggregate(q: AggregateQuery): Promise<AggregateRow[]>;
  stats(): Promise<StoreStats>;
  /**
   * A value that changes whenever a commit changes records, blobs or meta (by this process
   * or another) — and MUST NOT change for writes that leave them alone (access log, grants):
   * caches of derived results (insights) key on it. Cheap: callers MAY ask on every read.
   */
  dataVersion(): Promise<string>;
  getBlob(hash: BlobHash | string): Promise<{ bytes: Uint8Array; mediaType: string } | undefined>;
  listImports(limit?: number): Promise<ImportSummary[]>;
  getImport(id: ImportId | string): Promise<ImportSummary | undefined>;
  /** Records an import that failed or was refused; a committed import is recorded by its session. */
  recordImport(summary: ImportSummary): Promise<void>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/** A write transaction. Nothing is visible to others until `commit()`. */
export interface WriteSession {
  upsertBatch(records: PreparedRecord[], importId: ImportId | null): Promise<UpsertCounts>;
  /** Applies a person's correction: `data` becomes the current revision. */
  correct(id: RecordId, data: Record<string, unknown>, reason: string): Promise<StoredRecord>;
  /** Replaces a record by a tombstone: its content is erased, its identity kept so re-imports do not resurrect it. */
  tombstone(id: RecordId, reason: string): Promise<void>;
  putBlob(bytes: Uint8Array, mediaType: string, fileName?: string): Promise<BlobRef>;
  /**
   * Restores a record exactly as another vault exported it (same id, revision, history).
   * An identity already present is left alone ('unchanged').
   */
  restore(record: StoredRecord, history: RecordRevision[]): Promise<'inserted' | 'unchanged'>;
  recordImport(summary: ImportSummary): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * A record validated and made ready to write (see src/vault/prepare.ts): its data as
 * JSON, the hash of its content (equal content ⇔ equal hash) and the words to index.
 */
export interface PreparedRecord {
  type: RecordType;
  source: string;
  sourceRef: string;
  occurredMs: number;
  occurredOffset: string | null;
  dataJson: string;
  hash: string;
  searchText: string;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Identities whose record the person deleted: not resurrected. */
  deleted: number;
}

export interface RecordRevision {
  revision: number;
  revisedBy: 'source' | 'person';
  occurredAt: string;
  data: Record<string, unknown>;
  importId: ImportId | null;
  reason: string | null;
  at: string;
}

export interface RecordQuery {
  types?: RecordType[];
  sources?: string[];
  /** Inclusive lower bound on occurredAt (instant or date). */
  from?: string;
  /** Exclusive upper bound on occurredAt (instant or date). */
  to?: string;
  /** Full-text search over the record's words; every word must match (prefixes allowed). */
  text?: string;
  limit?: number;
  cursor?: string;
  order?: 'asc' | 'desc';
}

export interface RecordPage {
  records: StoredRecord[];
  nextCursor: string | null;
}

export interface AggregateQuery {
  type: RecordType;
  /** Dotted path of a numeric field in data ("energyWh", "amount.amountMinor"). */
  field: string;
  bucket: 'day' | 'week' | 'month' | 'year';
  from?: string;
  to?: string;
  sources?: string[];
  /** Optional dotted path to group by inside each bucket ("amount.currency", "category"). */
  groupBy?: string;
  /** Bucket by local time in this IANA zone (fixed offset per record via occurredOffset when absent). */
  timeZone?: string;
}

export interface AggregateRow {
  /** Bucket label: "2025-03-01" (day), "2025-W09" (ISO week), "2025-03" (month), "2025" (year). */
  period: string;
  group?: string | null;
  sum: number;
  count: number;
  min: number;
  max: number;
}

export interface StoreStats {
  total: number;
  byType: Record<string, number>;
  bySource: Record<string, number>;
  blobs: number;
  imports: number;
}

export interface ImportSummary {
  id: ImportId;
  status: 'committed' | 'refused' | 'failed';
  format: string | null;
  fileName: string | null;
  fileHash: string | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  counts: UpsertCounts & { received: number };
  byType: Record<string, number>;
  /** The sources the import's records came from, with their counts. */
  bySource: Record<string, number>;
  errors: { field?: string; index?: number; location?: string; message: string }[];
  warnings: string[];
}
