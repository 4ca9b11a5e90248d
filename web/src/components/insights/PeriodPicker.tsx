import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

/** The period held in the URL (`?from=2025-01-01&to=2026-01-01`, `to` excluded); empty means the insight's default. */
export function usePeriod(): { from: string; to: string; set: (p: { from: string; to: string }) => void } {
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const set = (p: { from: string; to: string }) => {
    const next = new URLSearchParams(params);
    for (const k of ['from', 'to'] as const) {
      if (p[k]) next.set(k, p[k]);
      else next.delete(k);
    }
    setParams(next);
  };
  return { from, to, set };
}

/** Two date fields and a button; `shown` is the period the insight answered for (its defaults filled in). */
export function PeriodPicker({ shown, onChange }: { shown: { from: string; to: string }; onChange: (p: { from: string; to: string }) => void }) {
  const { t } = useTranslation();
  const ids = { from: useId(), to: useId() };
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown.from, shown.to]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(draft);
  };
  return (
    <form className="filters period-picker" onSubmit={submit}>
      <div className="field">
        <label htmlFor={ids.from}>{t('insights.from')}</label>
        <input id={ids.from} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={ids.to}>{t('insights.to')}</label>
        <input id={ids.to} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </div>
      <div className="actions">
        <button type="submit">{t('insights.show')}</button>
      </div>
    </form>
  );
}
