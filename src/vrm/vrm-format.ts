import { formatMoney as formatAmount, type Money } from '../domain/money.ts';

/** "12.50 EUR", or an em dash when there is no figure. */
export function formatMoney(m: Money | null): string {
  return m ? formatAmount(m) : '—';
}

/**
 * Requirements typed as name=value ("green=true", "maxMonthlyEur=60", "option=HP/HC"):
 * true/false become booleans, plain decimal numbers become numbers, the rest stays text.
 */
export function parseNeeds(pairs: readonly string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const p of pairs) {
    const at = p.indexOf('=');
    const name = p.slice(0, at).trim();
    const raw = p.slice(at + 1).trim();
    out[name] = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}
