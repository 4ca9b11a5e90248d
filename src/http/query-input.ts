import type { z } from 'zod';
import { fieldShape, objectFields, type FieldShape } from '../domain/zod-shape.ts';

type Query = Record<string, string | string[] | undefined>;

/**
 * Query strings carry only strings: turns them into what an operation's input schema
 * expects before it validates. `true`/`false`/`1`/`0` (and a bare `?live`) become booleans,
 * numeric text a number, a repeated key an array (and a single value a one-item array
 * where an array is expected). Anything else is left for the schema to judge. The schema
 * is read once, here: the returned reader does only the per-request work.
 *
 * Example: queryReader(schema)({ type: ['contact', 'bank.transaction'], limit: '5', live: 'true' }) → { type: [...], limit: 5, live: true }
 */
export function queryReader(schema: z.ZodType): (query: Query) => Record<string, unknown> {
  const shapes = new Map<string, Pick<FieldShape, 'kind' | 'preprocessed'>>(
    objectFields(schema).map(([key, field]) => {
      const { kind, preprocessed } = fieldShape(field);
      return [key, { kind, preprocessed }];
    }),
  );
  return (query) => {
    const out: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(query)) {
      if (raw === undefined) continue;
      const shape = shapes.get(key);
      if (!shape) {
        out[key] = raw;
        continue;
      }
      const one = Array.isArray(raw) ? raw[raw.length - 1]! : raw;
      if (shape.kind === 'boolean') out[key] = one === '' || one === 'true' || one === '1' ? true : one === 'false' || one === '0' ? false : one;
      else if (shape.kind === 'number') out[key] = /^-?\d+(\.\d+)?$/.test(one.trim()) ? Number(one) : one;
      else if (shape.kind === 'array') out[key] = Array.isArray(raw) || shape.preprocessed ? raw : [raw];
      else out[key] = raw;
    }
    return out;
  };
}
