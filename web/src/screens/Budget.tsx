import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { call } from '../api/client.ts';
import { BillsList } from '../components/insights/BillsList.tsx';
import { categoriesOf, type BudgetResult } from '../components/insights/category-names.ts';
import { DataTable } from '../components/insights/DataTable.tsx';
import { FigureList } from '../components/insights/FigureList.tsx';
import { MonthPicker } from '../components/insights/MonthPicker.tsx';
import { NoDataYet } from '../components/insights/NoDataYet.tsx';
import { RecurringPayments } from '../components/insights/RecurringPayments.tsx';
import { SpendingByCategory } from '../components/insights/SpendingByCategory.tsx';
import { TransactionsCategorise } from '../components/insights/TransactionsCategorise.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { useFormat } from '../format.ts';

type Figures = BudgetResult['figures'];

/** This period against the same period a year before, as a table. */
function YearComparison({ budget }: { budget: BudgetResult }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = budget.figures;
  const before = budget.lastYear.figures;
  const money = (amountMinor: number) => f.money({ amountMinor, currency: budget.currency });
  const rate = (r: number | null) => (r === null ? '—' : f.percent(r));
  const change = (a: number, b: number) => (before.count === 0 ? '—' : `${a - b > 0 ? '+' : a - b < 0 ? '−' : ''}${money(Math.abs(a - b))}`);
  if (before.count === 0) return <p className="muted">{t('budget.noLastYear', { from: f.date(budget.lastYear.from) })}</p>;
  const row = (label: string, key: keyof Pick<Figures, 'incomeMinor' | 'spendingMinor' | 'netMinor'>) => ({ key, head: label, cells: [money(now[key]), money(before[key]), change(now[key], before[key])] });
  return (
    <DataTable
      caption={t('budget.compareTitle')}
      testId="budget-last-year"
      columns={[{ label: '' }, { label: t('budget.thisPeriod'), num: true }, { label: t('budget.lastYear', { from: f.date(budget.lastYear.from) }), num: true }, { label: t('budget.change'), num: true }]}
      rows={[
        row(t('budget.income'), 'incomeMinor'),
        row(t('budget.spending'), 'spendingMinor'),
        row(t('budget.net'), 'netMinor'),
        { key: 'rate', head: t('budget.savingsRate'), cells: [rate(now.savingsRate), rate(before.savingsRate), ''] },
      ]}
    />
  );
}

/** The budget of one month: income, spending by category, savings rate, last year, recurring payments, bills, and re-categorising. */
export default function Budget() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? '';
  const budget = useApi(() => call('insights.budget', { ...(month ? { month } : {}), transactions: true }), [month]);
  const money = (b: BudgetResult, amountMinor: number) => f.money({ amountMinor, currency: b.currency });
  return (
    <>
      <PageTitle text={t('budget.title')} />
      <Async value={budget}>
        {(b) => {
          const shown = b.from.slice(0, 7);
          return (
            <>
              <MonthPicker month={shown} onChange={(m) => setParams({ month: m })} />
              {b.figures.count === 0 ? (
                <NoDataYet title={t('budget.empty')} hint={t('budget.emptyHint')} />
              ) : (
                <>
                  <FigureList
                    label={t('budget.figuresLabel')}
                    figures={[
                      { label: t('budget.income'), value: money(b, b.figures.incomeMinor), testId: 'budget-income' },
                      { label: t('budget.spending'), value: money(b, b.figures.spendingMinor), testId: 'budget-spending' },
                      { label: t('budget.net'), value: money(b, b.figures.netMinor), testId: 'budget-net', tone: b.figures.netMinor >= 0 ? 'good' : 'bad' },
                      { label: t('budget.savingsRate'), value: b.figures.savingsRate === null ? '—' : f.percent(b.figures.savingsRate), testId: 'budget-savings-rate' },
                    ]}
                  />
                  <p className="hint">
                    {t('budget.origins', { n: f.number(b.figures.count), rule: f.number(b.byOrigin.rule), source: f.number(b.byOrigin.source), person: f.number(b.byOrigin.person) })}
                  </p>
                  <section aria-labelledby="budget-compare">
                    <h2 id="budget-compare">{t('budget.compareTitle')}</h2>
                    <YearComparison budget={b} />
                  </section>
                  <section aria-labelledby="budget-categories">
                    <h2 id="budget-categories">{t('budget.byCategory')}</h2>
                    <SpendingByCategory budget={b} />
                  </section>
                  <section aria-labelledby="budget-bills">
                    <h2 id="budget-bills">{t('budget.billsTitle')}</h2>
                    <BillsList from={b.from} to={b.to} />
                  </section>
                  <section aria-labelledby="budget-transactions">
                    <h2 id="budget-transactions">{t('budget.transactionsTitle')}</h2>
                    <p className="hint">{t('budget.transactionsHint')}</p>
                    <TransactionsCategorise budget={b} onChanged={budget.reload} />
                  </section>
                </>
              )}
              <section aria-labelledby="budget-recurring">
                <h2 id="budget-recurring">{t('budget.recurringTitle')}</h2>
                <RecurringPayments names={categoriesOf(b.categories)} />
              </section>
            </>
          );
        }}
      </Async>
    </>
  );
}
