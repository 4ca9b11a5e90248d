import type { z } from 'zod';

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The base kind of a field, looking through optional, default and pipes; whether a preprocess sees the raw value first. */
function baseKind(schema: z.ZodType): { kind: string; preprocessed: boolean } {
  let s = schema;
  let preprocessed = false;
  for (let guard = 0; guard < 10; guard++) {
    const d = defOf(s);
    if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'prefault') && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in && d.out) {
      const pre = defOf(d.in).type === 'transform';
      preprocessed ||= pre;
      s = pre ? d.out : d.in;
    } else return { kind: d.type, preprocessed };
  }
  return { kind: 'unknown', preprocessed };
}

/**
 * Query strings carry only strings: turns them into what an operation's input schema
 * expects before it validates. `true`/`false`/`1`/`0` (and a bare `?live`) become booleans,
 * numeric text a number, a repeated key an array (and a single value a one-item array
 * where an array is expected). Anything else is left for the schema to judge.
 *
 * Example: `?type=contact&type=bank.transaction&limit=5&live=true` → { type: [...], limit: 5, live: true }
 */
export function queryToInput(schema: z.ZodType, query: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const shape = defOf(schema).shape ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    const field = shape[key];
    if (!field) {
      out[key] = raw;
      continue;
    }
    const { kind, preprocessed } = baseKind(field);
    const one = Array.isArray(raw) ? raw[raw.length - 1]! : raw;
    if (kind === 'boolean') out[key] = one === '' || one === 'true' || one === '1' ? true : one === 'false' || one === '0' ? false : one;
    else if (kind === 'number' || kind === 'int') out[key] = /^-?\d+(\.\d+)?$/.test(one.trim()) ? Number(one) : one;
    else if (kind === 'array') out[key] = Array.isArray(raw) || preprocessed ? raw : [raw];
    else out[key] = raw;
  }
  return out;
}
