import { v7 as uuidv7 } from 'uuid';
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
