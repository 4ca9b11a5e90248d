import type { z } from 'zod';
import { defOf, fieldShape } from '../../domain/zod-shape.ts';
import { instantSchema, isRealDate, localDateSchema } from '../../domain/time.ts';
import { parseDecimal, toMoney } from '../../domain/money.ts';
import { parseIsoInstant } from '../util/iso-instant.ts';

/**
 * What a mapped field expects, read from the record type's zod schema, and how a cell's
 * text is coerced to it: numbers ("61,4", "1 234.5"), exact money (toMoney, never a float),
 * dates ("31/12/2024", "2024-12-31"), date-times ("31/12/2024 08:30", ISO with or without
 * offset; naive ones in the time zone), booleans (true/false, oui/non, 1/0), lists (";"-separated).
 */
export type Target = 'instant' | 'date' | 'dateOrInstant' | 'number' | 'boolean' | 'money' | 'stringArray' | 'string' | 'object';


const unwrap = (s: z.ZodType): z.ZodType => fieldShape(s).core;

/** The schema at a dotted path inside an object schema, or undefined when there is none. */
export function schemaAt(root: z.ZodType, path: string[]): z.ZodType | undefined {
  let cur: z.ZodType | undefined = root;
  for (const key of path) {
    if (!cur) return undefined;
    const d = defOf(unwrap(cur));
    cur = d.type === 'object' ? d.shape?.[key] : undefined;
  }
  return cur;
}

export function targetOf(schema: z.ZodType): Target {
  const s = unwrap(schema);
  if (s === instantSchema) return 'instant';
  if (s === localDateSchema) return 'date';
  const d = defOf(s);
  if (d.type === 'union' && d.options) {
    const opts = d.options.map(unwrap);
    if (opts.includes(instantSchema) && opts.includes(localDateSchema)) return 'dateOrInstant';
    if (opts.includes(localDateSchema)) return 'date';
    return 'string';
  }
  if (d.type === 'number') return 'number';
  if (d.type === 'boolean') return 'boolean';
  if (d.type === 'array') return d.element && defOf(unwrap(d.element)).type === 'string' ? 'stringArray' : 'object';
  if (d.type === 'object') return d.shape && 'amountMinor' in d.shape && 'currency' in d.shape ? 'money' : 'object';
  return 'string';
}

export class CoerceError extends Error {}

/** A date or date-time as a person writes it. Day first: 03/04/2024 is 3 April. */
export function looseDate(text: string, timeZone: string): { date: string } | { instant: string; offset?: string } {
  const t = text.trim();
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/.exec(t);
  let iso = t;
  if (fr) {
    const date = `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}`;
    if (!isRealDate(date)) throw new CoerceError(`"${text}" is not a real date`);
    if (!fr[4]) return { date };
    iso = `${date}T${fr[4].padStart(2, '0')}:${fr[5]}:${fr[6] ?? '00'}`;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    if (!isRealDate(t)) throw new CoerceError(`"${text}" is not a real date`);
    return { date: t };
  }
  const p = parseIsoInstant(iso, timeZone);
  if (!p) throw new CoerceError(`"${text}" is not a date: expected 31/12/2024, 2024-12-31 or 2024-12-31T08:30:00+01:00`);
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso);
  return hasZone && !p.offset ? { instant: p.instant } : { instant: p.instant, ...(p.offset ? { offset: p.offset } : {}) };
}

/** The instant of a date-only value: local midnight in the time zone. */
export function instantOf(text: string, timeZone: string): { instant: string; offset?: string } {
  const v = looseDate(text, timeZone);
  if ('instant' in v) return v;
  const p = parseIsoInstant(`${v.date}T00:00:00`, timeZone)!;
  return { instant: p.instant, ...(p.offset ? { offset: p.offset } : {}) };
}

export function coerce(text: string, target: Target, timeZone: string, currency: string): unknown {
  switch (target) {
    case 'instant':
      return instantOf(text, timeZone).instant;
    case 'date': {
      const v = looseDate(text, timeZone);
      if ('date' in v) return v.date;
      throw new CoerceError(`"${text}" has a time; expected a date like 31/12/2024`);
    }
    case 'dateOrInstant': {
      const v = looseDate(text, timeZone);
      return 'date' in v ? v.date : v.instant;
    }
    case 'number': {
      try {
        const { units, scale } = parseDecimal(text);
        return Number(units) / 10 ** scale;
      } catch {
        throw new CoerceError(`"${text}" is not a number`);
      }
    }
    case 'money':
      try {
        return toMoney(text, currency);
      } catch (e) {
        throw new CoerceError(`"${text}" is not an amount in ${currency}: ${(e as Error).message}`);
      }
    case 'boolean': {
      const b = text.trim().toLowerCase();
      if (['true', 'oui', 'yes', '1', 'vrai', 'o', 'y'].includes(b)) return true;
      if (['false', 'non', 'no', '0', 'faux', 'n'].includes(b)) return false;
      throw new CoerceError(`"${text}" is not yes or no`);
    }
    case 'stringArray':
      return text.split(';').map((s) => s.trim()).filter((s) => s !== '');
    default:
      return text.trim();
  }
}
