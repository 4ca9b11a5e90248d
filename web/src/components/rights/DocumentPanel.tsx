import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { Async, ErrorState, Notice } from '../StateViews.tsx';
import { useApi } from '../use-api.ts';
import { downloadBase64 } from './download.ts';

/**
 * One document of a request, in the UI's language: the letter or e-mail to the organisation
 * (rights.letter) or the complaint to the CNIL (rights.complaint). Shows its subject and
 * text, copies the text, downloads the PDF. `version` changes when the request does, so the
 * text (dates, status) follows it.
 */
export function DocumentPanel({ requestId, document, version, title, intro, className = 'card', testId }: { requestId: string; document: 'letter' | 'complaint'; version: string; title: string; intro?: ReactNode; className?: string; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const operation = document === 'letter' ? 'rights.letter' : 'rights.complaint';
  const doc = useApi(() => call(operation, { id: requestId, lang, format: 'text' }), [operation, requestId, lang, version]);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const copy = async (text: string) => {
    setError(null);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch (e) {
      setError(e);
    }
  };
  const pdf = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await call(operation, { id: requestId, lang, format: 'pdf' });
      if (d.base64) downloadBase64(d.base64, d.mediaType, d.fileName);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={className} aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{title}</h2>
      {intro}
      <Async value={doc}>
        {(d) => (
          <>
            <p>
              <strong>{t('rights.subject', { subject: d.subject })}</strong>
            </p>
            <pre className="mono rights-document" data-testid={`${testId}-text`}>
              {d.text}
            </pre>
            <div className="actions">
              <button type="button" className="secondary" onClick={() => void copy(d.text ?? '')}>
                {t('rights.copy')}
              </button>
              <button type="button" onClick={() => void pdf()} disabled={busy}>
                {t('rights.downloadPdf')}
              </button>
              {d.email && (
                <a className="button secondary" href={`mailto:${encodeURIComponent(d.email.to ?? '')}?${new URLSearchParams({ subject: d.subject, body: d.email.body }).toString().replaceAll('+', '%20')}`}>
                  {t('rights.writeEmail')}
                </a>
              )}
            </div>
            {copied && <Notice>{t('rights.copied')}</Notice>}
          </>
        )}
      </Async>
      {error !== null && <ErrorState error={error} />}
    </section>
  );
}
