import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expandArchive } from '../connectors/archive.ts';
import { ConnectorError, type Connector, type ConnectorInput, type ConnectorOptions } from '../connectors/connector.ts';
import { connectorById, connectors, recognize } from '../connectors/registry.ts';
import { fileInput } from '../connectors/util/input.ts';
import { MesInfosError, isMesInfosError } from '../domain/errors.ts';
import type { ImportSummary } from '../store/record-store.ts';
import { importArchive, isArchive } from './vault-archive.ts';
import type { Vault } from './vault.ts';

export interface FileImportOptions {
  /** Force a connector by id instead of recognising the format. */
  format?: string;
  options?: ConnectorOptions;
  onFileStart?: (name: string, size: number | undefined) => void;
  onProgress?: (name: string, records: number) => void;
}

/** What happened to one file (or one archive member). */
export interface FileImportReport {
  file: string;
  status: 'imported' | 'refused' | 'unrecognised' | 'failed';
  format: string | null;
  summary?: ImportSummary;
  /** For a vault archive: how many records it restored. */
  archive?: { inserted: number; unchanged: number; blobs: number };
  error?: { code: string; message: string; details?: unknown };
  /** When unrecognised: what every connector said. */
  tried?: { id: string; confidence: number; reason?: string }[];
}

/** Expands the paths given (folders are walked, hidden files skipped) into files. */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) throw new MesInfosError('NOT_FOUND', `${p}: no such file or folder.`);
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((n) => !n.startsWith('.')).sort();
      out.push(...(await expandPaths(names.map((n) => join(p, n)))));
    } else if (s.isFile()) out.push(p);
  }
  return out;
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(path)) h.update(c as Buffer);
  return h.digest('hex');
}

/**
 * Imports files into the vault, each on its own (one file's refusal does not undo
 * another's import), recognising each format from its content.
 */
export async function importFiles(vault: Vault, paths: string[], opts: FileImportOptions = {}): Promise<FileImportReport[]> {
  const reports: FileImportReport[] = [];
  for (const path of await expandPaths(paths)) {
    const input = await fileInput(path, path);
    if (isArchive(input.head)) {
      opts.onFileStart?.(path, undefined);
      try {
        const r = await importArchive(vault, path);
        reports.push({ file: path, status: 'imported', format: 'mesinfos-archive', archive: { inserted: r.inserted, unchanged: r.unchanged, blobs: r.blobs } });
      } catch (e) {
        reports.push(failure(path, 'mesinfos-archive', e));
      }
      continue;
    }
    const fileHash = await sha256File(path);
    reports.push(...(await importInput(vault, input, fileHash, opts, 0)));
  }
  return reports;
}

/** Imports one input (a file or an archive member). */
export async function importInput(vault: Vault, input: ConnectorInput, fileHash: string | null, opts: FileImportOptions, depth: number): Promise<FileImportReport[]> {
  // A zip (Google Takeout, Apple Health export.zip…): each member is imported as a file —
  // unless a connector claims the zip itself (an XLSX workbook is a zip too).
  const claimed = opts.format ? null : recognize(input);
  const members = !opts.format && depth === 0 && !claimed?.connector ? expandArchive(input) : null;
  if (members) {
    const out: FileImportReport[] = [];
    try {
      for await (const m of members) out.push(...(await importInput(vault, m, null, opts, depth + 1)));
    } catch (e) {
      out.push(failure(input.name, 'zip', e));
    }
    return out;
  }
  let connector: Connector | undefined;
  if (opts.format) {
    connector = connectorById(opts.format);
    if (!connector)
      return [{ file: input.name, status: 'failed', format: opts.format, error: { code: 'INPUT_INVALID', message: `Unknown format "${opts.format}". Known: ${connectors.map((c) => c.id).join(', ')}.` } }];
  } else {
    const r = claimed ?? recognize(input);
    if (!r.connector) {
      return [
        {
          file: input.name,
          status: 'unrecognised',
          format: null,
          error: {
            code: 'IMPORT_UNRECOGNISED',
            message: `${input.name}: no connector recognised this file. Tried: ${r.tried
              .slice(0, 6)
              .map((t) => `${t.id} (${t.reason ?? t.confidence})`)
              .join(', ')}. Use --format to choose one.`,
          },
          tried: r.tried,
        },
      ];
    }
    connector = r.connector;
  }
  const c = connector;
  opts.onFileStart?.(input.name, input.size);
  try {
    const summary = await vault.importRecords({
      meta: { format: c.id, fileName: input.name, fileHash },
      records: (s) => c.read(input, { putBlob: s.putBlob, warn: s.warn, options: opts.options ?? {} }),
      onProgress: (n) => opts.onProgress?.(input.name, n),
    });
    return [{ file: input.name, status: 'imported', format: c.id, summary }];
  } catch (e) {
    return [failure(input.name, c.id, e)];
  }
}

function failure(file: string, format: string | null, e: unknown): FileImportReport {
  if (e instanceof ConnectorError) return { file, status: 'refused', format, error: { code: e.code, message: e.message, details: { where: e.where } } };
  if (isMesInfosError(e)) {
    const refused = e.code === 'IMPORT_INVALID' || e.code === 'IMPORT_MALFORMED' || e.code === 'ARCHIVE_INVALID';
    return { file, status: refused ? 'refused' : 'failed', format, error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) } };
  }
  return { file, status: 'failed', format, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
}
