import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FigureList, type Figure } from '../insights/FigureList.tsx';
import { ServerText } from '../insights/ServerText.tsx';
import { useVrmText, type Comparison, type OfferWithComparison } from './vrm-text.ts';

/** What the offer would have cost, what was paid, and the difference in money and per cent. */
function useComparisonFigures(c: Comparison): Figure[] {
  const { t } = useTranslation();
  const v = useVrmText();
  const out: Figure[] = [];
  if (c.simulated) out.push({ label: t('intents.wouldHaveCost'), value: v.f.money(c.simulated), testId: 'offer-simulated', ...(c.actual ? {} : { hint: t('intents.twelvePayments') }) });
  if (c.actual) out.push({ label: t('intents.youPaid'), value: v.f.money(c.actual), testId: 'offer-actual', hint: v.paidBasis(c) ?? <ServerText>{c.actualBasis}</ServerText> });
  if (c.difference && c.actual && c.actual.amountMinor !== 0) {
    const d = c.difference.amountMinor;
    const pct = v.f.change((d / c.actual.amountMinor) * 100);
    const amount = v.f.money({ ...c.difference, amountMinor: Math.abs(d) });
    out.push({
      label: t('intents.difference'),
      value: d === 0 ? t('intents.same') : t(d < 0 ? 'intents.saving' : 'intents.extra', { amount, pct }),
      testId: 'offer-difference',
      ...(d < 0 ? { tone: 'good' as const } : d > 0 ? { tone: 'bad' as const } : {}),
    });
  }
  return out;
}

/**
 * One offer, side by side with the others: vendor, title, the price in words, conditions,
 * validity, and what it would have cost over the person's last twelve months next to what
 * they paid. `action` is the place for choosing it.
 */
export function OfferCard({ offer: o, cheapest, action }: { offer: OfferWithComparison; cheapest: boolean; action?: ReactNode }) {
  const { t } = useTranslation();
  const v = useVrmText();
  const c = o.comparison;
  const usage = v.usage(c);
  const figures = useComparisonFigures(c);
  return (
    <article className={`card vrm-offer${cheapest ? ' vrm-cheapest' : ''} vrm-offer-${o.status}`} data-testid="offer" data-offer={o.id} aria-labelledby={`offer-${o.id}`}>
      <h3 id={`offer-${o.id}`}>
        {o.title} <span className="vrm-vendor">· {o.vendor.name}</span>
      </h3>
      <p className="vrm-badges">
        <span className={`badge vrm-offer-status-${o.status}`}>{v.offerStatus(o.status)}</span>
        {cheapest && <span className="badge vrm-badge-cheapest">{t('intents.cheapest')}</span>}
      </p>
      <FigureList label={t('intents.wouldHaveCost')} figures={figures} />
      {usage && <p className="hint">{t('intents.usage', { usage })}</p>}
      {c.notes.length > 0 && (
        <ul className="notes">
          {c.notes.map((n) => {
            const said = v.note(n);
            return said ? (
              <li key={n}>{said}</li>
            ) : (
              <ServerText as="li" key={n}>
                {n}
              </ServerText>
            );
          })}
        </ul>
      )}
      <dl className="facts vrm-facts">
        <dt>{t('intents.vendor')}</dt>
        <dd>{o.vendor.name}</dd>
        <dt>{t('intents.price')}</dt>
        <dd data-testid="offer-price">{v.price(o.price)}</dd>
        {o.conditions && (
          <>
            <dt>{t('intents.conditions')}</dt>
            <dd>
              <ServerText>{o.conditions}</ServerText>
            </dd>
          </>
        )}
        <dt>{t('intents.commitment')}</dt>
        <dd>{o.commitmentMonths ? t('intents.months', { n: o.commitmentMonths }) : t('intents.noCommitment')}</dd>
        <dt>{t('intents.validUntil')}</dt>
        <dd>{v.f.date(o.validUntil)}</dd>
      </dl>
      {action}
    </article>
  );
}
