import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { call } from '../../api/client.ts';
import type { OperationInput } from '../../api/operations.ts';
import { ErrorState, Notice } from '../StateViews.tsx';
import { RIGHT_KINDS, useRightsText, type RightKind } from './rights-text.ts';

type Channel = NonNullable<OperationInput<'rights.create'>['channel']>;
const CHANNELS: readonly Channel[] = ['api', 'email', 'letter'];

/** An organisation the person may write to: a source of the vault, named when registered as a client. */
export interface OrganisationChoice {
  source: string;
  name: string;
}

/**
 * The form of a new request: the right, the organisation (a source the vault knows, or a
 * registered organisation), what it concerns and, for a rectification, the wrong and the
 * right value. Creates a draft (rights.create) and opens it.
 */
export function NewRequestForm({ organisations }: { organisations: OrganisationChoice[] }) {
  const { t } = useTranslation();
  const text = useRightsText();
  const navigate = useNavigate();
  const id = useId();
  const [form, setForm] = useState({ kind: 'access' as RightKind, organisation: '', channel: '' as Channel | '', what: '', current: '', requested: '', change: '' });
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const rectification = form.kind === 'rectification';
  const what = form.what
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setInvalid(null);
    setError(null);
    if (rectification && (what.length !== 1 || !form.current.trim() || !form.requested.trim())) return setInvalid(t('rights.rectificationNeeds'));
    setBusy(true);
    try {
      const r = await call('rights.create', {
        kind: form.kind,
        organisation: form.organisation,
        ...(form.channel ? { channel: form.channel } : {}),
        ...(what.length ? { what } : {}),
        ...(rectification ? { current: form.current.trim(), requested: form.requested.trim() } : {}),
        ...(form.change.trim() ? { change: form.change.trim() } : {}),
      });
      await navigate(`/rights/${encodeURIComponent(r.id)}`);
    } catch (x) {
      setError(x);
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('rights.newTitle')}</h2>
      <p className="hint">{t('rights.newHint')}</p>
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('rights.kindLabel')}</label>
          <select id={`${id}-kind`} value={form.kind} onChange={(e) => setForm({ ...form, kind: RIGHT_KINDS.find((k) => k === e.target.value) ?? 'access' })}>
            {RIGHT_KINDS.map((k) => (
              <option key={k} value={k}>
                {text.kind(k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-org`}>{t('rights.organisation')}</label>
          <select id={`${id}-org`} required value={form.organisation} onChange={(e) => setForm({ ...form, organisation: e.target.value })}>
            <option value="">{t('rights.chooseOrganisation')}</option>
            {organisations.map((o) => (
              <option key={o.source} value={o.source}>
                {o.name === o.source ? o.source : `${o.name} (${o.source})`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t('rights.channelLabel')}</label>
          <select id={`${id}-channel`} value={form.channel} onChange={(e) => setForm({ ...form, channel: CHANNELS.find((c) => c === e.target.value) ?? '' })}>
            <option value="">{t('rights.channelAuto')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {text.channel(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-what`}>{t('rights.what')}</label>
          <input id={`${id}-what`} value={form.what} required={rectification} aria-describedby={`${id}-what-hint`} onChange={(e) => setForm({ ...form, what: e.target.value })} />
          <p className="hint" id={`${id}-what-hint`}>
            {t('rights.whatHint')}
          </p>
        </div>
        {rectification && (
          <>
            <div className="field">
              <label htmlFor={`${id}-current`}>{t('rights.current')}</label>
              <input id={`${id}-current`} value={form.current} required onChange={(e) => setForm({ ...form, current: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-requested`}>{t('rights.requested')}</label>
              <input id={`${id}-requested`} value={form.requested} required onChange={(e) => setForm({ ...form, requested: e.target.value })} />
            </div>
          </>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-change`}>{t('rights.change')}</label>
        <textarea className="rights-textarea" id={`${id}-change`} rows={3} value={form.change} onChange={(e) => setForm({ ...form, change: e.target.value })} />
      </div>
      <button type="submit" disabled={busy}>
        {t('rights.create')}
      </button>
      {invalid && <Notice kind="error">{invalid}</Notice>}
      {error !== null && <ErrorState error={error} />}
    </form>
  );
}
