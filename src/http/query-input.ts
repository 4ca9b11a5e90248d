import type { z } from 'zod';
import { fieldShape, objectFields } from '../domain/zod-shape.ts';

/**
 * Query strings carry only strings: turns them into what an operation's input schema
 * expects before it validates. `true`/`false`/`1`/`0` (and a bare `?live`) become booleans,
 * numeric text a number, a repeated key an array (and a single value a one-item array
 * where an array is expected). Anything else is left for the schema to judge.
 *
 * Example: `?type=contact&type=bank.transaction&limit=5&live=true` → { type: [...], limit: 5, live: true }
 */
export function queryToInput(schema: z.ZodType, query: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const shape = Object.fromEntries(objectFields(schema));
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    const field = shape[key];
    if (!field) {
      out[key] = raw;
      continue;
    }
    const { kind, preprocessed } = fieldShape(field);
    const one = Array.isArray(raw) ? raw[raw.length - 1]! : raw;
    if (kind === 'boolean') out[key] = one === '' || one === 'true' || one === '1' ? true : one === 'false' || one === '0' ? false : one;
    else if (kind === 'number') out[key] = /^-?\d+(\.\d+)?$/.test(one.trim()) ? Number(one) : one;
    else if (kind === 'array') out[key] = Array.isArray(raw) || preprocessed ? raw : [raw];
    else out[key] = raw;
  }
  return out;
}
