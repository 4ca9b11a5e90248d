import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import type { OperationOutput } from '../../api/operations.ts';
import { ErrorState, Notice } from '../StateViews.tsx';
import { REVEALABLE, useVrmText, type OfferWithComparison, type Revealable, type RevealableValue } from './vrm-text.ts';

export type Accepted = OperationOutput<'offers.accept'>;
const DEFAULT_REVEAL: readonly Revealable[] = ['full_name', 'email', 'phone', 'postal_address'];

/**
 * Accepting an offer: which identity values the vendor will learn (each a checkbox, shown with
 * the exact value accepting reveals, from offers.list), then offers.accept. The other offers
 * are declined by the server.
 */
export function AcceptOffer({ offer, revealable, onAccepted, onCancel }: { offer: OfferWithComparison; revealable: RevealableValue[]; onAccepted: (a: Accepted) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const v = useVrmText();
  const [chosen, setChosen] = useState<Revealable[]>([...DEFAULT_REVEAL]);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const vendor = offer.vendor.name;

  const valueOf = (a: Revealable) => revealable.find((x) => x.attribute === a)?.value;
  const known = REVEALABLE.filter((a) => valueOf(a) !== undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const reveal = REVEALABLE.filter((a) => chosen.includes(a) && known.includes(a));
    setInvalid(reveal.length === 0);
    if (reveal.length === 0) return;
    setBusy(true);
    try {
      onAccepted(await call('offers.accept', { offer: offer.id, reveal }));
    } catch (x) {
      setError(x);
      setBusy(false);
    }
  };

  return (
    <form className="vrm-accept" onSubmit={(e) => void submit(e)} aria-label={t('intents.reveal', { vendor })}>
      <fieldset>
        <legend>{t('intents.reveal', { vendor })}</legend>
        <p className="hint">{t('intents.revealHint', { vendor })}</p>
        {known.length === 0 && <p>{t('intents.revealNone')}</p>}
        <div className="vrm-checks">
          {known.map((a) => (
            <label key={a} className="check">
              <input type="checkbox" name="reveal" value={a} checked={chosen.includes(a)} onChange={() => setChosen(chosen.includes(a) ? chosen.filter((x) => x !== a) : [...chosen, a])} />
              <span>
                {v.labelled(t(`intents.attributes.${a}`))} <strong className="vrm-reveal-value">{valueOf(a)}</strong>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy || known.length === 0}>
          {busy ? t('intents.accepting') : t('intents.accept')}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          {t('intents.cancel')}
        </button>
      </div>
      {invalid && <Notice kind="error">{t('intents.revealChooseOne', { vendor })}</Notice>}
      {error !== null && <ErrorState error={error} />}
    </form>
  );
}
