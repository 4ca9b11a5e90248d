import { MesInfosError } from '../../domain/errors.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { CATEGORY_TREE, isCategory, isUnder, kindOf, lineage, type CategoryKind, type CategoryNode } from './categories.ts';
import { cachedByVersion } from '../insight-cache.ts';
import { latestBookingDate, loadCategorised, type CategorisedTx, type CategoryOrigin } from './ledger.ts';

/**
 * The budget of a period: income, spending by category (the tree), savings rate, month by
 * month, and the same period a year earlier. Every figure is a sum of transactions the
 * person can list (`transactions`), so each can be checked:
 * - a category's `totalMinor` is the signed sum of the amounts of its transactions (its
 *   subtree's);
 * - income is the sum of the income categories' totals; spending is minus the sum of the
 *   spending categories' totals (so a refund lowers it); transfers between the person's
 *   own accounts count in neither;
 * - net = income − spending; savings rate = net / income (null without income).
 * Periods are on booking dates, `from` included, `to` excluded. One currency: the one
 * most transactions of the period use; others are counted in `otherCurrencies`.
 */

export interface Figures {
  incomeMinor: number;
  spendingMinor: number;
  netMinor: number;
  /** net / income, rounded to 4 decimals; null when there is no income. */
  savingsRate: number | null;
  transfersMinor: number;
  count: number;
}

export interface CategoryTotal {
  id: string;
  en: string;
  fr: string;
  kind: CategoryKind;
  totalMinor: number;
  count: number;
  children: CategoryTotal[];
}

export interface BudgetTx {
  id: string;
  date: string;
  label: string;
  amountMinor: number;
  category: string;
  origin: CategoryOrigin;
  ruleId?: string;
  sourceCategory?: string;
}

export interface BudgetResult {
  from: string;
  to: string;
  currency: string;
  figures: Figures;
  categories: CategoryTotal[];
  months: (Figures & { month: string; lastYear: Figures | null })[];
  lastYear: { from: string; to: string; figures: Figures; categories: { id: string; totalMinor: number; count: number }[] };
  byOrigin: Record<CategoryOrigin, number>;
  otherCurrencies: { currency: string; count: number }[];
  transactions?: BudgetTx[];
}

export interface BudgetQuery {
  from: string;
  to: string;
  /** List the transactions of this category (and its subtree). */
  category?: string;
  /** List every transaction of the period. */
  transactions?: boolean;
}

export function figuresOf(txs: readonly CategorisedTx[]): Figures {
  let income = 0;
  let spending = 0;
  let transfers = 0;
  for (const t of txs) {
    const kind = kindOf(t.category);
    if (kind === 'income') income += t.amountMinor;
    else if (kind === 'transfer') transfers += t.amountMinor;
    else spending -= t.amountMinor;
  }
  const net = income - spending;
  return { incomeMinor: income, spendingMinor: spending, netMinor: net, savingsRate: income > 0 ? Math.round((net / income) * 10_000) / 10_000 : null, transfersMinor: transfers, count: txs.length };
}

/** Totals per category id, every transaction counted in its category and each ancestor. */
function totalsById(txs: readonly CategorisedTx[]): Map<string, { totalMinor: number; count: number }> {
  const m = new Map<string, { totalMinor: number; count: number }>();
  for (const t of txs)
    for (const id of lineage(t.category)) {
      const cur = m.get(id) ?? { totalMinor: 0, count: 0 };
      cur.totalMinor += t.amountMinor;
      cur.count++;
      m.set(id, cur);
    }
  return m;
}

function tree(nodes: readonly CategoryNode[], totals: Map<string, { totalMinor: number; count: number }>): CategoryTotal[] {
  const out: CategoryTotal[] = [];
  for (const n of nodes) {
    const t = totals.get(n.id);
    if (!t) continue;
    out.push({ id: n.id, en: n.en, fr: n.fr, kind: n.kind, totalMinor: t.totalMinor, count: t.count, children: tree(n.children ?? [], totals) });
  }
  return out;
}

/** The same date a year earlier ("2025-03-01" → "2024-03-01"; 29 February → 1 March). */
export function yearEarlier(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - 1, m - 1, d)).toISOString().slice(0, 10);
}

function dominantCurrency(txs: readonly CategorisedTx[]): string {
  const n = new Map<string, number>();
  for (const t of txs) n.set(t.currency, (n.get(t.currency) ?? 0) + 1);
  let best = 'EUR';
  let max = 0;
  for (const [c, k] of n) if (k > max) [best, max] = [c, k];
  return best;
}

/** The calendar months a range touches ("2025-03"…). */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = to;
  while (`${y}-${String(m).padStart(2, '0')}-01` < end) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m === 13) [y, m] = [y + 1, 1];
  }
  return out;
}

export function computeBudget(store: RecordStore, q: BudgetQuery): Promise<BudgetResult> {
  if (!(q.from < q.to)) throw new MesInfosError('INPUT_INVALID', `The budget period is empty: from ${q.from} is not before to ${q.to}.`);
  if (q.category !== undefined && !isCategory(q.category)) throw new MesInfosError('INPUT_INVALID', `"${q.category}" is not a budget category (see docs/insights-budget.md).`);
  const key = `budget:${q.from}/${q.to}/${q.category ?? ''}/${q.transactions ? 1 : 0}`;
  return cachedByVersion(store, key, async () => {
    const all = await loadCategorised(store, { from: q.from, to: q.to });
    const before = await loadCategorised(store, { from: yearEarlier(q.from), to: yearEarlier(q.to) });
    const currency = dominantCurrency(all);
    const txs = all.filter((t) => t.currency === currency);
    const prev = before.filter((t) => t.currency === currency);
    const others = new Map<string, number>();
    for (const t of all) if (t.currency !== currency) others.set(t.currency, (others.get(t.currency) ?? 0) + 1);

    const months = monthsOf(q.from, q.to).map((month) => {
      const inMonth = txs.filter((t) => t.date.startsWith(month));
      const lastMonth = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
      const prevMonth = prev.filter((t) => t.date.startsWith(lastMonth));
      return { month, ...figuresOf(inMonth), lastYear: prevMonth.length ? figuresOf(prevMonth) : null };
    });
    const prevTotals = totalsById(prev);
    const byOrigin: Record<CategoryOrigin, number> = { source: 0, rule: 0, person: 0 };
    for (const t of txs) byOrigin[t.origin]++;
    const listed = q.category !== undefined ? txs.filter((t) => isUnder(t.category, q.category!)) : q.transactions ? txs : undefined;
    return {
      from: q.from,
      to: q.to,
      currency,
      figures: figuresOf(txs),
      categories: tree(CATEGORY_TREE, totalsById(txs)),
      months,
      lastYear: {
        from: yearEarlier(q.from),
        to: yearEarlier(q.to),
        figures: figuresOf(prev),
        categories: CATEGORY_TREE.filter((n) => prevTotals.has(n.id)).map((n) => ({ id: n.id, ...prevTotals.get(n.id)! })),
      },
      byOrigin,
      otherCurrencies: [...others].map(([c, count]) => ({ currency: c, count })),
      ...(listed
        ? {
            transactions: listed.map((t) => ({
              id: t.id,
              date: t.date,
              label: t.label,
              amountMinor: t.amountMinor,
              category: t.category,
              origin: t.origin,
              ...(t.ruleId ? { ruleId: t.ruleId } : {}),
              ...(t.sourceCategory ? { sourceCategory: t.sourceCategory } : {}),
            })),
          }
        : {}),
    };
  });
}

/** The calendar month's budget ("2025-03"). */
export function budgetMonth(store: RecordStore, month: string, opts: Omit<BudgetQuery, 'from' | 'to'> = {}): Promise<BudgetResult> {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return computeBudget(store, { from: `${month}-01`, to, ...opts });
}

/** The month of the latest transaction ("2026-10"), or undefined without transactions. */
export async function latestBudgetMonth(store: RecordStore): Promise<string | undefined> {
  return (await latestBookingDate(store))?.slice(0, 7);
}
