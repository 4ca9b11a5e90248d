import type { RecordStore } from '../../store/record-store.ts';
import { budgetMonth, type BudgetResult, type CategoryTotal } from '../budget/budget.ts';
import { figure, formatValue, trio, type ReviewPeriods } from './review-figures.ts';
import type { ReviewSection } from './review-schema.ts';

/**
 * The month's money, from `insights.budget` (helper B's `budgetMonth`): income, spending,
 * net, savings rate and the three largest spending categories, each beside the previous
 * month and the same month last year.
 */

/** How many spending categories the review shows. */
const TOP_CATEGORIES = 3;

const spendingOf = (cats: readonly { id: string; totalMinor: number }[], id: string): number | null => {
  const c = cats.find((x) => x.id === id);
  return c ? -c.totalMinor : null;
};

export async function budgetSection(store: RecordStore, p: ReviewPeriods): Promise<ReviewSection | { missing: string }> {
  const [now, previous] = await Promise.all([budgetMonth(store, p.month), budgetMonth(store, p.previousMonth)]);
  if (now.figures.count === 0) return { missing: `no bank transaction in ${p.month}` };
  const lastYear: BudgetResult['lastYear'] = now.lastYear;
  const known = <T extends { figures: { count: number } }>(r: T): T | null => (r.figures.count > 0 ? r : null);
  const [prev, last] = [known(previous), known(lastYear)];
  const three = (pick: (f: BudgetResult['figures']) => number | null) => trio(now.figures, prev?.figures ?? null, last?.figures ?? null, pick);
  const cur = now.currency;
  const spendingCats = now.categories.filter((c: CategoryTotal) => c.kind === 'spending' && -c.totalMinor > 0).sort((a, b) => a.totalMinor - b.totalMinor);
  const figures = [
    figure('budget.income', 'Income', 'money', three((f) => f.incomeMinor), cur),
    figure('budget.spending', 'Spending', 'money', three((f) => f.spendingMinor), cur),
    figure('budget.net', 'Net (income − spending)', 'money', three((f) => f.netMinor), cur),
    figure('budget.savingsRate', 'Savings rate', 'share', three((f) => f.savingsRate)),
    ...spendingCats.slice(0, TOP_CATEGORIES).map((c) =>
      figure(
        `budget.category.${c.id}`,
        `Spending on ${c.en.toLowerCase()}`,
        'money',
        trio(now.categories, prev?.categories ?? null, last?.categories ?? null, (cats) => spendingOf(cats, c.id)),
        cur,
      ),
    ),
  ];
  const notes: string[] = [];
  const top = spendingCats[0];
  if (top) notes.push(`Most money went to ${top.en.toLowerCase()}: ${formatValue({ unit: 'money', currency: cur }, -top.totalMinor)} of ${formatValue({ unit: 'money', currency: cur }, now.figures.spendingMinor)}.`);
  notes.push(`${now.figures.count} transactions.`);
  return { id: 'budget', title: 'Money', from: 'insights.budget', figures, notes };
}
