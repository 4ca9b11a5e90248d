import type { DerivedInsight } from '../../consent/projection.ts';
import { MesInfosError } from '../../domain/errors.ts';
import { CATEGORY_TREE } from './categories.ts';
import { figuresOf, type Figures } from './budget.ts';
import { loadCategorised, type CategorisedTx } from './ledger.ts';
import { recurringOf } from './recurring.ts';

/**
 * Budget insights an app or an organisation may be granted instead of raw transactions
 * (`granularity: derived:budget.monthly`). Computed in the vault from the transactions the
 * grant covers (its sources, accounts and time range); no label, counterparty or single
 * amount leaves it.
 * - `budget.monthly`: per month, income, spending, net, savings rate and spending per top
 *   category.
 * - `budget.recurring`: the active recurring payments among those transactions (category,
 *   period, amount), without labels.
 */

type Scope = Parameters<DerivedInsight>[1];

function requireTransactions(name: string, scope: Scope): void {
  if (!scope.types.includes('bank.transaction')) throw new MesInfosError('GRANT_INVALID', `The insight "${name}" is computed from bank transactions: the grant must cover bank.transaction.`);
}

async function grantedTransactions(store: Parameters<DerivedInsight>[0], scope: Scope): Promise<CategorisedTx[]> {
  const f = scope.filters;
  const from = f.from?.slice(0, 10);
  const to = f.to?.slice(0, 10);
  const all = from || to ? await loadCategorised(store, { from: from ?? '0000-01-01', to: to ?? '9999-12-31' }) : await loadCategorised(store);
  return all.filter((t) => (!f.sources || f.sources.includes(t.source)) && (!f.accounts || f.accounts.includes(t.accountRef)));
}

export const budgetMonthly: DerivedInsight = async (store, scope) => {
  requireTransactions('budget.monthly', scope);
  const months = groupBy(await grantedTransactions(store, scope), (t) => t.date.slice(0, 7));
  const out: (Figures & { month: string; currency: string; spendingByCategory: Record<string, number> })[] = [];
  for (const [month, list] of [...months].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [currency, ts] of groupBy(list, (t) => t.currency)) {
      const spendingByCategory: Record<string, number> = {};
      for (const top of CATEGORY_TREE) {
        if (top.kind !== 'spending') continue;
        const total = ts.filter((t) => t.category === top.id || t.category.startsWith(`${top.id}.`)).reduce((s, t) => s - t.amountMinor, 0);
        if (total !== 0) spendingByCategory[top.id] = total;
      }
      out.push({ month, currency, ...figuresOf(ts), spendingByCategory });
    }
  }
  return { months: out };
};

/** Items by key, in first-seen order (Map.groupBy needs Node 21). */
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

export const budgetRecurring: DerivedInsight = async (store, scope) => {
  requireTransactions('budget.recurring', scope);
  const r = recurringOf(await grantedTransactions(store, scope), { includeEnded: false });
  return {
    asOf: r.asOf,
    currency: r.currency,
    monthlyCostMinor: r.monthlyCostMinor,
    series: r.series.filter((s) => s.direction === 'out').map((s) => ({ category: s.category, period: s.period, amountMinor: s.amountMinor, currency: s.currency, since: s.first, nextExpected: s.nextExpected })),
  };
};

/** The budget's derived insights, by name, for the consent engine's `derived` option. */
export const budgetDerivedInsights: Readonly<Record<string, DerivedInsight>> = {
  'budget.monthly': budgetMonthly,
  'budget.recurring': budgetRecurring,
};
