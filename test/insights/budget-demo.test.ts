import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../src/domain/record.ts';
import { budgetMonth, computeBudget, type CategoryTotal } from '../../src/insights/budget/budget.ts';
import { budgetMonthly, budgetRecurring } from '../../src/insights/budget/derived.ts';
import { loadCategorised, mapSourceCategory } from '../../src/insights/budget/ledger.ts';
import type { Vault } from '../../src/vault/vault.ts';
import { openDemoVault } from '../support/demo-vault.ts';

/**
 * The budget on the ten-year demo person, checked against sums computed here directly
 * from the raw bank.transaction records.
 */
interface RawTx {
  bookingDate: string;
  label: string;
  accountRef: string;
  amount: { amountMinor: number };
  category?: string;
}

let vault: Vault;
let cleanup: () => Promise<void>;
let raw: StoredRecord[];
beforeAll(async () => {
  ({ vault, cleanup } = await openDemoVault({ copy: false }));
  raw = [];
  for await (const r of vault.store.iterate({ types: ['bank.transaction'] })) raw.push(r);
});
afterAll(async () => cleanup());

const data = (r: StoredRecord) => r.data as unknown as RawTx;
const rawIn = (from: string, to: string) => raw.filter((r) => data(r).bookingDate >= from && data(r).bookingDate < to);
const sum = (rs: StoredRecord[]) => rs.reduce((s, r) => s + data(r).amount.amountMinor, 0);

function* nodes(tree: CategoryTotal[]): Generator<CategoryTotal> {
  for (const n of tree) {
    yield n;
    yield* nodes(n.children);
  }
}

describe('the budget of a month on the demo person', () => {
  it('lists exactly the month’s transactions, and every category total is the sum of its transactions’ raw amounts', async () => {
    const b = await budgetMonth(vault.store, '2026-09', { transactions: true });
    const month = rawIn('2026-09-01', '2026-10-01');
    expect(month.length).toBeGreaterThan(30);
    expect(new Set(b.transactions!.map((t) => t.id))).toEqual(new Set(month.map((r) => r.id)));
    const amountOf = new Map(month.map((r) => [r.id as string, data(r).amount.amountMinor]));
    const checked: string[] = [];
    for (const n of nodes(b.categories)) {
      const mine = b.transactions!.filter((t) => t.category === n.id || t.category.startsWith(`${n.id}.`));
      expect(n.totalMinor, n.id).toBe(mine.reduce((s, t) => s + amountOf.get(t.id)!, 0));
      expect(n.count, n.id).toBe(mine.length);
      checked.push(n.id);
    }
    for (const id of ['income.salary', 'housing.rent', 'energy.electricity', 'telecom.mobile', 'food.groceries', 'health.insurance']) expect(checked).toContain(id);
  });

  it('income is the salary (and interest) received; net is the sum of every movement on both accounts; the savings rate is their ratio', async () => {
    for (const month of ['2026-09', '2025-12', '2021-07']) {
      const next = month.endsWith('12') ? `${Number(month.slice(0, 4)) + 1}-01` : `${month.slice(0, 5)}${String(Number(month.slice(5)) + 1).padStart(2, '0')}`;
      const rs = rawIn(`${month}-01`, `${next}-01`);
      const b = await budgetMonth(vault.store, month);
      const income = sum(rs.filter((r) => /SALAIRE|INTERETS CREDITEURS/.test(data(r).label)));
      expect(b.figures.incomeMinor, month).toBe(income);
      // Transfers between her two accounts cancel out, so every movement summed is what she kept.
      expect(b.figures.netMinor, month).toBe(sum(rs));
      expect(b.figures.spendingMinor, month).toBe(income - sum(rs));
      expect(b.figures.savingsRate, month).toBe(Math.round((sum(rs) / income) * 10_000) / 10_000);
      expect(b.figures.transfersMinor, month).toBe(0);
    }
  });

  it('compares with the same month a year earlier, figure for figure', async () => {
    const now = await budgetMonth(vault.store, '2026-09');
    const before = await budgetMonth(vault.store, '2025-09');
    expect(now.lastYear.figures).toEqual(before.figures);
    expect(now.months[0]!.lastYear).toEqual(before.figures);
    expect(now.lastYear.categories.find((c) => c.id === 'food')!.totalMinor).toBe(before.categories.find((c) => c.id === 'food')!.totalMinor);
  });

  it('splits a longer period into months that add up to it', async () => {
    const b = await computeBudget(vault.store, { from: '2025-01-01', to: '2025-07-01' });
    expect(b.months.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    for (const k of ['incomeMinor', 'spendingMinor', 'netMinor', 'count'] as const) expect(b.months.reduce((s, m) => s + m[k], 0)).toBe(b.figures[k]);
    expect(b.figures.netMinor).toBe(sum(rawIn('2025-01-01', '2025-07-01')));
  });

  it('lists a category’s transactions on demand, and nothing else', async () => {
    const b = await budgetMonth(vault.store, '2026-09', { category: 'food' });
    expect(b.transactions!.length).toBe(b.categories.find((c) => c.id === 'food')!.count);
    expect(b.transactions!.every((t) => t.category.startsWith('food.'))).toBe(true);
  });

  it('agrees with the bank’s own categories on the kind of spending for nearly every transaction of ten years', async () => {
    const all = await loadCategorised(vault.store);
    expect(all.length).toBe(raw.length);
    const agree = all.filter((t) => mapSourceCategory(t.sourceCategory)?.split('.')[0] === t.category.split('.')[0]).length;
    expect(agree / all.length).toBeGreaterThan(0.97);
    expect(all.filter((t) => t.category === 'other.uncategorised')).toEqual([]);
    expect(new Set(all.map((t) => t.origin))).toEqual(new Set(['rule']));
  });
});

describe('the budget as a derived insight for a grant', () => {
  it('gives monthly figures equal to the budget’s, within the grant’s range and sources, and no label or single amount', async () => {
    const scope = { types: ['bank.transaction'], filters: { from: '2025-01-01T00:00:00Z', to: '2025-04-01T00:00:00Z' } };
    const r = (await budgetMonthly(vault.store, scope)) as { months: { month: string; incomeMinor: number; spendingMinor: number; savingsRate: number | null; spendingByCategory: Record<string, number> }[] };
    expect(r.months.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    for (const m of r.months) {
      const b = await budgetMonth(vault.store, m.month);
      expect(m).toMatchObject({ incomeMinor: b.figures.incomeMinor, spendingMinor: b.figures.spendingMinor, savingsRate: b.figures.savingsRate });
      expect(m.spendingByCategory.food).toBe(-b.categories.find((c) => c.id === 'food')!.totalMinor);
    }
    const text = JSON.stringify(r) + JSON.stringify(await budgetRecurring(vault.store, scope));
    for (const label of ['SPOTIFY', 'SUPERMARCHE', 'ACME', 'TRABOULES']) expect(text).not.toContain(label);
    expect(await budgetMonthly(vault.store, { types: ['bank.transaction'], filters: { sources: ['org:another-bank'] } })).toEqual({ months: [] });
    await expect(budgetMonthly(vault.store, { types: ['energy.reading'], filters: {} })).rejects.toMatchObject({ code: 'GRANT_INVALID' });
  });
});
