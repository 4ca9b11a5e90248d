import { useTranslation } from 'react-i18next';

/** Money as the server sends it: integer minor units and an ISO 4217 currency. */
export interface MoneyValue {
  amountMinor: number;
  currency: string;
  scale?: number;
}

export function isMoney(v: unknown): v is MoneyValue {
  return !!v && typeof v === 'object' && typeof (v as MoneyValue).amountMinor === 'number' && typeof (v as MoneyValue).currency === 'string';
}

/** Formatters for the current language (Intl): dates, numbers, money, sizes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language === 'fr' ? 'fr-FR' : 'en-GB';
  const number = (n: number, digits = 0) => new Intl.NumberFormat(lng, { maximumFractionDigits: digits }).format(n);
  return {
    locale: lng,
    number,
    percent: (f: number) => new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 0 }).format(f),
    date: (iso: string) => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeZone: iso.length === 10 ? 'UTC' : undefined }).format(new Date(iso)),
    dateTime: (iso: string) => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    money: (m: MoneyValue) => new Intl.NumberFormat(lng, { style: 'currency', currency: m.currency, maximumFractionDigits: Math.max(minorDigits(m), 2) }).format(moneyNumber(m)),
    bytes: (n: number) => new Intl.NumberFormat(lng, { style: 'unit', unit: n >= 1e6 ? 'megabyte' : n >= 1e3 ? 'kilobyte' : 'byte', maximumFractionDigits: 1 }).format(n >= 1e6 ? n / 1e6 : n >= 1e3 ? n / 1e3 : n),
  };
}

export type Formatters = ReturnType<typeof useFormat>;

/** How many decimals a Money's minor units carry: its scale, else its currency's (2 for EUR). */
function minorDigits(m: MoneyValue): number {
  return m.scale ?? new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** A Money as a plain number of currency units, for a chart's axis (never for a figure shown as text). */
export function moneyNumber(m: MoneyValue): number {
  return m.amountMinor / 10 ** minorDigits(m);
}

/** A one-line summary of a record's data, for lists. */
export function summarise(data: Record<string, unknown>, f: Formatters): string {
  const parts: string[] = [];
  for (const k of ['label', 'fullName', 'summary', 'title', 'merchant', 'name', 'attribute', 'kind', 'meterId', 'value']) {
    const v = data[k];
    if (typeof v === 'string' || typeof v === 'number') parts.push(String(v));
  }
  const amount = data.amount ?? data.total;
  if (isMoney(amount)) parts.push(f.money(amount));
  if (typeof data.energyWh === 'number') parts.push(`${f.number(data.energyWh / 1000, 2)} kWh`);
  return parts.join(' · ').slice(0, 120);
}
