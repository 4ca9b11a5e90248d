import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectRecurring, type RecurringResult, type RecurringSeries } from '../../src/insights/budget/recurring.ts';
import type { Vault } from '../../src/vault/vault.ts';
import { openDemoVault } from '../support/demo-vault.ts';
import { asAsync, tempVault, tx } from '../support/temp-vault.ts';

/**
 * Recurring payments of the demo person (src/vault/demo/demo-plan.ts and demo-spending.ts
 * say what she really pays): Spotify by direct debit since the start, with three price
 * rises; Netflix by card, stopped six months before the end; Disney+ for the last year;
 * the gym and the newspaper, both ended; rent, energy, phone, internet, insurance; her
 * salary coming in.
 */
let vault: Vault;
let cleanup: () => Promise<void>;
let result: RecurringResult;
let labels: Map<string, number>;
beforeAll(async () => {
  ({ vault, cleanup } = await openDemoVault({ copy: false }));
  result = await detectRecurring(vault.store);
  labels = new Map();
  for await (const r of vault.store.iterate({ types: ['bank.transaction'] })) {
    const l = (r.data as { label: string }).label;
    labels.set(l, (labels.get(l) ?? 0) + 1);
  }
});
afterAll(async () => cleanup());

const find = (re: RegExp): RecurringSeries => {
  const s = result.series.filter((x) => re.test(x.label));
  expect(s, String(re)).toHaveLength(1);
  return s[0]!;
};

describe('recurring payments of the demo person', () => {
  it('finds Spotify: monthly, every debit, its three price rises in the months they happened, and the next debit', () => {
    const s = find(/SPOTIFY/);
    expect(s).toMatchObject({ status: 'active', period: 'monthly', direction: 'out', amountMinor: 1215, category: 'leisure.subscriptions' });
    expect(s.occurrences).toBe(labels.get('PRLV SEPA SPOTIFY'));
    expect(s.changes.map((c) => [c.date.slice(0, 7), c.fromMinor, c.toMinor])).toEqual([
      ['2023-08', 999, 1099],
      ['2024-06', 1099, 1112],
      ['2025-09', 1112, 1215],
    ]);
    expect(s.drift).toMatchObject({ firstMinor: 999, lastMinor: 1215, changeMinor: 216 });
    expect(s.nextExpected! > s.last).toBe(true);
    expect(s.nextExpected!.slice(0, 7)).toBe('2026-11');
  });

  it('finds the subscriptions that ended, with no next date: Netflix, the gym, the newspaper', () => {
    for (const re of [/NETFLIX/, /FITNESS PARK/, /LE PROGRES/]) {
      const s = find(re);
      expect(s.status, String(re)).toBe('ended');
      expect(s.nextExpected).toBeNull();
    }
    expect(find(/NETFLIX/).last.slice(0, 7)).toBe('2026-05');
    expect(find(/LE PROGRES/)).toMatchObject({ occurrences: labels.get('PRLV SEPA LE PROGRES NUMERIQUE'), amountMinor: 990, changes: [] });
  });

  it('finds Disney+ for the last year with its price rise, and the monthly bills and the salary', () => {
    expect(find(/DISNEY PLUS/)).toMatchObject({ status: 'active', period: 'monthly', amountMinor: 999 });
    expect(find(/DISNEY PLUS/).changes.map((c) => [c.date.slice(0, 7), c.fromMinor, c.toMinor])).toEqual([['2025-11', 899, 999]]);
    for (const re of [/REGIE DES TRABOULES/, /ELEC ENERGIE/, /TELCO MOBILE/, /BOX INTERNET/, /MUTUELLE SANTE PLUS$/, /HORIZON AUTO/]) expect(find(re)).toMatchObject({ status: 'active', period: 'monthly', direction: 'out' });
    expect(find(/GAZ RESEAU/)).toMatchObject({ status: 'active', period: 'bimonthly' });
    expect(find(/ACME SAS SALAIRE/)).toMatchObject({ status: 'active', period: 'monthly', direction: 'in', occurrences: 120 });
  });

  it('does not take everyday shopping or transfers to her savings for subscriptions', () => {
    for (const s of result.series) expect(s.label).not.toMatch(/SUPERMARCHE|BOULANGERIE|LIVRET|EPARGNE|RETRAIT/);
  });

  it('counts what the active outgoing series cost a month', async () => {
    const active = result.series.filter((s) => s.status === 'active' && s.direction === 'out');
    expect(result.monthlyCostMinor).toBe(Math.round(active.reduce((sum, s) => sum + (s.amountMinor * 30.44) / s.periodDays, 0)));
    expect(result.monthlyCostMinor).toBeGreaterThan(100_000);
    // Against the bank: what those payments really took over the last twelve months, a month
    // on average — close to the monthly cost at today's prices (rises within the year aside).
    const ids = new Set(active.flatMap((s) => s.transactionIds));
    const asOf = result.asOf ?? '';
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const yearAgo = new Date(Date.parse(asOf) - 365 * 86_400_000).toISOString();
    let paid = 0;
    for await (const r of vault.store.iterate({ types: ['bank.transaction'], from: yearAgo, to: `${asOf}T23:59:59Z` }))
      if (ids.has(r.id)) paid -= (r.data as { amount: { amountMinor: number } }).amount.amountMinor;
    expect(Math.abs(paid / 12 - result.monthlyCostMinor) / result.monthlyCostMinor).toBeLessThan(0.1);
  });
});

describe('recurring payments judged at a date', () => {
  it('says a yearly payment is active until it is overdue, then ended', async () => {
    const t = await tempVault();
    try {
      const years = ['2021', '2022', '2023', '2024'];
      await t.vault.importRecords({
        meta: { format: 'test', fileName: null, fileHash: null },
        records: () => asAsync(years.map((y, i) => tx(i, { day: `${y}-11-15`, label: 'PRLV SEPA DGFIP TAXE FONCIERE', amountMinor: i < 2 ? -81_200 : -84_200 }))),
      });
      const soon = await detectRecurring(t.vault.store, { asOf: '2025-10-01' });
      expect(soon.series).toHaveLength(1);
      expect(soon.series[0]).toMatchObject({ period: 'yearly', status: 'active', nextExpected: '2025-11-15', category: 'taxes.housing', drift: { firstMinor: 81_200, lastMinor: 84_200 } });
      const late = await detectRecurring(t.vault.store, { asOf: '2026-03-01' });
      expect(late.series[0]).toMatchObject({ status: 'ended', nextExpected: null });
      expect((await detectRecurring(t.vault.store, { asOf: '2026-03-01', includeEnded: false })).series).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
