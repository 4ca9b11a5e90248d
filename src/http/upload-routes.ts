import type { FastifyInstance } from 'fastify';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';
import { MesInfosError } from '../domain/errors.ts';
import type { filesImport } from '../operations/vault-operations.ts';
import { fileInput } from '../connectors/util/input.ts';
import { importInput, sha256File, type FileImportReport } from '../vault/file-import.ts';
import { importArchive, isArchive } from '../vault/vault-archive.ts';
import type { Vault } from '../vault/vault.ts';
import type { Audience } from './audience.ts';

export const DEFAULT_UPLOAD_LIMIT_BYTES = 1024 ** 3;
export const UPLOAD_PATH = '/api/me/files/upload';
const RAW = 'application/octet-stream';

/** What an upload answers: the same report as `files.import` (one entry per file or archive member). */
export type UploadResult = z.output<(typeof filesImport)['output']>;

/** A name safe to put on disk: the last path segment, without control characters, at most 120 characters. */
export function safeFileName(name: string): string {
  const last = basename(name.replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const cut = last.length > 120 ? last.slice(last.length - 120) : last;
  return cut === '' || cut === '.' || cut === '..' ? 'upload' : cut;
}

/** Replaces a server-side path in every string of the reports, so no temporary path reaches the person. */
function renamePaths<T>(value: T, from: string, to: string): T {
  if (typeof value === 'string') return value.split(from).join(to) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => renamePaths(v, from, to)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamePaths(v, from, to)])) as T;
  return value;
}

/**
 * Imports the uploaded file as `mesinfos import` would, but under the name the browser
 * gave (the import log keeps that name, not the temporary path).
 */
async function importUploaded(vault: Vault, path: string, shown: string): Promise<FileImportReport[]> {
  const input = await fileInput(path, shown);
  if (!isArchive(input.head)) return importInput(vault, input, await sha256File(path), {}, 0);
  try {
    const r = await importArchive(vault, path);
    return [{ file: shown, status: 'imported', format: 'mesinfos-archive', archive: { inserted: r.inserted, unchanged: r.unchanged, blobs: r.blobs } }];
  } catch (e) {
    if (!(e instanceof MesInfosError)) throw e;
    return [{ file: shown, status: 'refused', format: 'mesinfos-archive', error: { code: e.code, message: e.message } }];
  }
}

/** Counts the bytes going through and fails the stream past `max` (PAYLOAD_TOO_LARGE). */
function byteLimit(max: number, name: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(new MesInfosError('PAYLOAD_TOO_LARGE', `${name} is larger than ${max} bytes, the most this server accepts for one file.`, { file: name, limitBytes: max }));
      else done(null, chunk);
    },
  });
}

/**
 * `POST /api/me/files/upload?name=<file name or relative path>` — the person imports a
 * file from the browser. The body is the file's raw bytes (Content-Type
 * application/octet-stream, the CSRF header as on every POST); it is streamed to a
 * temporary file (never held whole in memory; refused past `limitBytes` with 413
 * PAYLOAD_TOO_LARGE), then goes through the same pipeline as `mesinfos import`: format
 * recognised from the content, all or nothing, zips opened member by member. The answer
 * is `files.import`'s report, naming the file as the browser did. The temporary file is
 * removed whatever happens.
 *
 * Example: fetch('/api/me/files/upload?name=releve.csv', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': t }, body: file })
 */
export function addUploadRoutes(app: FastifyInstance, person: Audience, limitBytes: number = DEFAULT_UPLOAD_LIMIT_BYTES): void {
  void app.register(async (scope) => {
    // Only this route takes raw bytes: the stream is handed over unread.
    scope.addContentTypeParser(RAW, (_request, payload, done) => done(null, payload));
    scope.post(UPLOAD_PATH, { bodyLimit: limitBytes }, async (request, reply): Promise<UploadResult> => {
      const caller = await person.resolve(request, true);
      const dir = await mkdtemp(join(tmpdir(), 'mesinfos-upload-'));
      try {
        const query = request.query as Record<string, unknown>;
        const shown = typeof query.name === 'string' && query.name.trim() !== '' ? query.name.trim().slice(0, 500) : 'upload';
        if (!request.headers['content-type']?.startsWith(RAW)) throw new MesInfosError('MEDIA_TYPE_UNSUPPORTED', `Send the file's bytes as ${RAW}.`);
        const path = join(dir, safeFileName(shown));
        await pipeline(request.body as Readable, byteLimit(limitBytes, shown), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
        const files = renamePaths(await importUploaded(caller.vault, path, shown), path, shown);
        const count = (s: FileImportReport['status']) => files.filter((f) => f.status === s).length;
        reply.header('cache-control', 'no-store');
        return { files, imported: count('imported'), refused: count('refused'), unrecognised: count('unrecognised'), failed: count('failed') } as UploadResult;
      } finally {
        caller.release();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
