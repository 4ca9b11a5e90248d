import { createHash } from 'node:crypto';
import { searchTextOf, validateRecord, type ValidationFault } from '../domain/record.ts';
import type { PreparedRecord } from '../store/record-store.ts';

/**
 * Turns one raw record (as a connector or an organisation gives it) into what a store
 * writes: validated by its type's schema, serialised, hashed, with its search text.
 * Pure and synchronous, so that it can run on another thread than the writes.
 */
export function prepareRecord(raw: unknown, index: number, forceSource?: string): { ok: true; record: PreparedRecord } | { ok: false; faults: ValidationFault[] } {
  let candidate = raw;
  let location: string | undefined;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    if ('location' in o || forceSource) {
      const { location: loc, ...rest } = o;
      if (typeof loc === 'string') location = loc;
      candidate = forceSource ? { ...rest, source: forceSource } : rest;
    }
  }
  const v = validateRecord(candidate, index, location);
  if (!v.ok) return v;
  const r = v.record;
  const occurredMs = Date.parse(r.occurredAt);
  const dataJson = JSON.stringify(r.data);
  return {
    ok: true,
    record: {
      type: r.type,
      source: r.source,
      sourceRef: r.sourceRef,
      occurredMs,
      occurredOffset: r.occurredOffset ?? null,
      dataJson,
      hash: contentHash(occurredMs, r.occurredOffset ?? null, dataJson),
      searchText: searchTextOf(r),
    },
  };
}

/**
 * The content hash that tells an unchanged record from a changed one: the time, the
 * offset and the data as validated (zod gives keys in schema order, so equal content
 * gives equal JSON). 128 bits of sha256, base64url.
 */
export function contentHash(occurredMs: number, occurredOffset: string | null, dataJson: string): string {
  return createHash('sha256')
    .update(`${occurredMs}|${occurredOffset ?? ''}|`)
    .update(dataJson)
    .digest('base64url')
    .slice(0, 22);
}
