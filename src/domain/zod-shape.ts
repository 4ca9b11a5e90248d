import type { z } from 'zod';

/**
 * Reads what a zod 4 schema expects, looking through its wrappers (optional, nullable,
 * default, readonly, pipes). One reader for every face that must turn text into input:
 * the CLI's options, the HTTP query string, the consent engine's field paths.
 * Example: fieldShape(z.coerce.number().int().default(100)) → { kind: 'number', optional: true, defaultValue: 100 }
 */
export interface FieldShape {
  kind: 'string' | 'number' | 'boolean' | 'array' | 'enum' | 'object' | 'other';
  optional: boolean;
  choices?: string[];
  defaultValue?: unknown;
  /** A z.preprocess sees the raw value first (e.g. a list given as "a,b"). */
  preprocessed: boolean;
  /** The schema inside the wrappers. */
  core: z.ZodType;
}

export interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  entries?: Record<string, string>;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  element?: z.ZodType;
}

export function defOf(s: z.ZodType): ZodDef {
  return (s as unknown as { _zod: { def: ZodDef } })._zod.def;
}

export function fieldShape(schema: z.ZodType): FieldShape {
  let s = schema;
  let optional = false;
  let preprocessed = false;
  let defaultValue: unknown;
  for (let guard = 0; guard < 10; guard++) {
    const d = defOf(s);
    if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'readonly' || d.type === 'catch' || d.type === 'nonoptional') && d.innerType) {
      optional ||= d.type === 'optional' || d.type === 'nullable';
      s = d.innerType;
    } else if ((d.type === 'default' || d.type === 'prefault') && d.innerType) {
      optional = true;
      defaultValue = typeof d.defaultValue === 'function' ? undefined : d.defaultValue;
      s = d.innerType;
    } else if (d.type === 'pipe' && d.in && d.out) {
      const pre = defOf(d.in).type === 'transform';
      preprocessed ||= pre;
      s = pre ? d.out : d.in;
    } else break;
  }
  const d = defOf(s);
  const kind: FieldShape['kind'] =
    d.type === 'string' ? 'string'
    : d.type === 'number' || d.type === 'int' ? 'number'
    : d.type === 'boolean' || d.type === 'array' || d.type === 'enum' || d.type === 'object' ? d.type
    : 'other';
  return {
    kind,
    optional,
    preprocessed,
    core: s,
    ...(kind === 'enum' ? { choices: Object.values(d.entries ?? {}) } : {}),
    ...(defaultValue !== undefined ? { defaultValue } : {}),
  };
}

/** The fields of an object schema (looking through its wrappers), or none. */
export function objectFields(schema: z.ZodType): [string, z.ZodType][] {
  const shape = defOf(fieldShape(schema).core).shape;
  return shape ? Object.entries(shape) : [];
}
