import { z } from 'zod';
import { MesInfosError } from '../domain/errors.ts';
import { recordTypeSchema, type RecordType, type StoredRecord } from '../domain/record.ts';
import type { RecordStore } from '../store/record-store.ts';
import { bucketSchema, type GrantFilters, type Granularity } from './grant.ts';
import { ACCOUNT_FIELDS, AGGREGATES } from './type-fields.ts';

/**
 * Applies an allowed read's projection inside the vault: raw records stripped to the
 * granted fields, or totals computed by the store (`aggregate`), or an insight's result
 * (`derived`). Raw records never leave the vault under an aggregate or derived grant.
 */
export const projectedRecordSchema = z.strictObject({
  id: z.string(),
  type: recordTypeSchema,
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type ProjectedRecord = z.infer<typeof projectedRecordSchema>;

export const aggregateSeriesSchema = z.strictObject({
  type: recordTypeSchema,
  /** The numeric field totalled. */
  field: z.string(),
  /** What `group` holds in each period (a currency, an account), when grouped. */
  groupBy: z.string().optional(),
  periods: z.array(z.strictObject({ period: z.string(), group: z.string().optional(), sum: z.number(), count: z.number().int() })),
});

export const readResultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('records'), records: z.array(projectedRecordSchema), nextCursor: z.string().nullable() }),
  z.strictObject({ kind: z.literal('aggregate'), bucket: bucketSchema, timeZone: z.string().optional(), series: z.array(aggregateSeriesSchema) }),
  z.strictObject({ kind: z.literal('derived'), insight: z.string(), result: z.unknown() }),
]);
export type ReadResult = z.infer<typeof readResultSchema>;

/** An insight that can answer a `derived` grant, computed in the vault. */
export type DerivedInsight = (store: RecordStore, scope: { types: string[]; filters: GrantFilters; timeZone?: string }) => Promise<unknown>;

export interface ProjectionOptions {
  limit?: number;
  cursor?: string;
  /** Local time zone for aggregate periods (the person's); UTC when absent. */
  timeZone?: string;
  derived?: Readonly<Record<string, DerivedInsight>>;
}

function valueAt(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Copies only the given dotted paths of `data`, keeping their nesting; absent values stay absent. */
export function pickFields(data: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of fields) {
    const v = valueAt(data, path);
    if (v === undefined) continue;
    const keys = path.split('.');
    let target = out;
    for (const k of keys.slice(0, -1)) {
      const next = target[k];
      if (next === undefined || next === null || typeof next !== 'object') target[k] = {};
      target = target[k] as Record<string, unknown>;
    }
    target[keys[keys.length - 1]!] = structuredClone(v);
  }
  return out;
}

function accountMatches(r: StoredRecord, accounts: readonly string[] | undefined): boolean {
  if (!accounts) return true;
  const field = ACCOUNT_FIELDS[r.type];
  if (!field) return false;
  const v = valueAt(r.data, field);
  return typeof v === 'string' && accounts.includes(v);
}

/**
 * What to read: a read projection of the policy, or the owner's own request (fields
 * absent → whole records).
 */
export interface ReadPlan {
  scopes: { type: RecordType; fields?: readonly string[] }[];
  filters: GrantFilters;
  granularity: Granularity;
}

/** Runs a read under its projection; returns what the reader receives and how many records it covers. */
export async function runProjection(store: RecordStore, plan: ReadPlan, opts: ProjectionOptions = {}): Promise<{ result: ReadResult; recordCount: number }> {
  const { filters, scopes, granularity } = plan;
  const range = { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}), ...(filters.sources ? { sources: filters.sources } : {}) };

  if (granularity.kind === 'raw') {
    const page = await store.query({ types: scopes.map((s) => s.type), ...range, limit: opts.limit ?? 100, ...(opts.cursor ? { cursor: opts.cursor } : {}) });
    const fieldsOf = new Map(scopes.map((s) => [s.type, s.fields]));
    const records = page.records
      .filter((r) => accountMatches(r, filters.accounts))
      .map((r) => {
        const fields = fieldsOf.get(r.type);
        const data = r.data as Record<string, unknown>;
        return { id: r.id, type: r.type, occurredAt: r.occurredAt, data: fields ? pickFields(data, fields) : data };
      });
    return { result: { kind: 'records', records, nextCursor: page.nextCursor }, recordCount: records.length };
  }

  if (granularity.kind === 'aggregate') {
    let recordCount = 0;
    const series = [];
    for (const { type } of scopes) {
      const agg = AGGREGATES[type];
      if (!agg) throw new MesInfosError('CONSENT_DENIED', `No totals exist for ${type}.`);
      const accountField = filters.accounts ? ACCOUNT_FIELDS[type] : undefined;
      if (filters.accounts && !accountField) throw new MesInfosError('CONSENT_DENIED', `${type} has no account to filter on.`);
      const groupBy = accountField ?? agg.groupBy;
      const rows = await store.aggregate({ type, field: agg.field, bucket: granularity.bucket, ...range, ...(groupBy ? { groupBy } : {}), ...(opts.timeZone ? { timeZone: opts.timeZone } : {}) });
      const periods = rows
        .filter((r) => !filters.accounts || (r.group !== undefined && r.group !== null && filters.accounts.includes(r.group)))
        .map((r) => ({ period: r.period, ...(groupBy && r.group !== undefined && r.group !== null ? { group: r.group } : {}), sum: r.sum, count: r.count }));
      recordCount += periods.reduce((n, p) => n + p.count, 0);
      series.push({ type, field: agg.field, ...(groupBy ? { groupBy } : {}), periods });
    }
    return { result: { kind: 'aggregate', bucket: granularity.bucket, ...(opts.timeZone ? { timeZone: opts.timeZone } : {}), series }, recordCount };
  }

  const insight = opts.derived?.[granularity.insight];
  if (!insight) throw new MesInfosError('GRANT_INVALID', `The insight "${granularity.insight}" is not available in this vault.`);
  const result = await insight(store, { types: scopes.map((s) => s.type), filters, ...(opts.timeZone ? { timeZone: opts.timeZone } : {}) });
  return { result: { kind: 'derived', insight: granularity.insight, result }, recordCount: 0 };
}
