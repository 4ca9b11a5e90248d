import { z } from 'zod';

/**
 * Money: an integer number of minor units plus an ISO 4217 currency. Never a float.
 *
 * `scale` is the number of decimal digits `amountMinor` carries. It defaults to the
 * currency's own minor unit (2 for EUR, 0 for JPY, 3 for KWD); a source that gives
 * more precision (a price per kWh with 5 decimals) keeps it with a larger scale.
 * Example: { amountMinor: -4250, currency: 'EUR' } is −42.50 €.
 */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as EUR')
  .refine((c) => isKnownCurrency(c), { message: 'unknown ISO 4217 currency code' });

export const moneySchema = z.strictObject({
  amountMinor: z.number().int('amountMinor must be an integer number of minor units').refine(Number.isSafeInteger, 'amount too large'),
  currency: currencySchema,
  scale: z.number().int().min(0).max(8).optional(),
});
export type Money = z.infer<typeof moneySchema>;

let knownCurrencies: Set<string> | undefined;
export function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

const exponentCache = new Map<string, number>();
/** ISO 4217 minor unit digits of a currency (EUR → 2, JPY → 0, KWD → 3). */
export function currencyExponent(currency: string): number {
  let e = exponentCache.get(currency);
  if (e === undefined) {
    e = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponentCache.set(currency, e);
  }
  return e;
}

export class DecimalParseError extends Error {
  readonly code = 'DECIMAL_MALFORMED';
}

/**
 * Parses a decimal written by a person or a bank into an exact integer and its scale.
 * Accepts a leading sign (or a trailing one, or parentheses), `.` or `,` as the decimal
 * mark, and spaces, no-break spaces, apostrophes, or the other mark as thousands
 * separators: "2 480,45", "1,000.00", "-3,23", "(12.00)", "12.34-".
 * With `decimalMark` given, that mark alone is the decimal mark.
 */
export function parseDecimal(text: string, decimalMark?: '.' | ','): { units: bigint; scale: number } {
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  } else if (s.endsWith('+')) s = s.slice(0, -1);
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) throw new DecimalParseError(`"${text}" is not a number`);
  let mark = decimalMark;
  if (!mark) {
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) mark = lastDot > lastComma ? '.' : ',';
    else if (lastComma >= 0) {
      // "1,000" alone is ambiguous; several commas or exactly 3 digits after one comma with
      // more than 3 before is a thousands separator; otherwise it is a decimal comma.
      const groups = s.split(',');
      mark = groups.length > 2 ? '.' : ',';
    } else mark = '.';
  }
  const thousands = mark === '.' ? ',' : '.';
  const parts = s.split(thousands).join('').split(mark);
  if (parts.length > 2) throw new DecimalParseError(`"${text}" has more than one decimal mark`);
  const intPart = parts[0] === '' ? '0' : parts[0]!;
  const frac = parts[1] ?? '';
  if (!/^[0-9]+$/.test(intPart) || !/^[0-9]*$/.test(frac)) throw new DecimalParseError(`"${text}" is not a number`);
  const units = BigInt(intPart + frac) * (negative ? -1n : 1n);
  return { units, scale: frac.length };
}

/**
 * Converts a decimal string to Money in the currency's minor units, exactly. When the
 * text has more decimals than the currency's minor unit (and they are not zeros), the
 * Money keeps the finer scale rather than rounding.
 */
export function toMoney(text: string, currency: string, decimalMark?: '.' | ','): Money {
  const { units, scale } = parseDecimal(text, decimalMark);
  const exp = currencyExponent(currency);
  if (scale <= exp) return { amountMinor: toSafe(units * 10n ** BigInt(exp - scale), text), currency };
  const factor = 10n ** BigInt(scale - exp);
  if (units % factor === 0n) return { amountMinor: toSafe(units / factor, text), currency };
  return { amountMinor: toSafe(units, text), currency, scale };
}

function toSafe(v: bigint, text: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new DecimalParseError(`"${text}" is too large`);
  return n;
}

/** The amount as a decimal string ("-42.50"), exact. */
export function formatMoneyDecimal(m: Money): string {
  const scale = m.scale ?? currencyExponent(m.currency);
  const neg = m.amountMinor < 0;
  const digits = Math.abs(m.amountMinor).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${neg ? '-' : ''}${int}${scale > 0 ? '.' + frac : ''}`;
}

/** Amount in the currency's standard minor units, rounded half away from zero when finer. */
export function minorUnits(m: Money): number {
  const exp = currencyExponent(m.currency);
  const scale = m.scale ?? exp;
  if (scale === exp) return m.amountMinor;
  const f = 10 ** (scale - exp);
  return Math.sign(m.amountMinor) * Math.round(Math.abs(m.amountMinor) / f);
}
