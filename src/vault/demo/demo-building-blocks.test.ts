import { describe, expect, it } from 'vitest';
import { Rng, deriveSeed, hash32, unitHash } from './prng.ts';
import { minimalPdf } from './demo-pdf.ts';
import { CURRENT_IBAN, SAVINGS_IBAN, frenchIban, ibanIsValid } from './demo-persona.ts';
import { ean13 } from './demo-receipts.ts';
import { euros } from './demo-documents.ts';
import { publicHolidays } from './demo-routine.ts';
import { dayNumber } from './demo-time.ts';

describe('seeded randomness', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 50 }, () => a.nextU32());
    expect(Array.from({ length: 50 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.nextU32())).not.toEqual(xs);
    expect(hash32(1, 2, 3)).toBe(hash32(1, 2, 3));
    expect(hash32(1, 2, 3)).not.toBe(hash32(1, 2, 4));
    expect(deriveSeed(42, 'bank')).not.toBe(deriveSeed(42, 'bamk'));
  });

  it('spreads uniformly enough', () => {
    const r = new Rng(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(r.next() * 10)]!++;
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    let s = 0;
    for (let i = 0; i < 10_000; i++) s += unitHash(99, i);
    expect(Math.abs(s / 10_000 - 0.5)).toBeLessThan(0.02);
    const ints = new Set(Array.from({ length: 2000 }, () => r.int(3, 5)));
    expect([...ints].sort()).toEqual([3, 4, 5]);
  });
});

describe('identifiers', () => {
  it('builds valid French IBANs with a RIB key', () => {
    expect(ibanIsValid(CURRENT_IBAN)).toBe(true);
    expect(ibanIsValid(SAVINGS_IBAN)).toBe(true);
    // A known-good French IBAN (ECBS example) checks out the same way.
    expect(frenchIban('30006', '00001', '12345678901')).toBe('FR7630006000011234567890189');
    expect(ibanIsValid('FR7630006000011234567890188')).toBe(false);
  });

  it('builds EAN-13 codes with a valid check digit', () => {
    for (let i = 0; i < 30; i++) {
      const code = ean13(42, i);
      expect(code).toMatch(/^3\d{12}$/);
      const sum = [...code.slice(0, 12)].reduce((s, c, k) => s + Number(c) * (k % 2 === 0 ? 1 : 3), 0);
      expect(Number(code[12])).toBe((10 - (sum % 10)) % 10);
    }
  });

  it('knows French public holidays, Easter-based ones included', () => {
    const h = publicHolidays(2025);
    expect(h.has(dayNumber('2025-04-21'))).toBe(true); // Easter Monday
    expect(h.has(dayNumber('2025-05-29'))).toBe(true); // Ascension
    expect(h.has(dayNumber('2025-06-09'))).toBe(true); // Whit Monday
    expect(h.has(dayNumber('2025-07-14'))).toBe(true);
    expect(h.size).toBe(11);
  });
});

describe('documents', () => {
  it('writes amounts the French way', () => {
    expect(euros(123456)).toBe('1 234,56 €');
    expect(euros(5)).toBe('0,05 €');
    expect(euros(-4250)).toBe('-42,50 €');
  });

  it('makes a one-page PDF whose cross-reference offsets point at its objects', () => {
    const bytes = minimalPdf(['Facture d’électricité', 'Total : 42,50 € (TTC)'], 'Facture');
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    expect(text).toContain('(Total : 42,50 \\200 \\(TTC\\)) \'');
    const startxref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(6);
    offsets.forEach((off, i) => expect(text.slice(off, off + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    const len = Number(/\/Length (\d+)/.exec(text)![1]);
    const streamStart = text.indexOf('stream\n') + 'stream\n'.length;
    expect(text.slice(streamStart + len, streamStart + len + '\nendstream'.length)).toBe('\nendstream');
  });
});
