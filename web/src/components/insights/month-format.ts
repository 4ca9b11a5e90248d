import { useFormat } from '../../format.ts';

/** Formatters the insight screens add to useFormat(): month names and energies, per locale. */
export function useInsightFormat() {
  const f = useFormat();
  const monthFmt = new Intl.DateTimeFormat(f.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const longMonthFmt = new Intl.DateTimeFormat(f.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    ...f,
    /** `2025-03` → "Mar 2025" / "mars 2025". */
    month: (m: string) => monthFmt.format(new Date(`${m}-01T00:00:00Z`)),
    /** `2025-03` → "March 2025" / "mars 2025". */
    longMonth: (m: string) => longMonthFmt.format(new Date(`${m}-01T00:00:00Z`)),
    kWh: (n: number, digits = 1) => `${f.number(n, digits)} kWh`,
    /** A change in percent, signed: "+4.5 %". */
    change: (pct: number | null) => (pct === null ? '—' : `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${f.number(Math.abs(pct), 1)} %`),
  };
}
