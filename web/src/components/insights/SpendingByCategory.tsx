import { useTranslation } from 'react-i18next';
import { ResponsiveContainer, Tooltip, Treemap } from 'recharts';
import { useFormat } from '../../format.ts';
import { useCategoryName, type BudgetResult } from './category-names.ts';
import { DataTable } from './DataTable.tsx';

const COLOURS = ['#1d4e89', '#2f7a4b', '#8a4b08', '#6b3fa0', '#a3261c', '#1f6f78', '#5c5f14', '#7a2e5b', '#34495e', '#845b0d', '#2b5d34', '#553c8b'];

/** Spending by category: a treemap (area = amount spent) and the same figures as a table, with last year's beside. */
export function SpendingByCategory({ budget }: { budget: BudgetResult }) {
  const { t } = useTranslation();
  const f = useFormat();
  const name = useCategoryName();
  const money = (amountMinor: number) => f.money({ amountMinor, currency: budget.currency });
  const spending = budget.categories.filter((c) => c.kind === 'spending' && c.totalMinor < 0).sort((a, b) => a.totalMinor - b.totalMinor);
  const lastYear = new Map(budget.lastYear.categories.map((c) => [c.id, c]));
  const data = spending.map((c) => ({ name: name(c), size: -c.totalMinor }));
  if (spending.length === 0) return <p className="muted">{t('budget.noSpending')}</p>;
  return (
    <>
      <figure className="chart" aria-label={t('budget.treemapLabel')}>
        <ResponsiveContainer width="100%" height={280}>
          <Treemap data={data} dataKey="size" nameKey="name" stroke="#fff" colorPanel={COLOURS} isAnimationActive={false}>
            <Tooltip formatter={(v) => money(Number(v))} />
          </Treemap>
        </ResponsiveContainer>
      </figure>
      <DataTable
        caption={t('budget.byCategory')}
        testId="budget-categories"
        columns={[{ label: t('budget.category') }, { label: t('budget.spent'), num: true }, { label: t('budget.transactions'), num: true }, { label: t('budget.lastYearShort'), num: true }]}
        rows={spending.flatMap((c) => {
          const before = lastYear.get(c.id);
          return [
            { key: c.id, className: 'category-top', attrs: { 'data-category': c.id }, head: name(c), cells: [money(-c.totalMinor), f.number(c.count), before ? money(-before.totalMinor) : '—'] },
            ...c.children.map((k) => ({ key: k.id, className: 'category-child', attrs: { 'data-category': k.id }, head: name(k), cells: [money(-k.totalMinor), f.number(k.count), ''] })),
          ];
        })}
      />
    </>
  );
}
