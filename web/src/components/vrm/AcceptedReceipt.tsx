import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Accepted } from './AcceptOffer.tsx';
import { isRevealable } from './vrm-text.ts';

/** What accepting did: the offer, what was revealed to that vendor only, the grant and its signed receipt. */
export function AcceptedReceipt({ accepted: a }: { accepted: Accepted }) {
  const { t } = useTranslation();
  const vendor = a.offer.vendor.name;
  const heading = useRef<HTMLHeadingElement>(null);
  // The button that accepted is gone: the focus goes to what it did.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card vrm-receipt" aria-labelledby="vrm-receipt-title" data-testid="accepted">
      <h2 id="vrm-receipt-title" ref={heading} tabIndex={-1}>{t('intents.revealedTo', { vendor })}</h2>
      <p role="status">{t('intents.accepted', { title: a.offer.title, vendor })}</p>
      <dl className="facts">
        {a.revealed.map((r) => (
          <div key={r.attribute} className="fact">
            <dt>{isRevealable(r.attribute) ? t(`intents.attributes.${r.attribute}`) : r.attribute}</dt>
            <dd data-attribute={r.attribute}>{r.value}</dd>
          </div>
        ))}
        <div className="fact">
          <dt>{t('intents.grant')}</dt>
          <dd className="mono">{a.grant.id}</dd>
        </div>
        <div className="fact">
          <dt>{t('intents.receipt')}</dt>
          <dd className="mono">{a.receipt.id}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/sharing/${encodeURIComponent(a.grant.id)}`}>{t('intents.grantLink')}</Link>
      </p>
    </section>
  );
}
