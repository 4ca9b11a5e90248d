import type { z } from 'zod';
import type { Connector, ConnectorContext, ConnectorInput, ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { RECORD_TYPES, type RecordType, recordDataSchemas, sourceSchema } from '../../domain/record.ts';
import { OccurrenceRefs } from '../util/content-ref.ts';
import { CoerceError, type Target, coerce, instantOf, schemaAt, targetOf } from './generic-targets.ts';
import { type Row, keysOf, kindOf, rowsOf, valueAt } from './generic-rows.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/time.ts';

/**
 * Everything else a person may hold: a CSV, a JSON array of objects (or an object holding
 * one array), or JSON Lines, mapped to a record type by the person:
 *
 *   { recordType: 'health.measure', source: 'my-scale',
 *     map: { occurredAt: 'Date', 'data.start': 'Date', 'data.value': 'Poids (kg)',
 *            'data.kind': '=body_mass', 'data.code.code': '=29463-7', 'data.unit': '=kg' } }
 *
 * - A map key is `occurredAt`, `sourceRef` or a `data.` path of the record type's schema;
 *   its value names the source column or key (dotted for nested JSON), or, after `=`, a
 *   constant.
 * - Cells are coerced to what the schema expects: numbers ("61,4"), exact money with
 *   toMoney (currency from `data.<field>.currency` — a column or `=USD` — else EUR), dates
 *   (31/12/2024, day first, or ISO) and date-times (naive ones in ctx.options.timeZone,
 *   default Europe/Paris), booleans, ";"-separated lists. Empty cells leave the field out.
 * - Without a mapping, read() throws a ConnectorError listing the columns found and an
 *   example mapping.
 * - recognize() answers 0.2–0.25 for any CSV or JSON, so every specific connector wins;
 *   the person picks this one explicitly (`--format generic`, registry `connectorById`).
 * - source: ctx.options.source, else `generic`. sourceRef: the mapped column, else a hash of
 *   the record's content plus its occurrence among identical rows.
 */
export const genericConnector: Connector = {
  id: 'generic',
  label: 'Generic CSV / JSON / JSON Lines (with a column mapping)',
  recognize(input) {
    const kind = kindOf(input);
    if (kind === null) return { confidence: 0, reason: 'empty' };
    if (kind === 'csv') {
      const lines = new TextDecoder().decode(input.head.subarray(0, 4096)).split(/\r?\n/).filter((l) => l.trim() !== '');
      if (lines.length < 2 || !/[;,\t|]/.test(lines[0]!)) return { confidence: 0, reason: 'not a table' };
      return { confidence: 0.2, reason: 'a table (CSV): needs a column mapping' };
    }
    return { confidence: kind === 'json' ? 0.25 : 0.2, reason: `${kind === 'json' ? 'JSON' : 'JSON Lines'}: needs a key mapping` };
  },
  read(input, ctx) {
    return readGeneric(input, ctx);
  },
};

interface Field {
  key: string;
  path: string[];
  from: string;
  target: Target;
}

const EXAMPLE = `{ recordType: 'health.measure', source: 'my-scale', map: { occurredAt: 'Date', 'data.start': 'Date', 'data.value': 'Poids (kg)', 'data.kind': '=body_mass', 'data.code.code': '=29463-7', 'data.unit': '=kg' } }`;

function plan(input: ConnectorInput, ctx: ConnectorContext): { type: RecordType; fields: Field[]; occurredAt: string; sourceRef?: string } {
  const { recordType, map } = ctx.options;
  const fail = (msg: string) => new ConnectorError(`${input.name}: ${msg}`, { file: input.name });
  if (!recordType || !(RECORD_TYPES as string[]).includes(recordType))
    throw fail(`the record type ${recordType ? `"${recordType}" is unknown` : 'is missing'}: expected one of ${RECORD_TYPES.join(', ')}`);
  const type = recordType as RecordType;
  const schema = recordDataSchemas[type] as z.ZodType;
  const fields: Field[] = [];
  for (const [key, from] of Object.entries(map ?? {})) {
    if (key === 'occurredAt' || key === 'sourceRef') continue;
    if (!key.startsWith('data.')) throw fail(`map key "${key}" is not occurredAt, sourceRef or a data.<field> path`);
    const path = key.split('.').slice(1);
    const parent = schemaAt(schema, path.slice(0, -1));
    if (path[path.length - 1] === 'currency' && parent && targetOf(parent) === 'money') continue; // read with its amount
    const s = schemaAt(schema, path);
    if (!s) throw fail(`map key "${key}": a ${type} has no field ${path.join('.')}`);
    fields.push({ key, path, from, target: targetOf(s) });
  }
  if (!map?.occurredAt) throw fail(`the mapping has no occurredAt: name the column that says when, e.g. map: { occurredAt: 'Date', … }`);
  return { type, fields, occurredAt: map.occurredAt, ...(map.sourceRef ? { sourceRef: map.sourceRef } : {}) };
}

function cell(row: Row, from: string): string | number | boolean | undefined {
  if (from.startsWith('=')) return from.slice(1);
  const v = valueAt(row.values, from);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

async function* readGeneric(input: ConnectorInput, ctx: ConnectorContext): AsyncIterable<ConnectorRecord> {
  const kind = kindOf(input);
  if (kind === null) throw new ConnectorError(`${input.name}: the file is empty`, { file: input.name });
  const timeZone = ctx.options.timeZone ?? DEFAULT_TIME_ZONE;
  const source = ctx.options.source ?? 'generic';
  if (!sourceSchema.safeParse(source).success)
    throw new ConnectorError(`${input.name}: source "${source}" may hold only lower-case letters, digits and . : _ - / @`, { file: input.name, field: 'source' });
  const refs = new OccurrenceRefs();
  let p: ReturnType<typeof plan> | undefined;
  let rows = 0;
  for await (const row of rowsOf(input, kind)) {
    rows++;
    if (!p) {
      if (!ctx.options.map || Object.keys(ctx.options.map).length === 0) {
        const cols = keysOf(row.values).map((c) => `"${c}"`).join(', ');
        throw new ConnectorError(
          `${input.name}: which column goes where? Columns found: ${cols}. Pass a mapping with the record type, e.g. ${EXAMPLE}`,
          { file: input.name },
        );
      }
      p = plan(input, ctx);
      const known = new Set(keysOf(row.values));
      for (const from of [p.occurredAt, p.sourceRef, ...p.fields.map((f) => f.from)])
        if (from && !from.startsWith('=') && !known.has(from) && valueAt(row.values, from) === undefined && kind === 'csv')
          throw new ConnectorError(`${input.name}: the mapping names a column "${from}" that the file does not have; columns found: ${[...known].map((c) => `"${c}"`).join(', ')}`, {
            file: input.name,
            field: from,
          });
    }
    yield build(row, p);
  }
  if (rows === 0) ctx.warn(`${input.name}: no rows`);

  function build(row: Row, plan: NonNullable<typeof p>): ConnectorRecord {
    const at = (field: string, e: unknown): never => {
      throw new ConnectorError(`${input.name}, ${row.where}, ${field}: ${(e as Error).message}`, { file: input.name, ...(row.line ? { line: row.line } : {}), field });
    };
    const whenText = cell(row, plan.occurredAt);
    if (whenText === undefined) at(plan.occurredAt, new Error('empty: expected when it happened'));
    let when: { instant: string; offset?: string } = { instant: '' };
    try {
      when = instantOf(String(whenText), timeZone);
    } catch (e) {
      if (e instanceof CoerceError) at(plan.occurredAt, e);
      throw e;
    }
    const data: Record<string, unknown> = {};
    for (const f of plan.fields) {
      const v = cell(row, f.from);
      if (v === undefined) continue;
      let value: unknown;
      try {
        if (typeof v === 'number' && f.target === 'number') value = v;
        else if (typeof v === 'boolean' && f.target === 'boolean') value = v;
        else {
          const cur = f.target === 'money' ? cell(row, ctx.options.map?.[`${f.key}.currency`] ?? '=EUR') : undefined;
          value = coerce(String(v), f.target, timeZone, String(cur ?? 'EUR').trim().toUpperCase());
        }
      } catch (e) {
        if (e instanceof CoerceError) at(f.from, e);
        throw e;
      }
      let obj = data;
      for (const k of f.path.slice(0, -1)) obj = (obj[k] ??= {}) as Record<string, unknown>;
      obj[f.path[f.path.length - 1]!] = value;
    }
    const own = plan.sourceRef ? cell(row, plan.sourceRef) : undefined;
    const rec: ConnectorRecord = {
      type: plan.type,
      source,
      sourceRef: own !== undefined ? String(own) : refs.next([when.instant, JSON.stringify(data)]),
      occurredAt: when.instant,
      data,
      location: row.where,
    };
    if (when.offset) rec.occurredOffset = when.offset;
    return rec;
  }
}
