import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { ErrorState } from '../StateViews.tsx';
import type { RequestView } from './rights-text.ts';

/** The further months an organisation may take to answer, in all (art. 12(3) GDPR). */
const MAX_EXTENSION_MONTHS = 2;

/** Today in the person's own calendar (the browser's), as YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Runs one action at a time, keeping its error to show; `done` reloads the request. */
function useAction(done: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (e: FormEvent | null, action: () => Promise<unknown>) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
      done();
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** Send through the API, or mark sent on the day the letter or e-mail left (the deadline counts from it). */
function SendForm({ r, done }: { r: RequestView; done: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [on, setOn] = useState(today());
  const { busy, error, run } = useAction(done);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('rights.sendTitle')}</h2>
      {r.channel === 'api' ? (
        <button type="button" disabled={busy} onClick={() => void run(null, () => call('rights.send', { id: r.id }))}>
          {t('rights.sendApi')}
        </button>
      ) : (
        <form className="rights-inline-form" onSubmit={(e) => void run(e, () => call('rights.send', { id: r.id, on }))}>
          <div className="field">
            <label htmlFor={`${id}-on`}>{t('rights.sentOnLabel')}</label>
            <input id={`${id}-on`} type="date" required max={today()} value={on} onChange={(e) => setOn(e.target.value)} />
          </div>
          <button type="submit" disabled={busy}>
            {t('rights.markSent')}
          </button>
        </form>
      )}
      {error !== null && <ErrorState error={error} />}
    </section>
  );
}

/** What the organisation did, recorded by the person when it answered by post or e-mail: receipt, extension, answer. */
function RecordResponse({ r, done }: { r: RequestView; done: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [months, setMonths] = useState(1);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<'done' | 'refused'>('done');
  const [refusal, setRefusal] = useState('');
  const { busy, error, run } = useAction(done);
  const can = (a: string) => r.allowed.includes(a);
  // Art. 12(3): two further months at most, in all.
  const monthsLeft = MAX_EXTENSION_MONTHS - r.extensionMonths;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('rights.recordTitle', { organisation: r.organisation.name })}</h2>
      <p className="hint">{t('rights.recordHint')}</p>
      {can('acknowledge') && (
        <div className="actions">
          <button type="button" className="secondary" disabled={busy} onClick={() => void run(null, () => call('rights.acknowledge', { id: r.id }))}>
            {t('rights.acknowledge')}
          </button>
        </div>
      )}
      {can('extend') && monthsLeft > 0 && (
        <form className="rights-inline-form" onSubmit={(e) => void run(e, () => call('rights.extend', { id: r.id, months, reason: reason.trim() }))}>
          <div className="field">
            <label htmlFor={`${id}-months`}>{t('rights.extendMonths')}</label>
            <select id={`${id}-months`} value={months} onChange={(e) => setMonths(Number(e.target.value))}>
              {Array.from({ length: monthsLeft }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
          </div>
          <div className="field grow">
            <label htmlFor={`${id}-reason`}>{t('rights.extendReason')}</label>
            <input id={`${id}-reason`} required value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="secondary" disabled={busy}>
            {t('rights.extend')}
          </button>
        </form>
      )}
      {can('answer') && (
        <form onSubmit={(e) => void run(e, () => call('rights.answer', { id: r.id, outcome, ...(outcome === 'refused' ? { reason: refusal.trim() } : {}) }))}>
          <fieldset className="rights-outcome">
            <legend>{t('rights.outcome')}</legend>
            <div className="checks">
              <label className="check">
                <input type="radio" name={`${id}-outcome`} checked={outcome === 'done'} onChange={() => setOutcome('done')} />
                {t('rights.outcomeDone')}
              </label>
              <label className="check">
                <input type="radio" name={`${id}-outcome`} checked={outcome === 'refused'} onChange={() => setOutcome('refused')} />
                {t('rights.outcomeRefused')}
              </label>
            </div>
            {outcome === 'refused' && (
              <div className="field">
                <label htmlFor={`${id}-refusal`}>{t('rights.refusedReason')}</label>
                <input id={`${id}-refusal`} required value={refusal} onChange={(e) => setRefusal(e.target.value)} />
              </div>
            )}
          </fieldset>
          <button type="submit" className="secondary" disabled={busy}>
            {t('rights.recordAnswer')}
          </button>
        </form>
      )}
      {error !== null && <ErrorState error={error} />}
    </section>
  );
}

function CloseForm({ r, done }: { r: RequestView; done: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction(done);
  return (
    <form className="card rights-inline-form" aria-label={t('rights.close')} onSubmit={(e) => void run(e, () => call('rights.close', { id: r.id, ...(note.trim() ? { note: note.trim() } : {}) }))}>
      <div className="field grow">
        <label htmlFor={`${id}-note`}>{t('rights.closeNote')}</label>
        <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" className="secondary" disabled={busy}>
        {t('rights.close')}
      </button>
      {error !== null && <ErrorState error={error} />}
    </form>
  );
}

/**
 * The actions the request allows now (its `allowed` list): send, record the organisation's
 * moves, close. The forms start afresh after each change of the request.
 */
export function RequestActions({ r, done }: { r: RequestView; done: () => void }) {
  const can = (a: string) => r.allowed.includes(a);
  const version = r.history.length;
  return (
    <>
      {can('send') && <SendForm key={`send-${version}`} r={r} done={done} />}
      {(can('acknowledge') || can('extend') || can('answer')) && <RecordResponse key={`record-${version}`} r={r} done={done} />}
      {can('close') && <CloseForm key={`close-${version}`} r={r} done={done} />}
    </>
  );
}
