import type { z } from 'zod';
import { recordDataSchemas, type RecordType } from '../domain/record.ts';
import { objectFields } from '../domain/zod-shape.ts';

/**
 * What the consent engine needs to know about each record type's fields, in one table:
 * - `numeric`: the field an `aggregate` grant totals per period (dotted path into data),
 *   and `groupBy`, the field that keeps incomparable totals apart (money by currency);
 * - `account`: the field a grant's `accounts` filter matches (bank account, meter, line).
 * A type absent from `AGGREGATES` cannot be granted at `aggregate` granularity.
 */
export const AGGREGATES: Partial<Record<RecordType, { field: string; groupBy?: string }>> = {
  // Electricity and gas kWh are kept apart; so are steps and heart rates, calls and data.
  'energy.reading': { field: 'energyWh', groupBy: 'commodity' },
  'bank.transaction': { field: 'amount.amountMinor', groupBy: 'amount.currency' },
  'telecom.usage': { field: 'durationS', groupBy: 'kind' },
  'health.measure': { field: 'value', groupBy: 'kind' },
  purchase: { field: 'total.amountMinor', groupBy: 'total.currency' },
};

export const ACCOUNT_FIELDS: Partial<Record<RecordType, string>> = {
  'bank.transaction': 'accountRef',
  'bank.account': 'accountId',
  'energy.reading': 'meterId',
  'telecom.usage': 'line',
};

const pathCache = new Map<RecordType, ReadonlySet<string>>();

/**
 * Every field path a grant may name for a type: top-level fields and, inside nested
 * objects, their dotted paths ("amount", "amount.amountMinor", "amount.currency").
 * Arrays are granted whole.
 */
export function fieldPathsOf(type: RecordType): ReadonlySet<string> {
  const cached = pathCache.get(type);
  if (cached) return cached;
  const out = new Set<string>();
  const walk = (s: z.ZodType, prefix: string) => {
    for (const [k, v] of objectFields(s)) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.add(p);
      walk(v, p);
    }
  };
  walk(recordDataSchemas[type] as z.ZodType, '');
  pathCache.set(type, out);
  return out;
}

/** The top-level fields of a type: what "all fields" means in a grant. */
export function topLevelFieldsOf(type: RecordType): string[] {
  return [...fieldPathsOf(type)].filter((p) => !p.includes('.'));
}

/** Whether `path` is granted by `granted`: equal to a granted path or inside one. */
export function isFieldCovered(path: string, granted: readonly string[]): boolean {
  return granted.some((g) => path === g || path.startsWith(g + '.'));
}
