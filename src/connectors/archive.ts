import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { ConnectorInput } from './connector.ts';
import { ConnectorError } from './connector.ts';
import { HEAD_BYTES } from './util/input.ts';

/**
 * Archives: a Google Takeout, an Apple Health `export.zip`, a bank's "download all" zip.
 * `expandArchive` recognises a zip from its first bytes (`PK\x03\x04`, or `PK\x05\x06` for an
 * empty one) and yields each member as a ConnectorInput named `archive.zip/member/path`, so
 * the importer offers every member to the connectors as if it were a file.
 *
 * - Directories and operating-system junk (`__MACOSX/`, `._*` AppleDouble files,
 *   `.DS_Store`, `Thumbs.db`) are skipped.
 * - A zip read from disk (`input.path` set) is read by random access, member by member,
 *   never whole; a zip only in memory or a nested zip is held as a buffer (yauzl needs
 *   random access to the central directory), which is why nested zips count against
 *   `maxNestedZipBytes`.
 * - Nested zips are expanded in turn, down to `maxDepth` levels (default 3).
 * - Zip-bomb guard: a member whose declared uncompressed size exceeds `maxMemberBytes`
 *   (default 16 GiB: an Apple Health export.xml can be several GB) is refused with a clear
 *   error, and so is one whose compression ratio exceeds `maxRatio` (default 2000:1);
 *   yauzl checks while inflating that a member never yields more bytes than it declared.
 * - Each member's `open()` re-opens the archive, so it may be called again, at any time,
 *   and from the start, as the ConnectorInput contract asks.
 *
 * Returns null when the input is not a zip.
 *
 * Example:
 *   const members = expandArchive(input);
 *   if (members) for await (const m of members) importOne(m);
 */
export interface ArchiveOptions {
  maxMemberBytes?: number;
  maxRatio?: number;
  maxDepth?: number;
  maxNestedZipBytes?: number;
}

const DEFAULTS = {
  maxMemberBytes: 16 * 1024 ** 3,
  maxRatio: 2000,
  maxDepth: 3,
  maxNestedZipBytes: 1024 ** 3,
};

/** True when the bytes begin like a zip archive. */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

export function expandArchive(input: ConnectorInput, options: ArchiveOptions = {}): AsyncIterable<ConnectorInput> | null {
  if (!isZip(input.head)) return null;
  const opts = { ...DEFAULTS, ...options };
  return expand(input, opts, 1);
}

type ZipSource = { path: string } | { buffer: Buffer };

async function openZip(src: ZipSource): Promise<ZipFile> {
  const o = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true };
  return 'path' in src ? yauzl.openPromise(src.path, o) : yauzl.fromBufferPromise(src.buffer, o);
}

async function sourceOf(input: ConnectorInput, maxBytes: number): Promise<ZipSource> {
  if (input.path) return { path: input.path };
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of input.open()) {
    total += chunk.length;
    if (total > maxBytes)
      throw new ConnectorError(
        `${input.name}: this archive is larger than ${maxBytes} bytes and cannot be opened from memory; extract it or import it from a file`,
        { file: input.name },
      );
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return { buffer: Buffer.concat(parts) };
}

/** Junk that archivers add: folders, macOS resource forks and Finder/Explorer files. */
export function isJunkMember(fileName: string): boolean {
  if (fileName.endsWith('/')) return true;
  const parts = fileName.split('/');
  const base = parts[parts.length - 1] ?? '';
  return parts[0] === '__MACOSX' || base.startsWith('._') || base === '.DS_Store' || base === 'Thumbs.db' || base === 'desktop.ini';
}

async function* expand(input: ConnectorInput, opts: typeof DEFAULTS, depth: number): AsyncIterable<ConnectorInput> {
  let src: ZipSource;
  let zip: ZipFile;
  try {
    src = await sourceOf(input, opts.maxNestedZipBytes);
    zip = await openZip(src);
  } catch (e) {
    if (e instanceof ConnectorError) throw e;
    throw new ConnectorError(`${input.name}: this zip archive cannot be read (damaged or truncated?)`, { file: input.name }, (e as Error).message);
  }
  try {
    for await (const entry of zip.eachEntry()) {
      if (isJunkMember(entry.fileName)) continue;
      const name = `${input.name}/${entry.fileName}`;
      checkEntry(entry, name, opts);
      const member = await memberInput(src, entry, name, zip);
      if (isZip(member.head) && depth < opts.maxDepth) yield* expand(member, opts, depth + 1);
      else yield member;
    }
  } catch (e) {
    if (e instanceof ConnectorError) throw e;
    throw new ConnectorError(`${input.name}: this zip archive cannot be read (damaged or truncated?)`, { file: input.name }, (e as Error).message);
  } finally {
    zip.close();
  }
}

function checkEntry(entry: Entry, name: string, opts: typeof DEFAULTS): void {
  if (entry.isEncrypted()) throw new ConnectorError(`${name}: this archive member is encrypted; extract it with its password first`, { file: name });
  if (entry.uncompressedSize > opts.maxMemberBytes)
    throw new ConnectorError(
      `${name}: this archive member would expand to ${entry.uncompressedSize} bytes, more than the limit of ${opts.maxMemberBytes} bytes (a zip bomb?); raise the limit if the file is genuine`,
      { file: name },
    );
  if (entry.compressedSize > 0 && entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize / entry.compressedSize > opts.maxRatio)
    throw new ConnectorError(
      `${name}: this archive member is compressed ${Math.round(entry.uncompressedSize / entry.compressedSize)} to 1, more than the limit of ${opts.maxRatio} to 1 (a zip bomb?)`,
      { file: name },
    );
}

async function* streamMember(src: ZipSource, entry: Entry, name: string, openZipFile?: ZipFile): AsyncIterable<Uint8Array> {
  const zip = openZipFile ?? (await openZip(src));
  try {
    const stream = await zip.openReadStreamPromise(entry);
    try {
      for await (const chunk of stream) yield chunk as Uint8Array;
    } finally {
      stream.destroy();
    }
  } catch (e) {
    throw new ConnectorError(`${name}: this archive member cannot be read (damaged archive?)`, { file: name }, (e as Error).message);
  } finally {
    if (!openZipFile) zip.close();
  }
}

/** A member as a ConnectorInput: its head read now (from the listing's open zip), its content on each open(). */
async function memberInput(src: ZipSource, entry: Entry, name: string, listing: ZipFile): Promise<ConnectorInput> {
  const parts: Uint8Array[] = [];
  let got = 0;
  for await (const chunk of streamMember(src, entry, name, listing)) {
    parts.push(chunk);
    got += chunk.length;
    if (got >= HEAD_BYTES) break;
  }
  const head = Buffer.concat(parts).subarray(0, HEAD_BYTES);
  return {
    name,
    size: entry.uncompressedSize,
    head: new Uint8Array(head.buffer, head.byteOffset, head.byteLength),
    open: () => streamMember(src, entry, name),
  };
}
