import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordType, StoredRecord } from '../../src/domain/record.ts';
import { computeTimeline, type TimelineInput } from '../../src/insights/timeline/timeline.ts';
import type { Vault } from '../../src/vault/vault.ts';
import { openDemoVault } from '../support/demo-vault.ts';
import { asAsync, tempVault, tx } from '../support/temp-vault.ts';

const base: TimelineInput = { limit: 50, order: 'desc', timeZone: 'Europe/Paris', facets: true };

describe('the timeline of the demo person', () => {
  let vault: Vault;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ vault, cleanup } = await openDemoVault({ copy: false }));
  });
  afterAll(async () => cleanup());

  it('shows the newest records first, with facets over all ten years that equal the vault’s own counts', async () => {
    const t = await computeTimeline(vault.store, base);
    const stats = await vault.stats();
    expect(t.entries).toHaveLength(50);
    for (let i = 1; i < t.entries.length; i++) expect(t.entries[i - 1]!.occurredAt >= t.entries[i]!.occurredAt).toBe(true);
    expect(t.facets!.total).toBe(stats.total);
    expect(Object.fromEntries(t.facets!.types.map((c) => [c.value, c.count]))).toEqual(stats.byType);
    expect(Object.fromEntries(t.facets!.sources.map((c) => [c.value, c.count]))).toEqual(stats.bySource);
    expect(t.facets!.years.reduce((s, y) => s + y.count, 0)).toBe(stats.total);
    expect(t.facets!.years.length).toBeGreaterThanOrEqual(10);
  });

  it('filters by type over all ten years, the facets counted by the store', async () => {
    const t = await computeTimeline(vault.store, { ...base, types: ['document'] });
    const bySource: Record<string, number> = {};
    const byYear: Record<string, number> = {};
    for await (const r of vault.store.iterate({ types: ['document'] })) {
      bySource[r.source] = (bySource[r.source] ?? 0) + 1;
      const year = new Date(Date.parse(r.occurredAt) + 2 * 3_600_000).toISOString().slice(0, 4); // issued at 09:00 Paris time
      byYear[year] = (byYear[year] ?? 0) + 1;
    }
    expect(t.facets!.total).toBe((await vault.stats()).byType.document);
    expect(Object.fromEntries(t.facets!.sources.map((c) => [c.value, c.count]))).toEqual(bySource);
    expect(Object.fromEntries(t.facets!.years.map((c) => [c.value, c.count]))).toEqual(byYear);
    expect(Object.fromEntries(t.facets!.types.map((c) => [c.value, c.count]))).toEqual((await vault.stats()).byType);
  });

  it('filters by type and month, and counts the other types of that month for the facet, as the raw records say', async () => {
    const from = '2025-03-01T00:00:00+01:00';
    const to = '2025-04-01T00:00:00+02:00';
    const t = await computeTimeline(vault.store, { ...base, types: ['bank.transaction'], from, to, limit: 20 });
    const byType: Record<string, number> = {};
    const bySource: Record<string, number> = {};
    for await (const r of vault.store.iterate({ from, to })) {
      byType[r.type] = (byType[r.type] ?? 0) + 1;
      if (r.type === 'bank.transaction') bySource[r.source] = (bySource[r.source] ?? 0) + 1;
    }
    expect(t.entries.every((e) => e.type === 'bank.transaction' && e.day.startsWith('2025-03'))).toBe(true);
    expect(t.facets!.total).toBe(byType['bank.transaction']);
    expect(Object.fromEntries(t.facets!.types.map((c) => [c.value, c.count]))).toEqual(byType);
    expect(Object.fromEntries(t.facets!.sources.map((c) => [c.value, c.count]))).toEqual(bySource);
    expect(t.facets!.years).toEqual([{ value: '2025', count: byType['bank.transaction'] }]);
    expect(t.months).toEqual([{ period: '2025-03', total: byType['bank.transaction'], byType: { 'bank.transaction': byType['bank.transaction'] } }]);
  });

  it('summarises each day it shows over the whole local day: records by type, money in and out, energy', async () => {
    const t = await computeTimeline(vault.store, { ...base, from: '2026-01-10', to: '2026-01-20', limit: 200 });
    expect(t.days.length).toBeGreaterThanOrEqual(2);
    for (const d of t.days) {
      // Paris is at UTC+1 in January: the local day runs from 23:00Z the day before.
      const start = new Date(`${d.period}T00:00:00+01:00`).toISOString();
      const end = new Date(Date.parse(start) + 86_400_000).toISOString();
      const recs: StoredRecord[] = [];
      for await (const r of vault.store.iterate({ from: start, to: end })) recs.push(r);
      const clipped = recs.filter((r) => r.occurredAt >= '2026-01-10' && r.occurredAt < '2026-01-20');
      expect(d.total, d.period).toBe(clipped.length);
      const amounts = clipped.filter((r) => r.type === 'bank.transaction').map((r) => (r.data as { amount: { amountMinor: number } }).amount.amountMinor);
      const money = d.money.find((m) => m.currency === 'EUR') ?? { inMinor: 0, outMinor: 0 };
      expect(money.inMinor).toBe(amounts.filter((a) => a > 0).reduce((s, a) => s + a, 0));
      expect(money.outMinor).toBe(amounts.filter((a) => a < 0).reduce((s, a) => s - a, 0));
      const wh = clipped.filter((r) => r.type === 'energy.reading' && (r.data as { kind: string }).kind === 'interval').reduce((s, r) => s + ((r.data as { energyWh?: number }).energyWh ?? 0), 0);
      expect(d.energyWh).toBe(Math.round(wh));
    }
  });

  it('finds records by words, and the facets count only what the search finds', async () => {
    const t = await computeTimeline(vault.store, { ...base, search: 'spotify', limit: 500 });
    let spotify = 0;
    // Every type but the meter readings, which hold only numbers, meter ids and units.
    const worded = (await vault.stats()).byType;
    delete worded['energy.reading'];
    for await (const r of vault.store.iterate({ types: Object.keys(worded) as RecordType[] })) if (/spotify/i.test(JSON.stringify(r.data))) spotify++;
    expect(spotify).toBeGreaterThan(100);
    expect(t.facets!.total).toBe(spotify);
    expect(t.entries).toHaveLength(spotify);
    expect(t.entries.filter((e) => e.type === 'bank.transaction').every((e) => /SPOTIFY/.test(e.title) && e.amount!.amountMinor < 0)).toBe(true);
  });
});

describe('timeline pages', () => {
  it('never repeat or skip a record when records are imported between pages', async () => {
    const t = await tempVault();
    try {
      const imp = (records: ReturnType<typeof tx>[]) => t.vault.importRecords({ meta: { format: 'test', fileName: null, fileHash: null }, records: () => asAsync(records) });
      await imp(Array.from({ length: 30 }, (_, i) => tx(i, { day: `2025-03-${String(i + 1).padStart(2, '0')}` })));
      const first = await computeTimeline(t.vault.store, { ...base, limit: 10, facets: false });
      const original = new Set((await t.vault.query({ limit: 100 })).records.map((r) => r.id));
      // New records before, inside and after what the first page showed.
      await imp([tx(100, { day: '2025-04-15' }), tx(101, { day: '2025-03-10' }), tx(102, { day: '2025-03-02' }), tx(103, { day: '2025-03-25' })]);
      const seen = first.entries.map((e) => e.id);
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await computeTimeline(t.vault.store, { ...base, limit: 10, facets: false, cursor });
        seen.push(...page.entries.map((e) => e.id));
        cursor = page.nextCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of original) expect(seen).toContain(id);
      const late = (await t.vault.query({ limit: 100 })).records.filter((r) => !original.has(r.id));
      const olderThanFirstPage = late.filter((r) => r.occurredAt < first.entries[first.entries.length - 1]!.occurredAt).map((r) => r.id);
      expect(olderThanFirstPage).toHaveLength(2);
      for (const id of olderThanFirstPage) expect(seen).toContain(id);
    } finally {
      await t.cleanup();
    }
  });
});
