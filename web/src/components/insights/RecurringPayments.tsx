import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useFormat } from '../../format.ts';
import { Async, EmptyState } from '../StateViews.tsx';
import { useApi } from '../use-api.ts';
import { useCategoryName, type CategoryName } from './category-names.ts';

/** Recurring payments and income: period, latest amount, drift since the first, next expected date; ended ones apart. */
export function RecurringPayments({ names }: { names: Map<string, CategoryName> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const name = useCategoryName();
  const recurring = useApi(() => call('insights.recurring', {}), []);
  return (
    <Async value={recurring}>
      {(r) => {
        if (r.series.length === 0) return <EmptyState title={t('budget.noRecurring')} />;
        const active = r.series.filter((s) => s.status === 'active');
        const ended = r.series.filter((s) => s.status === 'ended');
        const money = (amountMinor: number, currency: string) => f.money({ amountMinor, currency });
        const rows = (list: typeof r.series) =>
          list.map((s) => (
            <tr key={s.key}>
              <th scope="row">
                <span className="tx-label">{s.label}</span>
                <span className="muted small"> · {name(s.category, names)}</span>
              </th>
              <td>{t(`budget.period.${s.period}`)}</td>
              <td className="num">{`${s.direction === 'in' ? '+' : '−'}${money(s.amountMinor, s.currency)}`}</td>
              <td className="num">{s.drift.changePct === null ? '—' : `${s.drift.changePct > 0 ? '+' : ''}${f.number(s.drift.changePct, 1)} %`}</td>
              <td>{s.status === 'active' ? (s.nextExpected ? f.date(s.nextExpected) : '—') : t('budget.endedOn', { date: f.date(s.last) })}</td>
            </tr>
          ));
        const head = (
          <thead>
            <tr>
              <th scope="col">{t('budget.payment')}</th>
              <th scope="col">{t('budget.every')}</th>
              <th scope="col" className="num">
                {t('budget.amount')}
              </th>
              <th scope="col" className="num">
                {t('budget.drift')}
              </th>
              <th scope="col">{t('budget.next')}</th>
            </tr>
          </thead>
        );
        return (
          <>
            <p data-testid="recurring-monthly">{t('budget.recurringMonthly', { amount: money(r.monthlyCostMinor, r.currency), n: f.number(active.length) })}</p>
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('budget.recurringTitle')}>
              <table data-testid="recurring">
                <caption className="visually-hidden">{t('budget.recurringTitle')}</caption>
                {head}
                <tbody>{rows(active)}</tbody>
              </table>
            </div>
            {ended.length > 0 && (
              <details>
                <summary>{t('budget.ended', { n: f.number(ended.length) })}</summary>
                <div className="table-wrap" tabIndex={0} role="region" aria-label={t('budget.endedTitle')}>
                  <table>
                    <caption className="visually-hidden">{t('budget.endedTitle')}</caption>
                    {head}
                    <tbody>{rows(ended)}</tbody>
                  </table>
                </div>
              </details>
            )}
          </>
        );
      }}
    </Async>
  );
}
