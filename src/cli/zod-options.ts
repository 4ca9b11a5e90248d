import type { z } from 'zod';

/** What the CLI needs to know of one input field to offer it as an option. */
export interface FieldShape {
  kind: 'string' | 'number' | 'boolean' | 'array' | 'enum' | 'other';
  optional: boolean;
  choices?: string[];
  defaultValue?: unknown;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  out?: z.ZodType;
  in?: z.ZodType;
  entries?: Record<string, string>;
  defaultValue?: unknown;
}

function defOf(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** Reads a zod schema's shape for a command-line option: optional/default/pipe are looked through. */
export function fieldShape(schema: z.ZodType): FieldShape {
  let s = schema;
  let optional = false;
  let defaultValue: unknown;
  for (let guard = 0; guard < 10; guard++) {
    const d = defOf(s);
    if (d.type === 'optional' || d.type === 'nullable') {
      optional = true;
      s = d.innerType!;
    } else if (d.type === 'default' || d.type === 'prefault') {
      optional = true;
      defaultValue = typeof d.defaultValue === 'function' ? undefined : d.defaultValue;
      s = d.innerType!;
    } else if (d.type === 'pipe') {
      s = defOf(d.in!).type === 'transform' ? d.out! : d.in!;
    } else break;
  }
  const d = defOf(s);
  const base = { optional, ...(defaultValue !== undefined ? { defaultValue } : {}) };
  switch (d.type) {
    case 'string':
      return { kind: 'string', ...base };
    case 'number':
    case 'int':
      return { kind: 'number', ...base };
    case 'boolean':
      return { kind: 'boolean', ...base };
    case 'array':
      return { kind: 'array', ...base };
    case 'enum':
      return { kind: 'enum', choices: Object.values(d.entries ?? {}), ...base };
    default:
      return { kind: 'other', ...base };
  }
}

/** The fields of an object schema. */
export function objectFields(schema: z.ZodType): [string, z.ZodType][] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape ? Object.entries(shape) : [];
}

/** camelCase → kebab-case ("timeZone" → "time-zone"). */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
