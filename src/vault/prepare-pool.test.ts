import { describe, expect, it } from 'vitest';
import { PreparePool } from './prepare-pool.ts';
import { prepareBatch } from './prepare-batch.ts';

const raw = (i: number) => ({
  type: 'bank.transaction',
  source: 'org:banque',
  sourceRef: `T${i}`,
  occurredAt: '2025-03-01T11:00:00Z',
  location: `line ${i + 1}`,
  data: { accountRef: 'A1', amount: { amountMinor: -i, currency: 'EUR' }, bookingDate: '2025-03-01', label: `CB SHOP ${i}` },
});

describe('PreparePool', () => {
  it('prepares on a worker thread exactly what the calling thread would, in order', async () => {
    const pool = new PreparePool();
    pool.start();
    try {
      const reqs = [0, 1, 2].map((k) => ({ raws: Array.from({ length: 50 }, (_, i) => (k === 1 && i === 7 ? { ...raw(i), occurredAt: 'soon' } : raw(k * 50 + i))), startIndex: k * 50 }));
      const results = await Promise.all(reqs.map((r) => pool.prepare(r)));
      expect(pool.threaded).toBe(true);
      expect(results).toEqual(reqs.map((r) => prepareBatch(r)));
      expect(results[1]!.faults).toEqual([{ index: 57, field: 'occurredAt', message: expect.any(String), location: 'line 8' }]);
      expect(results[0]!.prepared[3]!.searchText).toBe('CB SHOP 3');
    } finally {
      await pool.close();
    }
  });
});
