import { z } from 'zod';
import type { RecordId } from '../domain/ids.ts';
import { recordTypeSchema } from '../domain/record.ts';
import { formatMoney, type Money } from '../domain/money.ts';
import { exportArchive } from '../vault/vault-archive.ts';
import { importFiles, type FileImportReport } from '../vault/file-import.ts';
import { MesInfosError } from '../domain/errors.ts';
import type { Vault } from '../vault/vault.ts';
import { defineOperation, type AnyOperation } from './operation.ts';
import { dateInputSchema, importSummarySchema, listOf, storedRecordSchema } from './schemas.ts';

const idSchema = z.string().min(1, 'an id is required');

export const recordsList = defineOperation({
  name: 'records.list',
  summary: 'List records, filtered by type, source, time range and full-text search, newest last, with a cursor',
  permission: 'owner',
  mutates: false,
  input: z.object({
    type: listOf(recordTypeSchema).optional(),
    source: listOf(z.string()).optional(),
    from: dateInputSchema.optional(),
    to: dateInputSchema.optional(),
    search: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
    cursor: z.string().optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
  }),
  output: z.object({ records: z.array(storedRecordSchema), nextCursor: z.string().nullable() }),
  cli: {
    command: ['records'],
    help: { type: 'record types, comma-separated', from: 'from this date (inclusive)', to: 'until this date (exclusive)', search: 'words to find' },
    json: (o) => o.records,
    render: (o) => ({
      head: ['occurred', 'type', 'source', 'summary', 'id'],
      table: o.records.map((r) => [r.occurredAt.slice(0, 16).replace('T', ' '), r.type, r.source, summarise(r.data), r.id]),
    }),
  },
  handler: async (ctx, i) =>
    ctx.vault.query({
      ...(i.type ? { types: i.type } : {}),
      ...(i.source ? { sources: i.source } : {}),
      ...(i.from ? { from: i.from } : {}),
      ...(i.to ? { to: i.to } : {}),
      ...(i.search ? { text: i.search } : {}),
      ...(i.cursor ? { cursor: i.cursor } : {}),
      limit: i.limit,
      order: i.order,
    }),
});

export const recordsGet = defineOperation({
  name: 'records.get',
  summary: 'One record with its revisions (the source’s originals and the person’s corrections)',
  permission: 'owner',
  mutates: false,
  input: z.object({ id: idSchema }),
  output: z.object({
    record: storedRecordSchema,
    revisions: z.array(z.object({ revision: z.number(), revisedBy: z.enum(['source', 'person']), occurredAt: z.string(), data: z.record(z.string(), z.unknown()), importId: z.string().nullable(), reason: z.string().nullable(), at: z.string() })),
  }),
  cli: { command: ['show'], positional: ['id'] },
  handler: async (ctx, i) => ({ record: await ctx.vault.getOrThrow(i.id as RecordId), revisions: await ctx.vault.revisions(i.id as RecordId) }),
});

export const recordsCorrect = defineOperation({
  name: 'records.correct',
  summary: 'Correct a record: a new revision with a reason; the source’s original is kept',
  permission: 'owner',
  mutates: true,
  input: z.object({
    id: idSchema,
    set: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().regex(/^[^=]+=/, 'expected FIELD=VALUE')).min(1, 'give at least one --set FIELD=VALUE')),
    reason: z.string().min(1, 'say why (--reason)'),
  }),
  output: storedRecordSchema,
  cli: {
    command: ['correct'],
    positional: ['id'],
    help: { set: 'FIELD=VALUE (repeatable); FIELD is a path in data, e.g. value or address.locality' },
    render: (r) => `Corrected ${r.type} ${r.id}: now revision ${r.revision}.`,
  },
  handler: async (ctx, i) => {
    const set: Record<string, unknown> = {};
    for (const kv of i.set) {
      const at = kv.indexOf('=');
      set[kv.slice(0, at).trim()] = kv.slice(at + 1);
    }
    return ctx.vault.correct(i.id as RecordId, set, i.reason);
  },
});

export const recordsDelete = defineOperation({
  name: 'records.delete',
  summary: 'Delete a record: its content is erased; a tombstone stops re-imports from bringing it back',
  permission: 'owner',
  mutates: true,
  input: z.object({ id: idSchema, reason: z.string().default('deleted by the person') }),
  output: z.object({ deleted: z.string() }),
  cli: { command: ['delete'], positional: ['id'], render: (o) => `Deleted ${o.deleted}.` },
  handler: async (ctx, i) => {
    await ctx.vault.delete(i.id as RecordId, i.reason);
    return { deleted: i.id };
  },
});

export const vaultStats = defineOperation({
  name: 'vault.stats',
  summary: 'How many records, per type and per source',
  permission: 'owner',
  mutates: false,
  input: z.object({}),
  output: z.object({ total: z.number(), byType: z.record(z.string(), z.number()), bySource: z.record(z.string(), z.number()) }),
  cli: {
    command: ['stats'],
    render: (o) => ({
      head: ['', 'records'],
      table: [
        ...Object.entries(o.byType).sort().map(([k, v]) => [`type ${k}`, v]),
        ...Object.entries(o.bySource).sort().map(([k, v]) => [`source ${k}`, v]),
        ['total', o.total],
      ],
    }),
  },
  handler: async (ctx) => {
    const s = await ctx.vault.stats();
    return { total: s.total, byType: s.byType, bySource: s.bySource };
  },
});

const fileReportSchema = z.object({
  file: z.string(),
  status: z.enum(['imported', 'refused', 'unrecognised', 'failed']),
  format: z.string().nullable(),
  summary: importSummarySchema.optional(),
  archive: z.object({ inserted: z.number(), unchanged: z.number(), blobs: z.number() }).optional(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
  tried: z.array(z.object({ id: z.string(), confidence: z.number(), reason: z.string().optional() })).optional(),
});

export const filesImport = defineOperation({
  name: 'files.import',
  summary: 'Import files or folders from this machine: each file is recognised from its content and imported all or nothing',
  permission: 'owner',
  mutates: true,
  faces: ['cli'],
  input: z.object({
    files: z.array(z.string()).min(1, 'name at least one file or folder'),
    format: z.string().optional(),
    map: listOf(z.string().regex(/^[^=]+=.+$/, 'expected TARGET=COLUMN')).optional(),
    type: z.string().optional(),
    source: z.string().optional(),
    timeZone: z.string().optional(),
    profile: z.string().optional(),
    saveProfile: z.string().regex(/^[\w.-]{1,60}$/, 'a profile name is letters, digits, . _ -').optional(),
  }),
  output: z.object({ files: z.array(fileReportSchema), imported: z.number(), refused: z.number(), unrecognised: z.number(), failed: z.number() }),
  cli: {
    command: ['import'],
    positional: ['files'],
    help: {
      format: 'force a connector by id',
      map: 'TARGET=COLUMN pairs for generic and unknown CSV layouts',
      type: 'record type for generic imports',
      saveProfile: 'save --format/--map/--type/--source/--time-zone under this name',
      profile: 'use a saved profile (flags given here win)',
    },
    render: (o) => renderImport(o.files as FileImportReport[]),
  },
  handler: async (ctx, i) => {
    const given: ImportProfile = {
      ...(i.format ? { format: i.format } : {}),
      ...(i.map ? { map: Object.fromEntries(i.map.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) } : {}),
      ...(i.type ? { type: i.type } : {}),
      ...(i.source ? { source: i.source } : {}),
      ...(i.timeZone ? { timeZone: i.timeZone } : {}),
    };
    const saved = i.profile ? await loadProfile(ctx.vault, i.profile) : {};
    const p: ImportProfile = { ...saved, ...given, map: { ...saved.map, ...given.map } };
    if (i.saveProfile) await saveProfile(ctx.vault, i.saveProfile, p);
    const map = p.map && Object.keys(p.map).length > 0 ? p.map : undefined;
    const files = await importFiles(ctx.vault, i.files, {
      ...(p.format ? { format: p.format } : {}),
      options: { ...(map ? { map } : {}), ...(p.type ? { recordType: p.type } : {}), ...(p.source ? { source: p.source } : {}), ...(p.timeZone ? { timeZone: p.timeZone } : {}) },
      onFileStart: (name) => ctx.progress?.(0, null, name),
      onProgress: (name, n) => ctx.progress?.(n, null, name),
    });
    const count = (s: FileImportReport['status']) => files.filter((f) => f.status === s).length;
    return { files, imported: count('imported'), refused: count('refused'), unrecognised: count('unrecognised'), failed: count('failed') };
  },
});

export const importsList = defineOperation({
  name: 'imports.list',
  summary: 'The import log: every import, committed or refused, with counts and errors',
  permission: 'owner',
  mutates: false,
  input: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }),
  output: z.array(importSummarySchema),
  cli: {
    command: ['imports'],
    render: (o) => ({
      head: ['started', 'status', 'format', 'source', 'file', 'received', 'new', 'changed', 'known'],
      table: o.map((s) => [s.startedAt.slice(0, 19).replace('T', ' '), s.status, s.format ?? '', Object.keys(s.bySource).join(' '), s.fileName ?? '', s.counts.received, s.counts.inserted, s.counts.updated, s.counts.unchanged]),
    }),
  },
  handler: async (ctx, i) => ctx.vault.imports(i.limit),
});

export const vaultExport = defineOperation({
  name: 'vault.export',
  summary: 'Export the whole vault to an open archive (JSON Lines per type, blobs, manifest with checksums)',
  permission: 'owner',
  mutates: false,
  faces: ['cli'],
  input: z.object({ out: z.string().min(1, 'say where to write the archive (--out FILE)') }),
  output: z.object({ out: z.string(), total: z.number(), byType: z.record(z.string(), z.number()), blobs: z.number() }),
  cli: { command: ['export'], render: (o) => `Exported ${o.total} records and ${o.blobs} files to ${o.out}.` },
  handler: async (ctx, i) => {
    const m = await exportArchive(ctx.vault, i.out);
    return { out: i.out, total: m.counts.total, byType: m.counts.byType, blobs: m.counts.blobs };
  },
});

/** What a person tells the importer about a layout it does not know, saved under a name. */
interface ImportProfile {
  format?: string;
  map?: Record<string, string>;
  type?: string;
  source?: string;
  timeZone?: string;
}
const PROFILES_KEY = 'import.profiles';

/** Every saved profile, by name (the vault's meta table holds them as one JSON object). */
async function savedProfiles(vault: Vault): Promise<Record<string, ImportProfile>> {
  return JSON.parse((await vault.store.getMeta(PROFILES_KEY)) ?? '{}') as Record<string, ImportProfile>;
}

async function loadProfile(vault: Vault, name: string): Promise<ImportProfile> {
  const all = await savedProfiles(vault);
  const p = all[name];
  if (!p) throw new MesInfosError('NOT_FOUND', `No saved import profile "${name}". Saved: ${Object.keys(all).join(', ') || 'none'}. Save one with --save-profile.`);
  return p;
}

async function saveProfile(vault: Vault, name: string, p: ImportProfile): Promise<void> {
  const all = await savedProfiles(vault);
  all[name] = p;
  await vault.store.setMeta(PROFILES_KEY, JSON.stringify(all));
}

function summarise(data: Record<string, unknown>): string {
  const pick = ['label', 'fullName', 'summary', 'title', 'merchant', 'name', 'attribute', 'kind', 'meterId'];
  const parts: string[] = [];
  for (const k of pick) if (typeof data[k] === 'string') parts.push(String(data[k]));
  const amount = data.amount ?? data.total;
  if (amount && typeof amount === 'object' && 'amountMinor' in amount) {
    const a = amount as Money;
    parts.push(formatMoney(a));
  }
  if (typeof data.value === 'string' || typeof data.value === 'number') parts.push(String(data.value));
  if (typeof data.energyWh === 'number') parts.push(`${data.energyWh} Wh`);
  return parts.join(' · ').slice(0, 60);
}

function renderImport(files: FileImportReport[]): string {
  const lines: string[] = [];
  for (const f of files) {
    if (f.status === 'imported' && f.summary) {
      const s = f.summary;
      const types = Object.entries(s.byType)
        .map(([t, n]) => `${n} ${t}`)
        .join(', ');
      lines.push(`✓ ${f.file} [${f.format}]: ${s.counts.inserted} new, ${s.counts.updated} changed, ${s.counts.unchanged} already known${types ? ` (${types})` : ''}`);
      for (const w of s.warnings) lines.push(`  ! ${w}`);
    } else if (f.status === 'imported' && f.archive) {
      lines.push(`✓ ${f.file} [vault archive]: ${f.archive.inserted} new, ${f.archive.unchanged} already known, ${f.archive.blobs} files`);
    } else {
      lines.push(`✗ ${f.file}${f.format ? ` [${f.format}]` : ''}: ${f.error?.message ?? f.status}`);
      const faults = (f.error?.details as { faults?: { index: number; field: string; message: string; location?: string }[] } | undefined)?.faults;
      for (const x of faults?.slice(0, 20) ?? []) lines.push(`    record ${x.index + 1}${x.location ? ` (${x.location})` : ''} ${x.field}: ${x.message}`);
      if (faults && faults.length > 20) lines.push(`    … and ${faults.length - 20} more`);
    }
  }
  return lines.join('\n');
}

export const vaultOperations: AnyOperation[] = [recordsList, recordsGet, recordsCorrect, recordsDelete, vaultStats, filesImport, importsList, vaultExport] as unknown as AnyOperation[];
