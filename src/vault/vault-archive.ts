import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { z } from 'zod';
import { MesInfosError } from '../domain/errors.ts';
import { newImportId, type ImportId, type RecordId } from '../domain/ids.ts';
import { RECORD_TYPES, validateRecord, type StoredRecord } from '../domain/record.ts';
import type { RecordRevision } from '../store/record-store.ts';
import type { Vault } from './vault.ts';

/**
 * The vault archive: a zip holding
 *   manifest.json            format, version, counts per type, sha256 of every file
 *   records/<type>.jsonl     one stored record per line, with its revision history
 *   blobs/<sha256>           every blob, named by its own hash
 * Documented in docs/archive-format.md. Import verifies every checksum before committing.
 */
export const ARCHIVE_FORMAT = 'mesinfos-archive';
export const ARCHIVE_VERSION = 1;

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: z.string(),
  counts: z.object({ total: z.number().int(), byType: z.record(z.string(), z.number().int()), blobs: z.number().int() }),
  files: z.array(z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int(), records: z.number().int().optional(), mediaType: z.string().optional() })),
});
export type ArchiveManifest = z.infer<typeof manifestSchema>;

/** One line of records/<type>.jsonl. */
export interface ArchivedRecord extends StoredRecord {
  history?: RecordRevision[];
}

export async function exportArchive(vault: Vault, outPath: string): Promise<ArchiveManifest> {
  const zip = new yazl.ZipFile();
  const tmp = `${outPath}.partial`;
  const written = pipeline(zip.outputStream, createWriteStream(tmp));
  const files: ArchiveManifest['files'] = [];
  const byType: Record<string, number> = {};
  let total = 0;
  const blobHashes = new Set<string>();
  for (const type of RECORD_TYPES) {
    const n = await vault.store.count({ types: [type] });
    if (n === 0) continue;
    const hash = createHash('sha256');
    let bytes = 0;
    let count = 0;
    const lines = async function* () {
      for await (const r of vault.store.iterate({ types: [type] })) {
        const history = r.revision > 1 ? (await vault.store.revisions(r.id)).slice(0, -1) : [];
        const line = JSON.stringify(history.length ? { ...r, history } : r) + '\n';
        collectBlobs(r.data, blobHashes);
        hash.update(line);
        bytes += Buffer.byteLength(line);
        count++;
        yield line;
      }
    };
    const path = `records/${type}.jsonl`;
    await addStream(zip, Readable.from(lines()), path);
    files.push({ path, sha256: hash.digest('hex'), bytes, records: count });
    byType[type] = count;
    total += count;
  }
  for (const sha of [...blobHashes].sort()) {
    const blob = await vault.store.getBlob(sha);
    if (!blob) continue;
    const path = `blobs/${sha}`;
    zip.addBuffer(Buffer.from(blob.bytes), path);
    files.push({ path, sha256: sha, bytes: blob.bytes.length, mediaType: blob.mediaType });
  }
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date().toISOString(),
    counts: { total, byType, blobs: files.filter((f) => f.path.startsWith('blobs/')).length },
    files,
  };
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), 'manifest.json');
  zip.end();
  await written;
  await rename(tmp, outPath).catch(async (e: unknown) => {
    await rm(tmp, { force: true });
    throw e;
  });
  return manifest;
}

/** yazl reads entries one after the other; wait until this one has been consumed. */
function addStream(zip: yazl.ZipFile, stream: Readable, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    zip.addReadStream(stream, path);
  });
}

function collectBlobs(v: unknown, into: Set<string>): void {
  if (Array.isArray(v)) for (const x of v) collectBlobs(x, into);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.sha256 === 'string' && typeof o.mediaType === 'string') into.add(o.sha256);
    for (const x of Object.values(o)) collectBlobs(x, into);
  }
}

export function isArchive(head: Uint8Array): boolean {
  // A zip whose first member is records/ or manifest.json (yazl writes members in order).
  if (!(head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)) return false;
  const nameLen = head[26]! | (head[27]! << 8);
  const name = Buffer.from(head.subarray(30, 30 + nameLen)).toString('utf8');
  return name.startsWith('records/') || name === 'manifest.json' || name.startsWith('blobs/');
}

export interface ArchiveImportResult {
  importId: ImportId;
  inserted: number;
  unchanged: number;
  blobs: number;
  byType: Record<string, number>;
  bySource: Record<string, number>;
}

/**
 * Imports an archive into this vault, all or nothing: ids, revisions and history are kept;
 * records whose identity is already present are left alone. Every file's checksum is
 * verified against the manifest before anything is committed.
 */
export async function importArchive(vault: Vault, path: string): Promise<ArchiveImportResult> {
  const started = Date.now();
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false }).catch((e: Error) => {
    throw new MesInfosError('ARCHIVE_INVALID', `${path} is not a readable zip archive.`, e.message);
  });
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        entries.set(e.fileName, e);
        zip.readEntry();
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
    const readAll = async (name: string): Promise<Buffer> => {
      const e = entries.get(name);
      if (!e) throw new MesInfosError('ARCHIVE_INVALID', `The archive lacks ${name}.`);
      const chunks: Buffer[] = [];
      for await (const c of await zip.openReadStreamPromise(e)) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    };
    let manifest: ArchiveManifest;
    try {
      manifest = manifestSchema.parse(JSON.parse((await readAll('manifest.json')).toString('utf8')));
    } catch (e) {
      if (e instanceof MesInfosError) throw e;
      throw new MesInfosError('ARCHIVE_INVALID', 'manifest.json is not a MesInfos archive manifest.', (e as Error).message);
    }
    const importId = newImportId();
    const result: ArchiveImportResult = { importId, inserted: 0, unchanged: 0, blobs: 0, byType: {}, bySource: {} };
    const w = await vault.store.beginWrite();
    try {
      for (const f of manifest.files.filter((x) => x.path.startsWith('blobs/'))) {
        const bytes = await readAll(f.path);
        const sha = createHash('sha256').update(bytes).digest('hex');
        if (sha !== f.sha256 || `blobs/${sha}` !== f.path) throw new MesInfosError('ARCHIVE_INVALID', `${f.path}: its content does not match its checksum.`);
        await w.putBlob(bytes, f.mediaType ?? 'application/octet-stream');
        result.blobs++;
      }
      for (const f of manifest.files.filter((x) => x.path.startsWith('records/'))) {
        const e = entries.get(f.path);
        if (!e) throw new MesInfosError('ARCHIVE_INVALID', `The archive lacks ${f.path}.`);
        const hash = createHash('sha256');
        let rest = '';
        let lineNo = 0;
        const handle = async (line: string) => {
          lineNo++;
          if (line.trim() === '') return;
          const rec = parseArchivedLine(line, f.path, lineNo);
          const outcome = await w.restore(rec, rec.history ?? []);
          if (outcome === 'inserted') result.inserted++;
          else result.unchanged++;
          result.byType[rec.type] = (result.byType[rec.type] ?? 0) + 1;
          result.bySource[rec.source] = (result.bySource[rec.source] ?? 0) + 1;
        };
        for await (const chunk of await zip.openReadStreamPromise(e)) {
          hash.update(chunk as Buffer);
          rest += (chunk as Buffer).toString('utf8');
          const lines = rest.split('\n');
          rest = lines.pop() ?? '';
          for (const l of lines) await handle(l);
        }
        if (rest) await handle(rest);
        if (hash.digest('hex') !== f.sha256) throw new MesInfosError('ARCHIVE_INVALID', `${f.path}: its content does not match its checksum; the archive is damaged.`);
      }
      await w.recordImport({
        id: importId,
        status: 'committed',
        format: ARCHIVE_FORMAT,
        fileName: path.split('/').pop() ?? path,
        fileHash: null,
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date().toISOString(),
        durationMs: Date.now() - started,
        counts: { received: result.inserted + result.unchanged, inserted: result.inserted, updated: 0, unchanged: result.unchanged, deleted: 0 },
        byType: result.byType,
        bySource: result.bySource,
        errors: [],
        warnings: [],
      });
      await w.commit();
      return result;
    } catch (e) {
      await w.rollback();
      throw e;
    }
  } finally {
    zip.close();
  }
}

function parseArchivedLine(line: string, file: string, lineNo: number): ArchivedRecord {
  let o: ArchivedRecord;
  try {
    o = JSON.parse(line) as ArchivedRecord;
  } catch {
    throw new MesInfosError('ARCHIVE_INVALID', `${file}, line ${lineNo}: not valid JSON.`);
  }
  const v = validateRecord({ type: o.type, source: o.source, sourceRef: o.sourceRef, occurredAt: o.occurredAt, ...(o.occurredOffset ? { occurredOffset: o.occurredOffset } : {}), data: o.data }, lineNo - 1);
  if (!v.ok) throw new MesInfosError('ARCHIVE_INVALID', `${file}, line ${lineNo}: ${v.faults.map((f) => `${f.field}: ${f.message}`).join('; ')}`, v.faults);
  if (typeof o.id !== 'string' || typeof o.revision !== 'number') throw new MesInfosError('ARCHIVE_INVALID', `${file}, line ${lineNo}: id and revision are required.`);
  return { ...o, data: v.record.data, id: o.id as RecordId };
}
