import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, EXPORT_URL, changePassphrase } from '../api/client.ts';
import { DemoLoader } from '../components/DemoLoader.tsx';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { LockButton } from '../components/LockButton.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { PassphraseField } from '../components/PassphraseField.tsx';
import { ErrorState, Notice } from '../components/StateViews.tsx';

function ChangePassphrase() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [state, setState] = useState<{ s: 'idle' | 'busy' | 'done' } | { s: 'invalid'; message: string } | { s: 'error'; error: unknown }>({ s: 'idle' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next.length < 8) return setState({ s: 'invalid', message: t('onboarding.tooShort') });
    if (next !== confirm) return setState({ s: 'invalid', message: t('onboarding.mismatch') });
    setState({ s: 'busy' });
    try {
      await changePassphrase(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setState({ s: 'done' });
    } catch (error) {
      setState(error instanceof ApiError && error.code === 'VAULT_PASSPHRASE_WRONG' ? { s: 'invalid', message: t('onboarding.wrong') } : { s: 'error', error });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <PassphraseField label={t('settings.current')} value={current} onChange={setCurrent} autoComplete="current-password" />
      <PassphraseField label={t('settings.next')} value={next} onChange={setNext} autoComplete="new-password" meter hint={t('onboarding.passphraseHint')} />
      <PassphraseField label={t('settings.confirm')} value={confirm} onChange={setConfirm} autoComplete="new-password" />
      <button type="submit" disabled={state.s === 'busy'}>
        {t('settings.change')}
      </button>
      {state.s === 'done' && <Notice>{t('settings.changed')}</Notice>}
      {state.s === 'invalid' && <Notice kind="error">{state.message}</Notice>}
      {state.s === 'error' && <ErrorState error={state.error} />}
    </form>
  );
}

/** Lock, export the whole vault, change the passphrase, language, demo person. */
export default function Settings() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle text={t('settings.title')} />
      <section className="card" aria-labelledby="lock-title">
        <h2 id="lock-title">{t('settings.lockTitle')}</h2>
        <p>{t('settings.lockIntro')}</p>
        <LockButton label={t('settings.lock')} />
      </section>
      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">{t('settings.exportTitle')}</h2>
        <p>{t('settings.exportIntro')}</p>
        <a className="button" href={EXPORT_URL} download>
          {t('settings.export')}
        </a>
      </section>
      <section className="card" aria-labelledby="passphrase-title">
        <h2 id="passphrase-title">{t('settings.passphraseTitle')}</h2>
        <ChangePassphrase />
      </section>
      <section className="card" aria-labelledby="language-title">
        <h2 id="language-title">{t('settings.languageTitle')}</h2>
        <LanguageSwitcher />
      </section>
      <section className="card" aria-labelledby="demo-title">
        <h2 id="demo-title">{t('settings.demoTitle')}</h2>
        <p>{t('settings.demoIntro')}</p>
        <DemoLoader />
      </section>
    </>
  );
}
