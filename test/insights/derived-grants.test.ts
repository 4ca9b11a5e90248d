import { describe, expect, it } from 'vitest';
import { grantsCreate, grantsQuery } from '../../src/consent/consent-operations.ts';
import { closeServices, createServices } from '../../src/operations/table.ts';
import { openDemoVault } from '../support/demo-vault.ts';

/** A `derived` grant names an insight of the table: the grantee gets its result and nothing else. */
describe('derived grants on the demo person', () => {
  it('gives monthly energy totals under derived:energy.monthly that equal the readings, with no reading in them', async () => {
    const demo = await openDemoVault({ copy: true });
    const services = await createServices(demo.vault);
    const ctx = { vault: demo.vault, principal: { kind: 'owner' as const }, services };
    try {
      const { grant } = await grantsCreate.handler(ctx, grantsCreate.input.parse({ grantee: 'app-energie', granteeKind: 'app', type: 'energy.reading', granularity: 'derived:energy.monthly', purpose: 'ServiceProvision', from: '2025-01-01', to: '2026-01-01', until: '2030-01-01' }));
      const read = await grantsQuery.handler(ctx, grantsQuery.input.parse({ id: grant.id }));
      expect(read.kind).toBe('derived');
      const text = JSON.stringify(read);
      expect(text).not.toMatch(/meterId|sourceRef|"start"/);

      // Independent sum: every electricity load-curve reading of the whole Paris days inside the
      // grant's window (its dates are UTC midnights, so 1 January 2025 — cut at 01:00 Paris — is
      // left out, and nothing of 2026 may appear), by Paris month.
      const byMonth = new Map<string, number>();
      const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' });
      for await (const r of demo.vault.store.iterate({ types: ['energy.reading'], from: '2024-12-01T00:00:00Z', to: '2026-02-01T00:00:00Z' })) {
        const d = r.data as { commodity: string; kind: string; energyWh?: number; start?: string; end: string };
        if (d.commodity !== 'electricity' || d.kind !== 'interval' || d.energyWh === undefined || !d.start) continue;
        // The load curve (half-hours); longer readings of the same meter (daily totals) would count twice.
        if (Date.parse(d.end) - Date.parse(d.start) > 3_600_000) continue;
        const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(d.start));
        if (day < '2025-01-02' || day > '2025-12-31') continue;
        const m = day.slice(0, 7);
        byMonth.set(m, (byMonth.get(m) ?? 0) + d.energyWh);
      }
      expect(byMonth.size).toBe(12);
      const result = (read as { result: { months: { month: string; commodity: string; direction: string; kWh: number }[] } }).result;
      const electricity = result.months.filter((m) => m.commodity === 'electricity' && m.direction === 'consumption');
      expect(electricity.map((m) => m.month)).toEqual([...byMonth.keys()].sort());
      for (const m of electricity) expect(m.kWh).toBeCloseTo(byMonth.get(m.month)! / 1000, 1);
    } finally {
      await closeServices(services);
      await demo.cleanup();
    }
  });
});
