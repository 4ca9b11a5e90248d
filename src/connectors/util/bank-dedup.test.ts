import { describe, expect, it } from 'vitest';
import { AccountCollector, OccurrenceRefs, UniqueRefs } from './bank-dedup.ts';
import { contentHash, sourceSlug } from './content-ref.ts';

describe('bank-dedup', () => {
  it('numbers identical contents by occurrence, and is stable across instances', () => {
    const a = new OccurrenceRefs();
    const r1 = a.next(['FR76', '2025-03-12', -5430, 'CB CARREFOUR 12/03']);
    const r2 = a.next(['FR76', '2025-03-12', -5430, 'CB CARREFOUR 12/03']);
    const r3 = a.next(['FR76', '2025-03-12', -5430, 'CB CARREFOUR 12/04']);
    expect(r1).toMatch(/^h:[0-9a-f]{32}:0$/);
    expect(r2).toBe(r1.replace(/:0$/, ':1'));
    expect(r3.endsWith(':0')).toBe(true);
    expect(new OccurrenceRefs().next(['FR76', '2025-03-12', -5430, 'CB CARREFOUR 12/03'])).toBe(r1);
    expect(a.seen(['FR76', '2025-03-12', -5430, 'CB CARREFOUR 12/03'])).toBe(2);
  });

  it('normalises whitespace and Unicode, and keeps fields apart', () => {
    expect(contentHash(['  CB  CARREFOUR ', 'é'])).toBe(contentHash(['CB CARREFOUR', 'e\u0301']));
    expect(contentHash(['ab', 'c'])).not.toBe(contentHash(['a', 'bc']));
    expect(contentHash([undefined, 1])).toBe(contentHash(['', '1']));
  });

  it('suffixes repeated source ids per scope', () => {
    const u = new UniqueRefs();
    expect(u.claim('A', 'X1')).toEqual({ ref: 'X1', repeated: false });
    expect(u.claim('B', 'X1')).toEqual({ ref: 'X1', repeated: false });
    expect(u.claim('A', 'X1')).toEqual({ ref: 'X1#2', repeated: true });
    expect(u.claim('A', 'X1')).toEqual({ ref: 'X1#3', repeated: true });
  });

  it('makes source slugs', () => {
    expect(sourceSlug('Crédit Agricole 30004')).toBe('credit-agricole-30004');
    expect(sourceSlug('  _x')).toBe('x');
  });

  it('merges an account met in several statements', () => {
    const c = new AccountCollector();
    const bal = (amountMinor: number, at: string) => ({ amount: { amountMinor, currency: 'EUR' }, at, kind: 'closing' });
    const acc = (at: string, balances: unknown[], name: string) => ({ type: 'bank.account' as const, source: 'camt', sourceRef: 'FR76X', occurredAt: at, data: { accountId: 'FR76X', name, balances } });
    c.add(acc('2025-03-04T00:00:00Z', [bal(2, '2025-03-04')], 'new'));
    c.add(acc('2025-03-03T00:00:00Z', [bal(1, '2025-03-03'), bal(2, '2025-03-04')], 'old'));
    c.add({ ...acc('2025-03-01T00:00:00Z', [], 'other'), sourceRef: 'FR76Y' });
    const out = c.records();
    expect(out.map((r) => [r.sourceRef, r.occurredAt])).toEqual([['FR76X', '2025-03-04T00:00:00Z'], ['FR76Y', '2025-03-01T00:00:00Z']]);
    expect(out[0]!.data.balances).toEqual([bal(2, '2025-03-04'), bal(1, '2025-03-03')]);
  });
});
