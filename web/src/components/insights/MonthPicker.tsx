import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** `2025-03` shifted by `delta` months → `2025-04`. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * A month chooser: previous / a month field / next. The month lives in the URL (the caller
 * writes it), so a month's page is a shareable link.
 */
export function MonthPicker({ month, onChange }: { month: string; onChange: (month: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="month-picker">
      <button type="button" className="secondary" onClick={() => onChange(shiftMonth(month, -1))}>
        ← {t('insights.previousMonth')}
      </button>
      <div className="field inline">
        <label htmlFor={id}>{t('insights.month')}</label>
        <input id={id} type="month" value={month} onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && onChange(e.target.value)} />
      </div>
      <button type="button" className="secondary" onClick={() => onChange(shiftMonth(month, 1))}>
        {t('insights.nextMonth')} →
      </button>
    </div>
  );
}
