import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call } from '../api/client.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async, Notice } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { AcceptOffer, type Accepted } from '../components/vrm/AcceptOffer.tsx';
import { AcceptedReceipt } from '../components/vrm/AcceptedReceipt.tsx';
import { CloseIntent } from '../components/vrm/CloseIntent.tsx';
import { CostChart } from '../components/vrm/CostChart.tsx';
import { IntentSummary } from '../components/vrm/IntentSummary.tsx';
import { OfferCard } from '../components/vrm/OfferCard.tsx';
import { useVrmText } from '../components/vrm/vrm-text.ts';
import '../components/vrm/vrm.css';

/**
 * One intent: what was asked and disclosed, the terms, and the offers side by side with what
 * each would have cost on the person's last twelve months; accept one (choosing what to
 * reveal) or close the intent.
 */
export default function IntentDetail() {
  const { id = '' } = useParams();
  // Keyed by the intent: what was chosen or accepted on one intent's page never shows on another's.
  return <IntentPage key={id} id={id} />;
}

function IntentPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const v = useVrmText();
  const data = useApi(() => call('offers.list', { intent: id }), [id]);
  const [choosing, setChoosing] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<Accepted | null>(null);
  const [closed, setClosed] = useState(false);
  return (
    <>
      <p>
        <Link to="/intents">← {t('intents.back')}</Link>
      </p>
      {/* One h1 in every state: the generic one while loading or when the intent cannot be shown. */}
      <PageTitle text={data.status === 'ready' ? t('intents.intentTitle', { title: data.data.intent.title }) : t('intents.intentGeneric')} />
      <Async value={data}>
        {({ intent, offers, revealable }) => {
          const open = intent.status === 'open';
          const priced = offers.filter((o) => o.comparison.simulated);
          const cheapest = priced.length > 1 ? priced.reduce((a, b) => (b.comparison.simulated!.amountMinor < a.comparison.simulated!.amountMinor ? b : a)).id : null;
          const period = offers.map((o) => v.period(o.comparison.period)).find(Boolean);
          return (
            <>
              {closed && <Notice>{t('intents.closed')}</Notice>}
              {accepted && <AcceptedReceipt accepted={accepted} />}
              <IntentSummary intent={intent} grantLink={!accepted} />
              <section aria-labelledby="vrm-offers-title">
                <h2 id="vrm-offers-title">{t('intents.offers')}</h2>
                {offers.length === 0 ? (
                  <p>{open ? t('intents.offersEmpty') : t('intents.offersClosed')}</p>
                ) : (
                  <>
                    {period && <p className="hint">{t('intents.compareIntro', { period })}</p>}
                    <CostChart offers={offers} />
                    <div className="vrm-offers">
                      {offers.map((o) => (
                        <OfferCard
                          key={o.id}
                          offer={o}
                          cheapest={o.id === cheapest}
                          action={
                            open && o.status === 'pending' ? (
                              choosing === o.id ? (
                                <AcceptOffer
                                  offer={o}
                                  revealable={revealable}
                                  onCancel={() => setChoosing(null)}
                                  onAccepted={(a) => {
                                    setAccepted(a);
                                    setChoosing(null);
                                    data.reload();
                                  }}
                                />
                              ) : (
                                <button type="button" onClick={() => setChoosing(o.id)} aria-label={t('intents.chooseLabel', { title: o.title, vendor: o.vendor.name })}>
                                  {t('intents.choose')}
                                </button>
                              )
                            ) : undefined
                          }
                        />
                      ))}
                    </div>
                  </>
                )}
              </section>
              {open && (
                <CloseIntent
                  intent={intent.pseudonym}
                  onClosed={() => {
                    setClosed(true);
                    data.reload();
                  }}
                />
              )}
            </>
          );
        }}
      </Async>
    </>
  );
}
