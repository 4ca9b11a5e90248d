import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { ErrorState } from '../StateViews.tsx';

/** Closing an intent without accepting, in two steps (the second says what it does). */
export function CloseIntent({ intent, onClosed }: { intent: string; onClosed: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('intents.close', { intent });
      onClosed();
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="vrm-close-title">
      <h2 id="vrm-close-title">{t('intents.closeTitle')}</h2>
      <p>{t('intents.closeText')}</p>
      <div className="actions">
        {confirming ? (
          <>
            <button type="button" className="danger" onClick={() => void close()} disabled={busy}>
              {t('intents.closeConfirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              {t('intents.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            {t('intents.close')}
          </button>
        )}
      </div>
      {error !== null && <ErrorState error={error} />}
    </section>
  );
}
