import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { DemoLoader } from '../components/DemoLoader.tsx';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { PassphraseField } from '../components/PassphraseField.tsx';
import { ErrorState, Loading } from '../components/StateViews.tsx';
import { useSession } from '../session.tsx';

/** Only same-site paths: `?next=` must not send the person elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/welcome') ? next : '/';
}

/** Create the vault (with a strength meter) or unlock it; a new vault then offers the demo person or an import. */
export default function Onboarding() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [justCreated, setJustCreated] = useState(false);

  if (session.status === 'loading') return <Loading />;
  if (session.status === 'unreachable') return <ErrorState error={new Error('The MesInfos server cannot be reached.')} retry={() => void session.refresh()} />;
  if (session.status === 'unlocked' && !justCreated) return <Navigate to={next} replace />;
  const creating = !session.vaultExists || justCreated;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldError(null);
    if (passphrase.length < 8) return setFieldError(t('onboarding.tooShort'));
    if (creating && passphrase !== confirm) return setFieldError(t('onboarding.mismatch'));
    setBusy(true);
    try {
      if (creating) setJustCreated(true);
      await session.unlock(passphrase, creating);
      if (!creating) navigate(next, { replace: true });
    } catch (x) {
      setJustCreated(false);
      if (x instanceof ApiError && x.code === 'VAULT_PASSPHRASE_WRONG') setFieldError(t('onboarding.wrong'));
      else setError(x);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="onboarding">
      <header className="onboarding-top">
        <span className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          {t('app.name')}
        </span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="card narrow">
        {justCreated && session.status === 'unlocked' ? (
          <>
            <PageTitle text={t('onboarding.emptyTitle')} />
            <p>{t('onboarding.emptyIntro')}</p>
            <p>
              <Link className="button" to="/import">
                {t('onboarding.importFiles')}
              </Link>
            </p>
            <DemoLoader />
            <p>
              <Link to="/">{t('onboarding.explore')}</Link>
            </p>
          </>
        ) : (
          <>
            <PageTitle text={t('onboarding.welcome')} />
            <p className="lead">{t('onboarding.intro')}</p>
            <h2>{creating ? t('onboarding.createTitle') : t('onboarding.unlockTitle')}</h2>
            <form onSubmit={(e) => void submit(e)} noValidate>
              <PassphraseField
                label={t('onboarding.passphrase')}
                value={passphrase}
                onChange={setPassphrase}
                autoComplete={creating ? 'new-password' : 'current-password'}
                meter={creating}
                {...(creating ? { hint: t('onboarding.passphraseHint') } : {})}
                error={!creating ? fieldError : null}
              />
              {creating && <PassphraseField label={t('onboarding.confirm')} value={confirm} onChange={setConfirm} autoComplete="new-password" error={fieldError} />}
              <button type="submit" disabled={busy}>
                {creating ? t('onboarding.create') : t('onboarding.unlock')}
              </button>
              {busy && <Loading />}
            </form>
            {error !== null && <ErrorState error={error} />}
          </>
        )}
      </main>
    </div>
  );
}
