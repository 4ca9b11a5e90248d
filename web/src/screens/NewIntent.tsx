import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, call } from '../api/client.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { Async, ErrorState, Notice } from '../components/StateViews.tsx';
import { useApi } from '../components/use-api.ts';
import { DisclosePicker } from '../components/vrm/DisclosePicker.tsx';
import { RequirementFields, needsOf, type Requirement } from '../components/vrm/RequirementFields.tsx';
import { CATEGORIES, DEFAULT_TERMS, TERMS, isRevealable, useVrmText, type IntentCategory, type StandardTerm } from '../components/vrm/vrm-text.ts';
import '../components/vrm/vrm.css';

/** The attribute INTENT_INVALID names when the intent's words hold an identity value (src/vrm/identity-reveal.ts). */
function identifyingAttribute(details: unknown): string | undefined {
  if (!details || typeof details !== 'object' || !('attribute' in details)) return undefined;
  return typeof details.attribute === 'string' ? details.attribute : undefined;
}
const inThirtyDays = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/**
 * A new intent: the category (in the query string), what I want in words and fields, the
 * values the vault computed that I choose to disclose (shown before anything is published),
 * my terms and the expiry; publishing leads to the intent's page.
 */
export default function NewIntent() {
  const { t } = useTranslation();
  const v = useVrmText();
  const id = useId();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const category: IntentCategory = CATEGORIES.find((c) => c === params.get('category')) ?? 'energy-supply';
  const preview = useApi(() => call('intents.preview', { category }), [category]);
  const vendors = useApi(() => call('vendors.list', {}), []);
  const [form, setForm] = useState({ title: '', text: '', until: inThirtyDays() });
  const [needs, setNeeds] = useState<Requirement[]>([]);
  const [withheld, setWithheld] = useState<string[]>([]);
  const [terms, setTerms] = useState<StandardTerm[]>(DEFAULT_TERMS);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setInvalid(null);
    if (preview.status !== 'ready') return;
    const need = needsOf(needs);
    if (!need.ok) return setInvalid(t('intents.requirementInvalid', { name: need.bad }));
    if (terms.length === 0) return setInvalid(t('intents.termsNone'));
    setBusy(true);
    try {
      const published = await call('intents.publish', {
        category,
        // The person's language, not the server's default English label, when she gives no title.
        title: form.title.trim() || v.category(category),
        ...(form.text.trim() ? { text: form.text.trim() } : {}),
        need: need.pairs,
        disclose: preview.data.profile.map((p) => p.name).filter((n) => !withheld.includes(n)),
        terms: TERMS.filter((x) => terms.includes(x)),
        until: form.until,
      });
      void navigate(`/intents/${published.pseudonym}`);
    } catch (x) {
      // The vault refused words that would give her away: say which value, in her language.
      const attribute = x instanceof ApiError && x.code === 'INTENT_INVALID' ? identifyingAttribute(x.details) : undefined;
      if (attribute) setInvalid(t('intents.identifying', { what: isRevealable(attribute) ? t(`intents.attributesInline.${attribute}`) : t('intents.identityValue') }));
      else setError(x);
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        <Link to="/intents">← {t('intents.back')}</Link>
      </p>
      <PageTitle text={t('intents.newTitle')} />
      <p className="lead">{t('intents.newIntro')}</p>
      <form className="card vrm-form" onSubmit={(e) => void submit(e)} aria-labelledby="page-title">
        <div className="grid-2">
          <div className="field">
            <label htmlFor={`${id}-category`}>{t('intents.category')}</label>
            <select
              id={`${id}-category`}
              value={category}
              onChange={(e) => {
                setWithheld([]);
                setParams({ category: e.target.value }, { replace: true });
              }}
            >
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {v.category(c)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-title`}>{t('intents.titleField')}</label>
            <input id={`${id}-title`} value={form.title} maxLength={200} aria-describedby={`${id}-title-hint`} onChange={(e) => setForm({ ...form, title: e.target.value })} />
            <p className="hint" id={`${id}-title-hint`}>
              {t('intents.titleHint')}
            </p>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('intents.textField')}</label>
          <textarea id={`${id}-text`} rows={3} maxLength={5000} value={form.text} aria-describedby={`${id}-text-hint`} onChange={(e) => setForm({ ...form, text: e.target.value })} />
          <p className="hint" id={`${id}-text-hint`}>
            {t('intents.textHint')}
          </p>
        </div>
        <RequirementFields value={needs} onChange={setNeeds} />
        <Async value={preview}>{(p) => <DisclosePicker preview={p} withheld={withheld} onChange={setWithheld} />}</Async>
        <Async value={vendors}>
          {({ vendors: list }) => {
            const names = list.filter((x) => x.categories.includes(category)).map((x) => x.name);
            return <p data-testid="receivers">{names.length ? t('intents.vendorsWhoReceive', { names: names.join(', ') }) : t('intents.vendorsWhoReceiveNone')}</p>;
          }}
        </Async>
        <fieldset>
          <legend>{t('intents.terms')}</legend>
          <p className="hint">{t('intents.termsHint')}</p>
          <div className="vrm-checks">
            {TERMS.map((term) => (
              <label key={term} className="check">
                <input type="checkbox" checked={terms.includes(term)} onChange={() => setTerms(terms.includes(term) ? terms.filter((x) => x !== term) : [...terms, term])} />
                {v.term(term)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-until`}>{t('intents.expiry')}</label>
          <input id={`${id}-until`} type="date" required min={tomorrow()} value={form.until} aria-describedby={`${id}-until-hint`} onChange={(e) => setForm({ ...form, until: e.target.value })} />
          <p className="hint" id={`${id}-until-hint`}>
            {t('intents.expiryHint')}
          </p>
        </div>
        <button type="submit" disabled={busy || preview.status !== 'ready'}>
          {busy ? t('intents.publishing') : t('intents.publish')}
        </button>
        {invalid && <Notice kind="error">{invalid}</Notice>}
        {error !== null && <ErrorState error={error} />}
      </form>
    </>
  );
}
