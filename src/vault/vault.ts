import { MesInfosError } from '../domain/errors.ts';
import type { RecordId } from '../domain/ids.ts';
import { recordDataSchemas, type StoredRecord } from '../domain/record.ts';
import type { RecordStore, RecordQuery, RecordPage, RecordRevision, StoreStats, ImportSummary, AggregateQuery, AggregateRow } from '../store/record-store.ts';
import { SqliteRecordStore } from '../store/sqlite/sqlite-record-store.ts';
import type { VaultCipher } from '../store/sqlite/sqlite-database.ts';
import { runImport, type ImportRun } from './import-pipeline.ts';
import { applyCorrection } from './correction.ts';

export interface VaultOpenOptions {
  path: string;
  passphrase: string;
  cipher?: VaultCipher;
}

/**
 * One person's vault. The single API behind the CLI and the HTTP server: import, query,
 * correct, delete, export. Wraps a RecordStore (SQLite, encrypted, for the embedded
 * default) and adds the rules: validation, all-or-nothing imports, corrections as
 * revisions, tombstones.
 */
export class Vault {
  private constructor(
    readonly store: RecordStore,
    readonly path: string,
  ) {}

  /** Creates a new, empty, encrypted vault file. Fails if one exists. */
  static async create(opts: VaultOpenOptions): Promise<Vault> {
    if (opts.passphrase.length < 8) throw new MesInfosError('VAULT_PASSPHRASE_WEAK', 'Choose a passphrase of at least 8 characters.');
    const store = SqliteRecordStore.open({ ...opts, create: true });
    await store.setMeta('createdAt', new Date().toISOString());
    return new Vault(store, opts.path);
  }

  /** Opens an existing vault; a wrong passphrase is VAULT_PASSPHRASE_WRONG and changes nothing. */
  static async open(opts: VaultOpenOptions): Promise<Vault> {
    return new Vault(SqliteRecordStore.open({ ...opts, create: false }), opts.path);
  }

  private readonly importListeners = new Set<(summary: ImportSummary) => Promise<void>>();

  /** Imports records through the pipeline: validated, deduplicated, all or nothing; then tells the import listeners. */
  async importRecords(run: ImportRun): Promise<ImportSummary> {
    const summary = await runImport(this.store, run);
    if (summary.status !== 'committed') return summary;
    for (const listener of this.importListeners) {
      // The import is committed whatever a listener does: its failure is a warning on the
      // summary, not an error that would make the importer (an organisation's push, an
      // upload) believe nothing was saved.
      try {
        await listener(summary);
      } catch (e) {
        summary.warnings.push(`The import is saved, but a check run after it failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return summary;
  }

  /**
   * Calls `listener` after every committed import through `importRecords` (a file, the demo,
   * an organisation's push), e.g. the rights loop checking a restitution (src/rights/); the
   * restore of a MesInfos archive (vault-archive.ts) brings back what a vault held and is not
   * announced. Returns the function that removes it. A listener's error becomes a warning of
   * the import's summary; the import stays committed.
   */
  onImport(listener: (summary: ImportSummary) => Promise<void>): () => void {
    this.importListeners.add(listener);
    return () => void this.importListeners.delete(listener);
  }

  get(id: RecordId): Promise<StoredRecord | undefined> {
    return this.store.get(id);
  }

  async getOrThrow(id: RecordId): Promise<StoredRecord> {
    const r = await this.store.get(id);
    if (!r) throw new MesInfosError('RECORD_NOT_FOUND', `No record with id ${id}.`);
    return r;
  }

  query(q: RecordQuery): Promise<RecordPage> {
    return this.store.query(q);
  }

  aggregate(q: AggregateQuery): Promise<AggregateRow[]> {
    return this.store.aggregate(q);
  }

  revisions(id: RecordId): Promise<RecordRevision[]> {
    return this.store.revisions(id);
  }

  stats(): Promise<StoreStats> {
    return this.store.stats();
  }

  imports(limit?: number): Promise<ImportSummary[]> {
    return this.store.listImports(limit);
  }

  /**
   * The person corrects a record: `set` maps dotted field paths of `data` to new values.
   * The result must still follow the type's schema. The source's original stays as the
   * previous revision.
   */
  async correct(id: RecordId, set: Record<string, unknown>, reason: string): Promise<StoredRecord> {
    if (reason.trim() === '') throw new MesInfosError('CORRECTION_INVALID', 'Say why you correct this record (a reason is required).');
    const current = await this.getOrThrow(id);
    const data = applyCorrection(current.data as Record<string, unknown>, set);
    const parsed = (recordDataSchemas[current.type] as import('zod').ZodType).safeParse(data);
    if (!parsed.success) {
      const faults = parsed.error.issues.map((i) => ({ field: ['data', ...i.path].join('.'), message: i.message }));
      throw new MesInfosError('CORRECTION_INVALID', `The correction does not fit a ${current.type}: ${faults.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { faults });
    }
    const w = await this.store.beginWrite();
    try {
      const r = await w.correct(id, parsed.data as Record<string, unknown>, reason.trim());
      await w.commit();
      return r;
    } catch (e) {
      await w.rollback();
      throw e;
    }
  }

  /** Deletes a record: its content is erased and a tombstone keeps re-imports from bringing it back. */
  async delete(id: RecordId, reason: string): Promise<void> {
    await this.getOrThrow(id);
    const w = await this.store.beginWrite();
    try {
      await w.tombstone(id, reason);
      await w.commit();
    } catch (e) {
      await w.rollback();
      throw e;
    }
  }

  /** Changes the passphrase: every page is re-encrypted with the new key. */
  async changePassphrase(newPassphrase: string): Promise<void> {
    if (newPassphrase.length < 8) throw new MesInfosError('VAULT_PASSPHRASE_WEAK', 'Choose a passphrase of at least 8 characters.');
    if (!(this.store instanceof SqliteRecordStore)) throw new Error('only the SQLite vault has a passphrase');
    await this.store.rekey(newPassphrase);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
