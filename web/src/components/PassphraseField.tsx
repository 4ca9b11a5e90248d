import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';

const checkers = new Map<string, Promise<ZxcvbnFactory>>();

/** zxcvbn with the common dictionaries and the language's own (loaded on first use: its own chunk). */
function checkerFor(lang: 'fr' | 'en'): Promise<ZxcvbnFactory> {
  let c = checkers.get(lang);
  if (!c) {
    c = (async () => {
      const [core, common, language] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), lang === 'fr' ? import('@zxcvbn-ts/language-fr') : import('@zxcvbn-ts/language-en')]);
      return new core.ZxcvbnFactory({
        translations: language.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...language.dictionary },
      });
    })();
    checkers.set(lang, c);
  }
  return c;
}

interface Props {
  label: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete: 'new-password' | 'current-password';
  /** Show the strength meter (for a new passphrase). */
  meter?: boolean;
  hint?: string;
  error?: string | null;
}

/** A passphrase input, with a zxcvbn strength meter and advice when choosing a new one. */
export function PassphraseField({ label, value, onChange, autoComplete, meter = false, hint, error }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [result, setResult] = useState<ZxcvbnResult | null>(null);
  const lang = i18n.language === 'fr' ? 'fr' : 'en';

  useEffect(() => {
    if (!meter || value === '') {
      setResult(null);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      void checkerFor(lang)
        .then((z) => z.checkAsync(value))
        .then((r) => current && setResult(r));
    }, 120);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [meter, value, lang]);

  const described = [hint ? `${id}-hint` : null, meter ? `${id}-meter` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" value={value} onChange={(e) => onChange(e.target.value)} autoComplete={autoComplete} aria-describedby={described} aria-invalid={error ? true : undefined} required />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {meter && (
        <div id={`${id}-meter`} className="meter" aria-live="polite">
          <meter min={0} max={4} low={2} high={3} optimum={4} value={result?.score ?? 0} aria-hidden="true" className={`score-${result?.score ?? 0}`} />
          {result && (
            <>
              <p>{t('onboarding.strength', { label: t(`onboarding.strengthLabels.${result.score}`) })}</p>
              <p className="hint">{t('onboarding.crackTime', { time: result.crackTimes.offlineSlowHashingXPerSecond.display })}</p>
              {result.feedback.warning && <p className="hint">{result.feedback.warning}</p>}
              {result.feedback.suggestions.map((s) => (
                <p key={s} className="hint">
                  {s}
                </p>
              ))}
            </>
          )}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
