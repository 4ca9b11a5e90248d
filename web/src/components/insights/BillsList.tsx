import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../api/client.ts';
import { useFormat } from '../../format.ts';
import { Async } from '../StateViews.tsx';
import { useApi } from '../use-api.ts';

/** The bills of a period and the transactions that paid them (or "not found"). */
export function BillsList({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const bills = useApi(() => call('insights.bills', { from, to }), [from, to]);
  return (
    <Async value={bills}>
      {(b) =>
        b.bills.length === 0 ? (
          <p className="muted">{t('budget.noBills')}</p>
        ) : (
          <ul className="bills" data-testid="bills">
            {b.bills.map((bill) => (
              <li key={bill.documentId} className={`bill bill-${bill.status}`}>
                <p className="bill-head">
                  <Link to={`/records/${bill.documentId}`}>{bill.title}</Link>
                  <span className="muted"> · {bill.issuer} · {f.date(bill.issuedOn)}</span>
                  <strong className="bill-amount">{f.money({ amountMinor: bill.amountMinor, currency: bill.currency })}</strong>
                </p>
                {bill.transactions.length > 0 ? (
                  <p className="small">
                    <span className={`badge bill-status-${bill.status}`}>{t(`budget.billStatus.${bill.status}`)}</span>{' '}
                    {bill.transactions.map((tx) => (
                      <span key={tx.id}>
                        {t('budget.paidBy', { date: f.date(tx.date) })} <Link to={`/records/${tx.id}`}>{tx.label}</Link>
                      </span>
                    ))}
                  </p>
                ) : (
                  <p className="small">
                    <span className="badge bill-status-unmatched">{t('budget.billStatus.unmatched')}</span>
                  </p>
                )}
              </li>
            ))}
          </ul>
        )
      }
    </Async>
  );
}
