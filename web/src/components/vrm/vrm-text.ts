import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '../../api/operations.ts';
import { useInsightFormat } from '../insights/month-format.ts';

/** The shapes the VRM screens show, as the API answers them. */
export type Intent = OperationOutput<'intents.show'>['intent'];
export type IntentCategory = Intent['category'];
export type IntentStatus = Intent['status'];
export type StandardTerm = Intent['terms'][number];
export type ProfileValue = Intent['profile'][number];
export type OfferWithComparison = OperationOutput<'offers.list'>['offers'][number];
export type Price = OfferWithComparison['price'];
export type Comparison = OfferWithComparison['comparison'];

export const CATEGORIES: IntentCategory[] = ['energy-supply', 'gas-supply', 'mobile-plan', 'internet-box', 'home-insurance', 'car-insurance', 'bank-account'];
export const TERMS: StandardTerm[] = ['no-resale', 'no-tracking', 'delete-if-no-deal', 'offer-only', 'eu-processing'];
export const DEFAULT_TERMS: StandardTerm[] = ['no-resale', 'no-tracking', 'delete-if-no-deal', 'offer-only'];

/**
 * The identity attributes the UI offers to reveal, in this order (offers.list says which the
 * vault holds and their values). Not offered: given and family names apart (the full name
 * says both) and customer numbers (another organisation's).
 */
export const REVEALABLE = ['full_name', 'email', 'phone', 'postal_address', 'birth_date', 'iban'] as const;
export type Revealable = (typeof REVEALABLE)[number];
export type RevealableValue = OperationOutput<'offers.list'>['revealable'][number];
export const isRevealable = (a: string): a is Revealable => (REVEALABLE as readonly string[]).includes(a);

const PROFILE_KEYS = ['energy.yearly-kwh', 'energy.off-peak-share', 'energy.contracted-power-kva', 'energy.tariff-option', 'gas.yearly-kwh', 'telecom.monthly-data-gb', 'telecom.monthly-call-minutes', 'telecom.monthly-sms'] as const;
type ProfileKey = (typeof PROFILE_KEYS)[number];
const isProfileKey = (name: string): name is ProfileKey => (PROFILE_KEYS as readonly string[]).includes(name);

const UNIT_KEYS = ['messages', 'GB', 'min'] as const;
const isUnitKey = (u: string): u is (typeof UNIT_KEYS)[number] => (UNIT_KEYS as readonly string[]).includes(u);

/**
 * The words of the VRM screens in the current language: categories, statuses, terms, the
 * disclosed values (labels translated by their insight's name; the server's English label is
 * the fallback), price structures and comparisons.
 */
export function useVrmText() {
  const { t } = useTranslation();
  const f = useInsightFormat();
  const localMonth = new Intl.DateTimeFormat(f.locale, { month: 'short', year: 'numeric', timeZone: 'Europe/Paris' });

  const unit = (u: string | undefined) => (u === undefined ? '' : isUnitKey(u) ? t(`intents.units.${u}`) : u);
  const value = (p: ProfileValue) => {
    const v = typeof p.value === 'number' ? f.number(p.value, 1) : typeof p.value === 'boolean' ? t(`intents.value.${p.value ? 'yes' : 'no'}`) : p.value;
    const u = unit(p.unit);
    return u === '' ? v : u === '%' ? `${v} %` : `${v} ${u}`;
  };
  const profileLabel = (p: { name: string; label: string }) => (isProfileKey(p.name) ? t(`intents.profile.${p.name}`) : p.label);
  /** "Contracted power:" / "Puissance souscrite :" — a label before its value, with the language's punctuation. */
  const labelled = (label: string) => t('intents.labelValue', { label });
  /** The months a basis names ("…, 2025-11 to 2026-10, …") in the page's language; else undefined (then show the server's words). */
  const basis = (p: ProfileValue): string | undefined => {
    if (p.basis === 'the electricity contract in force') return t('intents.basisContract');
    const m = /(\d{4}-\d{2}) to (\d{4}-\d{2})/.exec(p.basis);
    return m?.[1] && m[2] ? t('intents.basisPeriod', { period: `${f.month(m[1])} – ${f.month(m[2])}` }) : undefined;
  };
  /** "Oct 2025 – Sep 2026" for the comparison's twelve months ([from, to), local months). */
  const period = (p: { from: string; to: string }) => (p.from && p.to ? `${localMonth.format(new Date(p.from))} – ${localMonth.format(new Date(Date.parse(p.to) - 1))}` : '');

  const price = (p: Price): string => {
    if (p.kind === 'flat') return t('intents.priceFlat', { perMonth: f.money(p.perMonth) });
    if (p.kind === 'energy') {
      const base = { subscription: f.money(p.subscriptionPerMonth), perKWh: f.money(p.pricePerKWh) };
      return p.offPeak
        ? t('intents.priceEnergyOffPeak', { ...base, offPeak: f.money(p.offPeak.pricePerKWh), from: p.offPeak.window.from, to: p.offPeak.window.to })
        : t('intents.priceEnergy', base);
    }
    const inc = p.included ?? {};
    const included = [
      inc.dataGB === undefined ? t('intents.unlimitedData') : t('intents.dataGB', { n: f.number(inc.dataGB, 1) }),
      inc.callMinutes === undefined ? t('intents.unlimitedCalls') : t('intents.callMinutes', { n: f.number(inc.callMinutes) }),
      inc.sms === undefined ? t('intents.unlimitedSms') : t('intents.sms', { n: f.number(inc.sms) }),
    ].join(', ');
    const b = p.beyond ?? {};
    const beyond = [
      ...(b.perGB ? [t('intents.perGB', { amount: f.money(b.perGB) })] : []),
      ...(b.perMinute ? [t('intents.perMinute', { amount: f.money(b.perMinute) })] : []),
      ...(b.perSms ? [t('intents.perSms', { amount: f.money(b.perSms) })] : []),
    ].join(', ');
    const head = t('intents.priceMobile', { subscription: f.money(p.subscriptionPerMonth), included });
    return beyond ? t('intents.priceMobileBeyond', { head, beyond }) : head;
  };

  /** Where "what you paid" comes from, in words (the server's words when it says something else). */
  const paidBasis = (c: Comparison): string | undefined => {
    const bills = /^(\d+) bills/.exec(c.actualBasis);
    if (bills?.[1]) return t('intents.paidBasis.bills', { n: f.number(Number(bills[1])) });
    if (c.actualBasis.includes('contract’s monthly price')) return t('intents.paidBasis.contract');
    if (c.actualBasis.startsWith('no bills')) return t('intents.paidBasis.none');
    return undefined;
  };

  /** The quantities the estimate used: "5,626 kWh, of which 1,800 kWh off-peak" or data, minutes and texts. */
  const usage = (c: Comparison): string => {
    const u = c.usage;
    const parts: string[] = [];
    if (u['kWh'] !== undefined) parts.push(t('intents.usageKWh', { n: f.number(u['kWh']) }));
    if (u['offPeakKWh']) parts.push(t('intents.usageOffPeak', { n: f.number(u['offPeakKWh']) }));
    if (u['dataGB'] !== undefined) parts.push(t('intents.usageData', { n: f.number(u['dataGB'], 1) }));
    if (u['callMinutes'] !== undefined) parts.push(t('intents.usageCalls', { n: f.number(u['callMinutes']) }));
    if (u['sms'] !== undefined) parts.push(t('intents.usageSms', { n: f.number(u['sms']) }));
    return parts.join(', ');
  };

  /** A comparison's note in the page's language, when it is one the screens know; else undefined (then show the server's words). */
  const note = (n: string): string | undefined => {
    const over = /^(\d+) of (\d+) months went beyond/.exec(n);
    if (over?.[1] && over[2]) return t('intents.notes.overAllowance', { n: over[1], total: over[2] });
    const short = /^the data covers only (\d+) whole months/.exec(n);
    if (short?.[1]) return t('intents.notes.shortData', { n: short[1] });
    if (/^no (electricity|gas) readings in the vault$/.test(n)) return t('intents.notes.noReadings');
    if (n === 'no mobile usage records in the vault') return t('intents.notes.noUsage');
    if (n.startsWith('no usage data to compare for this category')) return t('intents.notes.flat');
    return undefined;
  };

  return {
    f,
    note,
    category: (c: IntentCategory) => t(`intents.categories.${c}`),
    status: (s: IntentStatus) => t(`intents.status.${s}`),
    term: (s: StandardTerm) => t(`intents.termText.${s}`),
    offerStatus: (s: OfferWithComparison['status']) => t(`intents.offerStatus.${s}`),
    profileLabel,
    labelled,
    value,
    basis,
    period,
    price,
    paidBasis,
    usage,
  };
}

export type VrmText = ReturnType<typeof useVrmText>;

