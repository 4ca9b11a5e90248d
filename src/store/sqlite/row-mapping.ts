import type { ImportId, RecordId } from '../../domain/ids.ts';
import type { RecordData, RecordType, StoredRecord } from '../../domain/record.ts';
import type { ImportSummary } from '../record-store.ts';

/** A row of the `records` table. */
export interface RecordRow {
  seq: number;
  id: string;
  type: string;
  source: string;
  source_ref: string;
  occurred_at: number;
  occurred_offset: string | null;
  data: string;
  source_hash: string;
  revision: number;
  revised_by: string;
  revision_reason: string | null;
  import_id: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface ImportRow {
  id: string;
  status: string;
  format: string | null;
  file_name: string | null;
  file_hash: string | null;
  started_at: number;
  finished_at: number;
  duration_ms: number;
  counts: string;
  by_type: string;
  by_source: string;
  errors: string;
  warnings: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function rowToRecord(row: RecordRow): StoredRecord {
  const r: StoredRecord = {
    id: row.id as RecordId,
    type: row.type as RecordType,
    source: row.source,
    sourceRef: row.source_ref,
    occurredAt: iso(row.occurred_at),
    data: JSON.parse(row.data) as RecordData,
    importId: row.import_id as ImportId | null,
    revision: row.revision,
    revisedBy: row.revised_by === 'person' ? 'person' : 'source',
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
  if (row.occurred_offset) r.occurredOffset = row.occurred_offset;
  if (row.revision_reason) r.revisionReason = row.revision_reason;
  return r;
}

export function importToRow(s: ImportSummary): ImportRow {
  return {
    id: s.id,
    status: s.status,
    format: s.format,
    file_name: s.fileName,
    file_hash: s.fileHash,
    started_at: Date.parse(s.startedAt),
    finished_at: Date.parse(s.finishedAt),
    duration_ms: Math.round(s.durationMs),
    counts: JSON.stringify(s.counts),
    by_type: JSON.stringify(s.byType),
    by_source: JSON.stringify(s.bySource),
    errors: JSON.stringify(s.errors),
    warnings: JSON.stringify(s.warnings),
  };
}

export function rowToImport(r: ImportRow): ImportSummary {
  return {
    id: r.id as ImportId,
    status: r.status as ImportSummary['status'],
    format: r.format,
    fileName: r.file_name,
    fileHash: r.file_hash,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    durationMs: r.duration_ms,
    counts: JSON.parse(r.counts) as ImportSummary['counts'],
    byType: JSON.parse(r.by_type) as Record<string, number>,
    bySource: JSON.parse(r.by_source) as Record<string, number>,
    errors: JSON.parse(r.errors) as ImportSummary['errors'],
    warnings: JSON.parse(r.warnings) as string[],
  };
}

/** Opaque keyset cursor over (occurred_at, seq). */
export function encodeCursor(occurredAt: number, seq: number): string {
  return Buffer.from(`${occurredAt}:${seq}`).toString('base64url');
}
export function decodeCursor(cursor: string): { occurredAt: number; seq: number } | null {
  const m = /^(-?\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? { occurredAt: Number(m[1]), seq: Number(m[2]) } : null;
}

/** Turns free text into a safe FTS5 query: every word must match, as a prefix. */
export function ftsQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 16);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ');
}
