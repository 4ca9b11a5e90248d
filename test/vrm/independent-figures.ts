import type { Vault } from '../../src/vault/vault.ts';

/**
 * Figures the VRM tests check the vault against, computed here from the stored records
 * with other means than the code under test (Intl for local hours, plain loops).
 */

export const eur = (amountMinor: number, scale?: number) => ({ amountMinor, currency: 'EUR', ...(scale !== undefined ? { scale } : {}) });

// Her profile covers the twelve whole local months before the end of her readings: Nov 2025 – Oct 2026, Paris time.
export const READINGS = { from: '2025-10-31T23:00:00.000Z', to: '2026-10-31T23:00:00.000Z' };
// Offers are compared over the last twelve months that are both measured and billed (October's bill comes in November): Oct 2025 – Sep 2026.
export const BILLED = { from: '2025-09-30T22:00:00.000Z', to: '2026-09-30T22:00:00.000Z' };
const BILLED_MONTHS = new Set(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
const parisHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' });

/** Her electricity over the months, from the readings as stored, with the 22:00–06:00 part (by Intl, not by the code under test). */
export async function electricity(vault: Vault, period: { from: string; to: string }): Promise<{ wh: number; offWh: number }> {
  let wh = 0;
  let offWh = 0;
  let cursor: string | undefined;
  do {
    const page = await vault.query({ types: ['energy.reading'], from: period.from, to: period.to, limit: 5000, ...(cursor ? { cursor } : {}) });
    for (const r of page.records) {
      const d = r.data as { commodity: string; kind: string; start: string; energyWh: number };
      if (d.commodity !== 'electricity' || d.kind !== 'interval') continue;
      wh += d.energyWh;
      const h = Number(parisHour.format(new Date(d.start)));
      if (h >= 22 || h < 6) offWh += d.energyWh;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { wh, offWh };
}

/** What her electricity supplier billed for those months. */
export async function electricityBills(vault: Vault): Promise<{ total: number; count: number }> {
  let total = 0;
  let count = 0;
  for await (const r of vault.store.iterate({ types: ['document'], sources: ['org:elec-energie'] })) {
    const d = r.data as { kind: string; periodStart?: string; amount?: { amountMinor: number } };
    if (d.kind === 'bill' && d.periodStart && BILLED_MONTHS.has(d.periodStart.slice(0, 7)) && d.amount) ((total += d.amount.amountMinor), count++);
  }
  return { total, count };
}

