import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** One requirement as typed: a name and a value ("green" = "true"). */
export interface Requirement {
  name: string;
  value: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** The rows as intents.publish takes them ("name=value"), blank rows left out; or the first bad name. */
export function needsOf(rows: Requirement[]): { ok: true; pairs: string[] } | { ok: false; bad: string } {
  const filled = rows.filter((r) => r.name.trim() || r.value.trim());
  const bad = filled.find((r) => !NAME.test(r.name.trim()));
  if (bad) return { ok: false, bad: bad.name };
  return { ok: true, pairs: filled.map((r) => `${r.name.trim()}=${r.value.trim()}`) };
}

/** Requirements as name/value rows: add, edit, remove. */
export function RequirementFields({ value, onChange }: { value: Requirement[]; onChange: (rows: Requirement[]) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const set = (n: number, row: Requirement) => onChange(value.map((r, i) => (i === n ? row : r)));
  return (
    <fieldset>
      <legend>{t('intents.requirements')}</legend>
      <p className="hint">{t('intents.requirementsHint')}</p>
      {value.map((r, n) => (
        <div key={n} className="vrm-requirement">
          <div className="field">
            <label htmlFor={`${id}-name-${n}`}>{t('intents.requirementName', { n: n + 1 })}</label>
            <input id={`${id}-name-${n}`} value={r.name} maxLength={64} onChange={(e) => set(n, { ...r, name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-value-${n}`}>{t('intents.requirementValue', { n: n + 1 })}</label>
            <input id={`${id}-value-${n}`} value={r.value} maxLength={200} onChange={(e) => set(n, { ...r, value: e.target.value })} />
          </div>
          <button type="button" className="secondary small-button" onClick={() => onChange(value.filter((_, i) => i !== n))}>
            {t('intents.removeRequirement', { n: n + 1 })}
          </button>
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...value, { name: '', value: '' }])}>
        {t('intents.addRequirement')}
      </button>
    </fieldset>
  );
}
