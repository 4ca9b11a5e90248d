import type { ConnectorRecord } from '../connectors/connector.ts';
import { ConnectorError } from '../connectors/connector.ts';
import { MesInfosError } from '../domain/errors.ts';
import { newImportId, type ImportId } from '../domain/ids.ts';
import type { ValidationFault } from '../domain/record.ts';
import type { BlobRef } from '../domain/types/common-types.ts';
import type { ImportSummary, RecordStore, UpsertCounts, WriteSession } from '../store/record-store.ts';
import { prepareBatch, type PrepareResult } from './prepare-batch.ts';
import { PreparePool } from './prepare-pool.ts';

export interface ImportMeta {
  format: string | null;
  fileName: string | null;
  fileHash: string | null;
  /** When set, every record's source is forced to this (an organisation pushing its own data). */
  forceSource?: string;
}

export interface ImportRun {
  /** Called with the open session before reading, so connectors can store blobs in the same transaction. */
  records: (session: { putBlob(bytes: Uint8Array, mediaType: string, fileName?: string): Promise<BlobRef>; warn(m: string): void }) => AsyncIterable<ConnectorRecord | unknown>;
  meta: ImportMeta;
  onProgress?: (received: number) => void;
}

/** How many faults an import lists in full; the count covers all. */
export const MAX_LISTED_FAULTS = 1000;
const BATCH = 1000;
/** Imports larger than this many records prepare their batches on a worker thread. */
const WORKER_THRESHOLD = 20_000;
const IN_FLIGHT = 3;

/**
 * The import pipeline: validates every record against its type's schema, dedups on
 * (source, type, sourceRef), attaches provenance (the import id), and saves ALL OR
 * NOTHING. One malformed record refuses the whole import, with every fault listed
 * (record index, field, what was expected); the vault is left exactly as before, and the
 * refused import is still written to the import log.
 */
export async function runImport(store: RecordStore, run: ImportRun): Promise<ImportSummary> {
  const importId: ImportId = newImportId();
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const warnings: string[] = [];
  const faults: ValidationFault[] = [];
  let faultCount = 0;
  let received = 0;
  const byType: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
  let batch: unknown[] = [];
  let batchStart = 0;
  let session: WriteSession | null = await store.beginWrite();
  const s = session;
  // Batches are prepared (validated, serialised, hashed) ahead, on a worker thread for large
  // imports, while the main thread writes the previous ones; at most IN_FLIGHT ahead.
  const pool = new PreparePool();
  const inFlight: Promise<PrepareResult>[] = [];
  const settled = new WeakSet<Promise<PrepareResult>>();

  const write = async (r: PrepareResult) => {
    faultCount += r.faultCount;
    for (const f of r.faults) if (faults.length < MAX_LISTED_FAULTS) faults.push(f);
    for (const [t, n] of Object.entries(r.byType)) byType[t] = (byType[t] ?? 0) + n;
    for (const [t, n] of Object.entries(r.bySource)) bySource[t] = (bySource[t] ?? 0) + n;
    if (faultCount > 0 || r.prepared.length === 0) return;
    const c = await s.upsertBatch(r.prepared, importId);
    counts.inserted += c.inserted;
    counts.updated += c.updated;
    counts.unchanged += c.unchanged;
    counts.deleted += c.deleted;
  };
  const flush = async () => {
    if (batch.length === 0) return;
    if (received > WORKER_THRESHOLD && PreparePool.shouldUseWorker()) pool.start();
    const req = { raws: batch, startIndex: batchStart, ...(run.meta.forceSource ? { forceSource: run.meta.forceSource } : {}) };
    // Work sharing: when the worker is behind (its oldest batch is not ready), this thread
    // prepares the batch itself rather than wait idle.
    const behind = pool.threaded && inFlight.length >= IN_FLIGHT && !settled.has(inFlight[0]!);
    const p = behind ? Promise.resolve(prepareBatch(req)) : pool.prepare(req);
    void p.then(() => settled.add(p));
    inFlight.push(p);
    batch = [];
    batchStart = received;
    while (inFlight.length > IN_FLIGHT) await write(await inFlight.shift()!);
  };
  const drain = async () => {
    await flush();
    while (inFlight.length > 0) await write(await inFlight.shift()!);
  };

  const summary = (status: ImportSummary['status'], errors: ImportSummary['errors']): ImportSummary => ({
    id: importId,
    status,
    format: run.meta.format,
    fileName: run.meta.fileName,
    fileHash: run.meta.fileHash,
    startedAt,
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    counts: { received, ...(status === 'committed' ? counts : { inserted: 0, updated: 0, unchanged: 0, deleted: 0 }) },
    byType,
    bySource,
    errors,
    warnings,
  });

  try {
    const source = run.records({ putBlob: (b, m, f) => s.putBlob(b, m, f), warn: (m) => warnings.push(m) });
    for await (const raw of source) {
      received++;
      batch.push(raw);
      if (batch.length >= BATCH) await flush();
      if (run.onProgress && received % 5000 === 0) run.onProgress(received);
    }
    await drain();
    run.onProgress?.(received);
    if (faultCount > 0) {
      await s.rollback();
      session = null;
      const errors = faults.map((f) => ({ index: f.index, field: f.field, message: f.message, ...(f.location ? { location: f.location } : {}) }));
      const refused = summary('refused', errors);
      await store.recordImport(refused);
      const shown = faults.slice(0, 3).map(describeFault).join('; ');
      throw new MesInfosError(
        'IMPORT_INVALID',
        `${faultCount} problem${faultCount > 1 ? 's' : ''} in ${received} record${received > 1 ? 's' : ''}${run.meta.fileName ? ` of ${run.meta.fileName}` : ''}: ${shown}${faultCount > 3 ? '; …' : ''}. Nothing was imported.`,
        { importId, faults, faultCount },
      );
    }
    const done = summary('committed', []);
    await s.recordImport(done);
    await s.commit();
    session = null;
    return done;
  } catch (e) {
    // Let prepared batches settle before rolling back.
    await Promise.allSettled(inFlight.splice(0));
    if (session) {
      await session.rollback();
      const message = e instanceof Error ? e.message : String(e);
      const where = e instanceof ConnectorError ? e.where : {};
      await store.recordImport(summary(e instanceof ConnectorError ? 'refused' : 'failed', [{ message, ...(where.line ? { location: `line ${where.line}` } : {}), ...(where.field ? { field: where.field } : {}) }]));
      if (e instanceof ConnectorError) throw new MesInfosError('IMPORT_MALFORMED', `${e.message} Nothing was imported.`, { importId, where: e.where, detail: e.detail });
    }
    throw e;
  } finally {
    await pool.close();
  }
}

function describeFault(f: ValidationFault): string {
  return `record ${f.index + 1}${f.location ? ` (${f.location})` : ''}${f.field ? `, field ${f.field}` : ''}: ${f.message}`;
}
