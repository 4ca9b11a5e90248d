import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../api/client.ts';
import type { OperationInput } from '../api/operations.ts';
import { GRANULARITIES, PURPOSES, granteeOf, granularityOf, typesOf, useGranularityLabel, usePurposeLabel, type GrantWithState } from '../components/grant-text.ts';
import { useTypeName } from '../i18n/record-types.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async, EmptyState, ErrorState, Notice } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { useFormat } from '../format.ts';

type CreateInput = OperationInput<'grants.create'>;
type Purpose = CreateInput['purpose'];
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

function NewGrant({ types, onCreated }: { types: string[]; onCreated: (message: string) => void }) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const id = useId();
  const [form, setForm] = useState({ grantee: '', granteeName: '', granteeKind: 'app' as 'app' | 'organisation', type: [] as string[], granularity: 'month', purpose: 'ServiceProvision' as Purpose, until: inAYear() });
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Registered apps and organisations are offered as the grantee; choosing one fills in its name and kind.
  const registered = useApi(() => call('clients.list', {}), []);
  const clients = registered.status === 'ready' ? registered.data.clients : [];
  const chooseGrantee = (grantee: string) => {
    const c = clients.find((x) => x.clientId === grantee.trim());
    setForm({ ...form, grantee, ...(c ? { granteeName: c.name, granteeKind: c.kind } : {}) });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setInvalid(null);
    if (form.type.length === 0) return setInvalid(t('sharing.chooseType'));
    setBusy(true);
    try {
      const r = await call('grants.create', {
        grantee: form.grantee.trim(),
        granteeKind: form.granteeKind,
        ...(form.granteeName.trim() ? { granteeName: form.granteeName.trim() } : {}),
        type: form.type,
        granularity: form.granularity,
        purpose: form.purpose,
        until: form.until,
      });
      onCreated(t('sharing.created', { receipt: r.receipt.id }));
      setForm({ ...form, grantee: '', granteeName: '', type: [] });
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('sharing.newGrant')}</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-grantee`}>{t('sharing.grantee')}</label>
          <input id={`${id}-grantee`} value={form.grantee} required list={`${id}-clients`} autoComplete="off" aria-describedby={`${id}-grantee-hint`} onChange={(e) => chooseGrantee(e.target.value)} />
          <datalist id={`${id}-clients`}>
            {clients.map((c) => (
              <option key={c.clientId} value={c.clientId}>
                {c.name}
              </option>
            ))}
          </datalist>
          <p className="hint" id={`${id}-grantee-hint`}>
            {t('sharing.granteeHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('sharing.granteeName')}</label>
          <input id={`${id}-name`} value={form.granteeName} onChange={(e) => setForm({ ...form, granteeName: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('sharing.granteeKind')}</label>
          <select id={`${id}-kind`} value={form.granteeKind} onChange={(e) => setForm({ ...form, granteeKind: e.target.value === 'app' ? 'app' : 'organisation' })}>
            <option value="app">{t('sharing.kinds.app')}</option>
            <option value="organisation">{t('sharing.kinds.organisation')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-granularity`}>{t('sharing.granularity')}</label>
          <select id={`${id}-granularity`} value={form.granularity} onChange={(e) => setForm({ ...form, granularity: e.target.value })}>
            {GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {t(`sharing.granularities.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-purpose`}>{t('sharing.purpose')}</label>
          <select id={`${id}-purpose`} value={form.purpose} onChange={(e) => setForm({ ...form, purpose: PURPOSES.find((p) => p === e.target.value) ?? 'ServiceProvision' })}>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(`sharing.purposes.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-until`}>{t('sharing.until')}</label>
          <input id={`${id}-until`} type="date" required value={form.until} onChange={(e) => setForm({ ...form, until: e.target.value })} />
        </div>
      </div>
      <fieldset>
        <legend>{t('sharing.types')}</legend>
        <div className="checks">
          {types.map((type) => (
            <label key={type} className="check">
              <input type="checkbox" checked={form.type.includes(type)} onChange={() => setForm({ ...form, type: form.type.includes(type) ? form.type.filter((x) => x !== type) : [...form.type, type] })} />
              {typeName(type)} <span className="muted">({type})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={busy}>
        {t('sharing.create')}
      </button>
      {invalid && <Notice kind="error">{invalid}</Notice>}
      {error !== null && <ErrorState error={error} />}
    </form>
  );
}

function GrantRow({ g, onRevoked }: { g: GrantWithState; onRevoked: (message: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const label = useGranularityLabel();
  const purposeLabel = usePurposeLabel();
  const typeName = useTypeName();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const revoke = async () => {
    setBusy(true);
    try {
      const r = await call('grants.revoke', { id: g.id });
      onRevoked(t('sharing.revoked', { grantee: granteeOf(g), receipt: r.receipt.id }));
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`grant state-${g.state}`} data-testid="grant">
      <div className="grant-head">
        <strong>{granteeOf(g)}</strong>
        <span className={`badge state-${g.state}`}>{t(`sharing.state.${g.state}`)}</span>
      </div>
      <p>
        {typesOf(g, typeName)} — {label(granularityOf(g))} — {purposeLabel(g.purpose)}
      </p>
      <p className="muted">{g.revokedAt ? t('sharing.revokedAt', { date: f.dateTime(g.revokedAt) }) : t('sharing.validRange', { from: f.date(g.validFrom), until: f.date(g.validUntil) })}</p>
      <div className="actions">
        <Link to={`/sharing/${encodeURIComponent(g.id)}`}>{t('sharing.show')}</Link>
        {(g.state === 'active' || g.state === 'pending') && (
          <button type="button" className="danger" onClick={() => void revoke()} disabled={busy} aria-label={t('sharing.revokeLabel', { grantee: granteeOf(g) })}>
            {t('sharing.revoke')}
          </button>
        )}
      </div>
      {error !== null && <ErrorState error={error} />}
    </li>
  );
}

/** Grants: create one (purpose, scope, granularity, expiry), read its receipt, revoke it in one click. */
export default function Sharing() {
  const { t } = useTranslation();
  const grants = useApi(() => call('grants.list', {}), []);
  const stats = useApi(() => call('vault.stats', {}), []);
  const [message, setMessage] = useState<string | null>(null);
  const done = (m: string) => {
    setMessage(m);
    grants.reload();
  };
  return (
    <>
      <PageTitle text={t('sharing.title')} />
      <p className="lead">{t('sharing.intro')}</p>
      {message && <Notice>{message}</Notice>}
      <section aria-labelledby="grants-title">
        <h2 id="grants-title">{t('sharing.grants')}</h2>
        <Async value={grants}>
          {({ grants: list }) =>
            list.length === 0 ? (
              <EmptyState title={t('sharing.emptyTitle')}>
                <p>{t('sharing.empty')}</p>
              </EmptyState>
            ) : (
              <ul className="grants">
                {list.map((g) => (
                  <GrantRow key={g.id} g={g} onRevoked={done} />
                ))}
              </ul>
            )
          }
        </Async>
      </section>
      <Async value={stats}>{(s) => <NewGrant types={Object.keys(s.byType).sort()} onCreated={done} />}</Async>
    </>
  );
}
