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
  .regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 currency code such as EUR', abort: true })
  .refine((c) => isKnownCurrency(c), { message: 'unknown ISO 4217 currency code' });

/** The finest scale a Money may carry. */
const MAX_SCALE = 8;

export const moneySchema = z.strictObject({
  amountMinor: z.number().int({
    error: (iss) => (iss.code === 'too_big' || iss.code === 'too_small' ? 'amount too large: beyond ±2^53 minor units' : 'amountMinor must be an integer number of minor units'),
    abort: true,
  }),
  currency: currencySchema,
  scale: z.number().int().min(0).max(MAX_SCALE).optional(),
});
export type Money = z.infer<typeof moneySchema>;

let knownCurrencies: Set<string> | undefined;
export function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

const exponentCache = new Map<string, number>();
/**
 * ISO 4217 minor unit digits of a currency (EUR → 2, JPY → 0, KWD → 3). An unknown or
 * malformed code ("EURO") gets 2 rather than an exception here: `moneySchema` refuses it
 * where the Money is validated, naming the field.
 */
export function currencyExponent(currency: string): number {
  let e = exponentCache.get(currency);
  if (e === undefined) {
    e = isKnownCurrency(currency) ? (new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2) : 2;
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
 * Without `decimalMark`, a mark that appears once is the decimal mark ("12,345" is
 * 12.345, as French exports mean it) and a mark that repeats groups thousands
 * ("1.000.000"), and must then group by three. With `decimalMark` given, that mark
 * alone is the decimal mark and the other one is dropped wherever it is.
 * One sign at most: "-12-" or "(-12)" throws rather than guessing.
 */
export function parseDecimal(text: string, decimalMark?: '.' | ','): { units: bigint; scale: number } {
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  let signs = 0;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    signs++;
    s = s.slice(1, -1);
  }
  if (s.endsWith('-') || s.endsWith('+')) {
    negative ||= s.endsWith('-');
    signs++;
    s = s.slice(0, -1);
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    negative ||= s.startsWith('-');
    signs++;
    s = s.slice(1);
  }
  // "-12-", "(-12)", "+5-": two signs contradict or repeat each other; refuse rather than guess.
  if (signs > 1) throw new DecimalParseError(`"${text}" has more than one sign`);
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) throw new DecimalParseError(`"${text}" is not a number`);
  let mark = decimalMark;
  if (!mark) {
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) mark = lastDot > lastComma ? '.' : ',';
    else if (lastComma >= 0) {
      // "12,345" alone is ambiguous: a single comma is taken as the decimal comma (French
      // exports); several commas ("1,000,000") are thousands separators.
      mark = s.split(',').length > 2 ? '.' : ',';
    } else {
      // Likewise a single dot is the decimal point, several dots ("1.000.000") group thousands.
      mark = s.split('.').length > 2 ? ',' : '.';
    }
  }
  const thousands = mark === '.' ? ',' : '.';
  if (!decimalMark && s.includes(thousands)) {
    // A guessed thousands separator must group by three ("1,000,000", "1.234,56"), or the
    // guess is wrong: "1.2.3" or "1,00.5" is refused rather than read as 123 or 100.5.
    const groups = s.split(mark)[0]!.split(thousands);
    if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))
      throw new DecimalParseError(`"${text}" has thousands separators out of place; give the decimal mark`);
  }
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
 * Money keeps the finer scale rather than rounding, without trailing zeros ("0,00150" EUR
 * → 15 at scale 4), up to 8 decimals; a finer amount throws.
 */
export function toMoney(text: string, currency: string, decimalMark?: '.' | ','): Money {
  const { units, scale } = parseDecimal(text, decimalMark);
  const exp = currencyExponent(currency);
  if (scale > MAX_SCALE && units % 10n ** BigInt(scale - MAX_SCALE) !== 0n)
    throw new DecimalParseError(`"${text}" has more than ${MAX_SCALE} decimals`);
  if (scale <= exp) return { amountMinor: toSafe(units * 10n ** BigInt(exp - scale), text), currency };
  const factor = 10n ** BigInt(scale - exp);
  if (units % factor === 0n) return { amountMinor: toSafe(units / factor, text), currency };
  // Keep the finer scale, without trailing zeros beyond it ("0,00150" → 150 at scale 5 → 15 at scale 4).
  let u = units;
  let sc = scale;
  while (sc > exp && u % 10n === 0n) {
    u /= 10n;
    sc--;
  }
  return { amountMinor: toSafe(u, text), currency, scale: sc };
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

/** A money amount for people reading a terminal: "12.50 EUR". */
export function formatMoney(m: Money): string {
  return `${formatMoneyDecimal(m)} ${m.currency}`;
}

/** Amount in the currency's standard minor units, rounded half away from zero when finer. */
export function minorUnits(m: Money): number {
  const exp = currencyExponent(m.currency);
  const scale = m.scale ?? exp;
  if (scale === exp) return m.amountMinor;
  const abs = BigInt(Math.abs(m.amountMinor));
  let r: bigint;
  if (scale < exp) r = abs * 10n ** BigInt(exp - scale);
  else {
    const f = 10n ** BigInt(scale - exp);
    r = (abs + f / 2n) / f;
  }
  // Exact in bigint; never -0.
  return r === 0n ? 0 : Number(m.amountMinor < 0 ? -r : r);
}
