import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { moneyNumber } from '../../format.ts';
import { useVrmText, type OfferWithComparison } from './vrm-text.ts';

/** Twelve months' cost of each offer beside what was paid: bars, with the figures also in the label. */
export function CostChart({ offers }: { offers: OfferWithComparison[] }) {
  const { t } = useTranslation();
  const v = useVrmText();
  const priced = offers.filter((o) => o.comparison.simulated);
  const paid = priced.find((o) => o.comparison.actual)?.comparison.actual;
  if (priced.length === 0) return null;
  const currency = priced[0]!.comparison.simulated!.currency;
  const rows = [
    ...priced.map((o) => ({ label: o.vendor.name, amount: moneyNumber(o.comparison.simulated!), paid: false })),
    ...(paid ? [{ label: t('intents.paidBar'), amount: moneyNumber(paid), paid: true }] : []),
  ];
  const fmt = new Intl.NumberFormat(v.f.locale, { style: 'currency', currency });
  const money = (n: number) => fmt.format(n);
  return (
    <figure className="chart vrm-chart" aria-label={t('intents.chartLabel', { values: rows.map((r) => `${r.label}: ${money(r.amount)}`).join(', ') })}>
      <ResponsiveContainer width="100%" height={48 + rows.length * 40}>
        <BarChart data={rows} layout="vertical" margin={{ left: 0, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" fontSize={11} tickFormatter={(n: number) => v.f.number(n)} />
          <YAxis type="category" dataKey="label" fontSize={11} width={110} />
          <Tooltip formatter={(n) => money(Number(n))} />
          <Bar dataKey="amount" isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.label} fill={r.paid ? '#9aa4b2' : '#1d4e89'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
