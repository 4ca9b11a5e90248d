import { randomFillSync } from 'node:crypto';
import { z } from 'zod';

/**
 * Branded identifiers. Every id in MesInfos is a UUIDv7 (time-ordered), carried as a
 * string branded with what it names, so a GrantId cannot be passed where a RecordId is due.
 */
export type RecordId = string & { readonly __brand: 'RecordId' };
export type ImportId = string & { readonly __brand: 'ImportId' };
export type GrantId = string & { readonly __brand: 'GrantId' };
export type BlobHash = string & { readonly __brand: 'BlobHash' };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const uuidSchema = z.string().regex(UUID_RE, 'expected a UUID');
export const recordIdSchema = uuidSchema.transform((s) => s as RecordId);
export const blobHashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest')
  .transform((s) => s as BlobHash);

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version, 12 bits of sub-millisecond
 * sequence (monotonic within a millisecond), variant, 62 random bits. Random bytes come
 * from a pool refilled by the CSPRNG, which makes an id ~10× cheaper than asking for 16
 * fresh bytes each time (the import pipeline mints one per record).
 */
const pool = Buffer.alloc(8 * 1024);
let poolAt = pool.length;
let lastMs = 0;
let seq = 0;
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function uuidv7(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    seq = 0;
  } else if (++seq > 0xfff) {
    lastMs++;
    seq = 0;
  }
  ms = lastMs;
  if (poolAt + 8 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = pool;
  const o = poolAt;
  poolAt += 8;
  const hi = Math.floor(ms / 0x10000);
  const lo = ms % 0x10000;
  return (
    hi.toString(16).padStart(8, '0') +
    '-' +
    lo.toString(16).padStart(4, '0') +
    '-' +
    (0x7000 | seq).toString(16) +
    '-' +
    HEX[0x80 | (r[o]! & 0x3f)]! +
    HEX[r[o + 1]!]! +
    '-' +
    HEX[r[o + 2]!]! +
    HEX[r[o + 3]!]! +
    HEX[r[o + 4]!]! +
    HEX[r[o + 5]!]! +
    HEX[r[o + 6]!]! +
    HEX[r[o + 7]!]!
  );
}

export function newRecordId(): RecordId {
  return uuidv7() as RecordId;
}
export function newImportId(): ImportId {
  return uuidv7() as ImportId;
}
export function newGrantId(): GrantId {
  return uuidv7() as GrantId;
}
/** A fresh UUIDv7 for any other purpose. */
export function newId(): string {
  return uuidv7();
}
