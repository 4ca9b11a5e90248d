import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { currencyExponent, DecimalParseError, formatMoneyDecimal, minorUnits, moneySchema, parseDecimal, toMoney, type Money } from './money.ts';

describe('parseDecimal', () => {
  it.each([
    // text, decimal mark given, units, scale
    ['2 480,45', undefined, 248045n, 2], // plain space
    ['2\u00a0480,45', undefined, 248045n, 2], // no-break space (French banks)
    ['2\u202f480,45', undefined, 248045n, 2], // narrow no-break space (Intl fr-FR)
    ["1'234.50", undefined, 123450n, 2], // Swiss apostrophe
    ['1,000.00', undefined, 100000n, 2],
    ['1.234,56', undefined, 123456n, 2],
    ['1,000,000', undefined, 1000000n, 0],
    ['1.000.000', undefined, 1000000n, 0],
    ['-3,23', undefined, -323n, 2],
    ['280.71', undefined, 28071n, 2],
    ['(12.00)', undefined, -1200n, 2],
    ['12.34-', undefined, -1234n, 2],
    ['12.34+', undefined, 1234n, 2],
    ['+5', undefined, 5n, 0],
    [',5', undefined, 5n, 1],
    ['.5', undefined, 5n, 1],
    ['5.', undefined, 5n, 0],
    ['  42,10 ', undefined, 4210n, 2],
    ['-0,00', undefined, 0n, 2],
    // A single comma is a decimal comma, even before exactly three digits (documented).
    ['12,345', undefined, 12345n, 3],
    ['12,345', '.', 12345n, 0],
    ['1.234', ',', 1234n, 0],
    ['1 234,5', ',', 12345n, 1],
    ['1,00,000.50', '.', 10000050n, 2],
    ['12.345.678,9', undefined, 123456789n, 1],
  ] as const)('%j (mark %s) → %s at scale %i', (text, mark, units, scale) => {
    expect(parseDecimal(text, mark)).toEqual({ units, scale });
  });

  it.each([
    ['abc', undefined, /not a number/],
    ['', undefined, /not a number/],
    ['   ', undefined, /not a number/],
    ['-', undefined, /not a number/],
    ['.', undefined, /not a number/],
    ['--1', undefined, /not a number/],
    ['-12-', undefined, /more than one sign/],
    ['+5-', undefined, /more than one sign/],
    ['(-12)', undefined, /more than one sign/],
    ['1.2.3', '.', /more than one decimal mark/],
    ['1.2.3', undefined, /thousands separators out of place/],
    ['1,2,3', undefined, /thousands separators out of place/],
    ['1,00.5', undefined, /thousands separators out of place/],
    ['1.0000,5', undefined, /thousands separators out of place/],
    ['1,00,000.50', undefined, /thousands separators out of place/], // Indian grouping: give the mark
    ['1,2,3', ',', /more than one decimal mark/],
    ['12e3', undefined, /not a number/],
    ['Infinity', undefined, /not a number/],
    ['12 €', undefined, /not a number/],
  ] as const)('refuses %j (mark %s)', (text, mark, message) => {
    expect(() => parseDecimal(text, mark)).toThrow(DecimalParseError);
    expect(() => parseDecimal(text, mark)).toThrow(message);
  });

  it('names the text it refused and carries a stable code', () => {
    try {
      parseDecimal('abc');
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(DecimalParseError);
      expect((e as DecimalParseError).code).toBe('DECIMAL_MALFORMED');
      expect((e as Error).message).toBe('"abc" is not a number');
    }
  });

  it('keeps digits beyond the safe integer range exactly (bigint)', () => {
    expect(parseDecimal('123456789012345678901234,56')).toEqual({ units: 12345678901234567890123456n, scale: 2 });
  });
});

describe('currencyExponent', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['TND', 3],
    ['ISK', 0],
    ['XPF', 0],
    ['EURO', 2], // malformed: moneySchema refuses it
  ])('%s has %i minor digits', (c, e) => {
    expect(currencyExponent(c)).toBe(e);
  });
});

describe('toMoney', () => {
  it.each([
    ['2\u00a0480,45', 'EUR', undefined, { amountMinor: 248045, currency: 'EUR' }],
    ['1,000.00', 'USD', undefined, { amountMinor: 100000, currency: 'USD' }],
    ['-3,23', 'EUR', undefined, { amountMinor: -323, currency: 'EUR' }],
    ['280.71', 'EUR', undefined, { amountMinor: 28071, currency: 'EUR' }],
    ['(12.00)', 'EUR', undefined, { amountMinor: -1200, currency: 'EUR' }],
    ['12.34-', 'EUR', undefined, { amountMinor: -1234, currency: 'EUR' }],
    ['+5', 'EUR', undefined, { amountMinor: 500, currency: 'EUR' }],
    [',5', 'EUR', undefined, { amountMinor: 50, currency: 'EUR' }],
    ['12.500', 'EUR', undefined, { amountMinor: 1250, currency: 'EUR' }], // zeros beyond the minor unit drop
    // More decimals than the currency's minor unit: the finer scale is kept, never rounded.
    ['0,001', 'EUR', undefined, { amountMinor: 1, currency: 'EUR', scale: 3 }],
    ['1.23456', 'EUR', undefined, { amountMinor: 123456, currency: 'EUR', scale: 5 }],
    ['0,17400', 'EUR', undefined, { amountMinor: 174, currency: 'EUR', scale: 3 }], // trailing zeros trimmed
    ['-0,00015', 'EUR', undefined, { amountMinor: -15, currency: 'EUR', scale: 5 }],
    ['0.12345678', 'EUR', undefined, { amountMinor: 12345678, currency: 'EUR', scale: 8 }],
    ['0.123456780', 'EUR', undefined, { amountMinor: 12345678, currency: 'EUR', scale: 8 }],
    // JPY has no minor unit, KWD has three.
    ['1 500', 'JPY', undefined, { amountMinor: 1500, currency: 'JPY' }],
    ['1500.00', 'JPY', undefined, { amountMinor: 1500, currency: 'JPY' }],
    ['1500.5', 'JPY', undefined, { amountMinor: 15005, currency: 'JPY', scale: 1 }],
    ['1.234', 'KWD', undefined, { amountMinor: 1234, currency: 'KWD' }],
    ['1,5', 'KWD', undefined, { amountMinor: 1500, currency: 'KWD' }],
    ['12,345', 'KWD', undefined, { amountMinor: 12345, currency: 'KWD' }],
    ['12,345', 'USD', '.', { amountMinor: 1234500, currency: 'USD' }],
    ['-0,00', 'EUR', undefined, { amountMinor: 0, currency: 'EUR' }],
  ] as const)('%j %s (mark %s) → %o', (text, currency, mark, expected) => {
    const m = toMoney(text, currency, mark);
    expect(m).toEqual(expected);
    expect(Object.is(m.amountMinor, -0)).toBe(false);
    expect(moneySchema.safeParse(m).success).toBe(true);
  });

  it.each([
    ['90071992547409,92', 'EUR', /too large/], // 2^53 + 1 cents
    ['99999999999999999999', 'EUR', /too large/],
    ['9007199254740993', 'JPY', /too large/],
    ['0.000000001', 'EUR', /more than 8 decimals/],
    ['abc', 'EUR', /not a number/],
    ['1.2.3', 'EUR', /more than one decimal mark/],
  ] as const)('refuses %j %s', (text, currency, message) => {
    expect(() => toMoney(text, currency, text === '1.2.3' ? '.' : undefined)).toThrow(DecimalParseError);
    expect(() => toMoney(text, currency, text === '1.2.3' ? '.' : undefined)).toThrow(message);
  });

  it('lets a malformed currency through to validation, which names it (no RangeError from Intl)', () => {
    const m = toMoney('42,50', 'EURO');
    expect(m).toEqual({ amountMinor: 4250, currency: 'EURO' });
    const r = moneySchema.safeParse(m);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['currency', 'expected an ISO 4217 currency code such as EUR']]);
  });

  it('accepts the largest safe amount exactly', () => {
    expect(toMoney('90071992547409,91', 'EUR')).toEqual({ amountMinor: Number.MAX_SAFE_INTEGER, currency: 'EUR' });
  });
});

describe('moneySchema', () => {
  it.each([
    [{ amountMinor: 12.5, currency: 'EUR' }, 'amountMinor', /integer/],
    [{ amountMinor: 2 ** 60, currency: 'EUR' }, 'amountMinor', /amount too large/],
    [{ amountMinor: -(2 ** 60), currency: 'EUR' }, 'amountMinor', /amount too large/],
    [{ amountMinor: '1250', currency: 'EUR' }, 'amountMinor', /number/],
    [{ amountMinor: 1250, currency: 'EURO' }, 'currency', /ISO 4217/],
    [{ amountMinor: 1250, currency: 'eur' }, 'currency', /ISO 4217/],
    [{ amountMinor: 1250, currency: 'XYZ' }, 'currency', /unknown ISO 4217/],
    [{ amountMinor: 1250, currency: 'EUR', scale: 9 }, 'scale', /8/],
    [{ amountMinor: 1250, currency: 'EUR', value: 12.5 }, '', /value/],
  ])('refuses %o at %j', (m, field, message) => {
    const r = moneySchema.safeParse(m);
    expect(r.success).toBe(false);
    // One fault, that says what was expected (no echo of a failed format check).
    expect(r.error!.issues).toHaveLength(1);
    const issue = r.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(field);
    expect(issue.message).toMatch(message);
  });
});

describe('formatMoneyDecimal', () => {
  it.each([
    [{ amountMinor: -4250, currency: 'EUR' }, '-42.50'],
    [{ amountMinor: 5, currency: 'EUR' }, '0.05'],
    [{ amountMinor: -5, currency: 'EUR' }, '-0.05'],
    [{ amountMinor: 0, currency: 'EUR' }, '0.00'],
    [{ amountMinor: 1500, currency: 'JPY' }, '1500'],
    [{ amountMinor: 1234, currency: 'KWD' }, '1.234'],
    [{ amountMinor: 1, currency: 'EUR', scale: 3 }, '0.001'],
    [{ amountMinor: 123456, currency: 'EUR', scale: 5 }, '1.23456'],
    [{ amountMinor: 7, currency: 'EUR', scale: 0 }, '7'],
    [{ amountMinor: Number.MAX_SAFE_INTEGER, currency: 'EUR' }, '90071992547409.91'],
  ] as Array<[Money, string]>)('%o → %s', (m, text) => {
    expect(formatMoneyDecimal(m)).toBe(text);
  });

  it.each([
    '-42.50',
    '0.05',
    '1500',
    '0.001',
    '1.23456',
    '2480.45',
  ])('round-trips %s through toMoney', (text) => {
    const currency = text === '1500' ? 'JPY' : 'EUR';
    expect(formatMoneyDecimal(toMoney(text, currency))).toBe(text);
  });
});

describe('minorUnits', () => {
  it.each([
    [{ amountMinor: -4250, currency: 'EUR' }, -4250],
    [{ amountMinor: 12345, currency: 'EUR', scale: 3 }, 1235], // 12.345 → 12.35 (half up)
    [{ amountMinor: -12345, currency: 'EUR', scale: 3 }, -1235], // half away from zero
    [{ amountMinor: 12344, currency: 'EUR', scale: 3 }, 1234],
    [{ amountMinor: -12346, currency: 'EUR', scale: 3 }, -1235],
    [{ amountMinor: 5, currency: 'EUR', scale: 3 }, 1], // 0.005 → 0.01
    [{ amountMinor: -5, currency: 'EUR', scale: 3 }, -1],
    [{ amountMinor: 4, currency: 'EUR', scale: 3 }, 0],
    [{ amountMinor: 1749999, currency: 'EUR', scale: 5 }, 1750],
    [{ amountMinor: 7, currency: 'EUR', scale: 0 }, 700], // coarser scale → scaled up
    [{ amountMinor: 15005, currency: 'JPY', scale: 1 }, 1501],
    [{ amountMinor: 15004, currency: 'JPY', scale: 1 }, 1500],
  ] as Array<[Money, number]>)('%o → %i', (m, expected) => {
    expect(minorUnits(m)).toBe(expected);
  });

  it('never returns -0', () => {
    expect(Object.is(minorUnits({ amountMinor: -4, currency: 'EUR', scale: 3 }), 0)).toBe(true);
  });

  it('rounds half away from zero exactly, for any amount and scale (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 2, max: 8 }), (n, scale) => {
        const a = BigInt(Math.abs(n));
        const f = 10n ** BigInt(scale - 2);
        const q = a / f;
        const r = a % f;
        const rounded = 2n * r >= f ? q + 1n : q;
        const expected = Number(n < 0 ? -rounded : rounded);
        expect(minorUnits({ amountMinor: n, currency: 'EUR', scale })).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });
});

describe('exactness (property-based)', () => {
  it('formatting then parsing gives back the same units and scale, for any safe integer and scale', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 8 }), (n, scale) => {
        const text = formatMoneyDecimal({ amountMinor: n, currency: 'EUR', scale });
        expect(parseDecimal(text)).toEqual({ units: BigInt(n), scale });
        expect(parseDecimal(text, '.')).toEqual({ units: BigInt(n), scale });
      }),
    );
  });

  it('the same value written the French way parses the same', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 8 }), (n, scale) => {
        const text = formatMoneyDecimal({ amountMinor: n, currency: 'EUR', scale });
        const [int, frac] = text.replace('-', '').split('.');
        const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
        const french = `${n < 0 ? '-' : ''}${grouped}${frac !== undefined ? ',' + frac : ''}`;
        expect(parseDecimal(french, ',')).toEqual({ units: BigInt(n), scale });
      }),
    );
  });

  it('grouped English and French writings parse the same without a decimal mark, whenever they have decimals', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 1, max: 8 }), (n, scale) => {
        const text = formatMoneyDecimal({ amountMinor: n, currency: 'EUR', scale });
        const [int, frac] = text.replace('-', '').split('.');
        const sign = n < 0 ? '-' : '';
        const english = `${sign}${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
        const german = `${sign}${int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${frac}`;
        const french = `${sign}${int!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${frac}`;
        for (const t of [english, german, french]) expect(parseDecimal(t), t).toEqual({ units: BigInt(n), scale });
      }),
    );
  });

  it('toMoney then formatMoneyDecimal gives the same value in the currency, for every currency exponent', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom('EUR', 'JPY', 'KWD'), (n, currency) => {
        const m: Money = { amountMinor: n, currency };
        const back = toMoney(formatMoneyDecimal(m), currency);
        expect(back).toEqual(m);
        expect(minorUnits(back)).toBe(n);
      }),
    );
  });

  it('a finer scale survives toMoney exactly (never a float error)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 3, max: 8 }), (n, scale) => {
        const text = formatMoneyDecimal({ amountMinor: n, currency: 'EUR', scale });
        const m = toMoney(text, 'EUR');
        // Same value: units × 10^(8 − scale) agree.
        const norm = (units: number, sc: number) => BigInt(units) * 10n ** BigInt(8 - sc);
        expect(norm(m.amountMinor, m.scale ?? 2)).toBe(norm(n, scale));
        expect(moneySchema.safeParse(m).success).toBe(true);
      }),
    );
  });
});
