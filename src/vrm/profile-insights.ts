import type { RecordStore } from '../store/record-store.ts';
import type { IntentCategory, ProfileValue } from './intent-schema.ts';
import { energyOver, energySpan, type Commodity } from './energy-usage.ts';
import type { MobileMonth } from './tariff-cost.ts';
import { contractsFor, mobileMonthsIn, trimmedToData, twelveMonthsBefore, usageSpan, type Period } from './usage-data.ts';

/** The off-peak window of French HP/HC offers, for the disclosed off-peak share. */
const HC_WINDOW = '22:00-06:00';

/**
 * The named insights a person may disclose with an intent. Each computes one coarse value
 * from the vault (rounded so that it describes a household, not a meter), says how, and
 * returns undefined when the vault lacks the data. Nothing here names the person, a meter,
 * a line or an address.
 */
export interface ProfileInsight {
  name: string;
  label: string;
  categories: readonly IntentCategory[];
  compute(ctx: ProfileContext): Promise<Omit<ProfileValue, 'name' | 'label'> | undefined>;
}

/** Shared, lazily computed inputs: one pass over the readings serves every insight. */
export class ProfileContext {
  private memo = new Map<string, Promise<unknown>>();
  constructor(
    readonly store: RecordStore,
    readonly timeZone: string,
  ) {}

  private once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) this.memo.set(key, (p = fn()));
    return p;
  }

  /**
   * A commodity over the last twelve whole months of its readings — fewer when the readings
   * begin inside them (never months without data) — or undefined without a whole month.
   */
  energy(commodity: Commodity) {
    return this.once(`energy:${commodity}`, async () => {
      const span = await energySpan(this.store, commodity);
      if (span === undefined) return undefined;
      const period = trimmedToData(twelveMonthsBefore(span.lastMs, this.timeZone), span.firstMs, this.timeZone);
      if (period.months.length === 0) return undefined;
      const used = await energyOver(this.store, commodity, period, this.timeZone, HC_WINDOW);
      return used && { period, ...used };
    });
  }

  mobile() {
    return this.once('mobile', async () => {
      const span = await usageSpan(this.store);
      if (span === undefined) return undefined;
      const period = trimmedToData(twelveMonthsBefore(span.lastMs, this.timeZone), span.firstMs, this.timeZone);
      if (period.months.length === 0) return undefined;
      return { period, months: await mobileMonthsIn(this.store, period, this.timeZone) };
    });
  }

  electricityContract(period: Period) {
    return this.once('contract:electricity', async () => (await contractsFor(this.store, 'electricity', period)).at(-1)?.data);
  }
}

const periodWords = (p: Period) => `${p.months[0]} to ${p.months[p.months.length - 1]}`;
const roundTo = (v: number, step: number) => Math.round(v / step) * step;

function yearlyKWh(commodity: Commodity): ProfileInsight['compute'] {
  return async (ctx) => {
    const e = await ctx.energy(commodity);
    // A yearly figure needs a year: fewer months would tell vendors a consumption far below the real one.
    if (!e || e.kWh === 0 || e.period.months.length < 12) return undefined;
    return { value: roundTo(e.kWh, 100), unit: 'kWh', basis: `measured readings, ${periodWords(e.period)}, rounded to 100 kWh` };
  };
}

/** A term of the electricity contract in force (contracted power, tariff option). */
function contractTerm(term: string, unit?: string): ProfileInsight['compute'] {
  return async (ctx) => {
    const e = await ctx.energy('electricity');
    const v = e && (await ctx.electricityContract(e.period))?.terms[term];
    return v === undefined || typeof v === 'boolean' ? undefined : { value: v, ...(unit ? { unit } : {}), basis: 'the electricity contract in force' };
  };
}

/** A monthly average of mobile usage over the (up to twelve) whole months with records, rounded. */
function monthlyAverage(of: (m: MobileMonth) => number, round: (v: number) => number, unit: string, how: string): ProfileInsight['compute'] {
  return async (ctx) => {
    const m = await ctx.mobile();
    if (!m) return undefined;
    return { value: round(m.months.reduce((s, x) => s + of(x), 0) / m.months.length), unit, basis: `the operator's usage records, ${periodWords(m.period)}, ${how}` };
  };
}

export const PROFILE_INSIGHTS: readonly ProfileInsight[] = [
  { name: 'energy.yearly-kwh', label: 'Electricity used in the last twelve months', categories: ['energy-supply'], compute: yearlyKWh('electricity') },
  {
    name: 'energy.off-peak-share',
    label: 'Share of electricity used between 22:00 and 06:00',
    categories: ['energy-supply'],
    compute: async (ctx) => {
      const e = await ctx.energy('electricity');
      if (!e || e.offPeakShare === null) return undefined;
      return { value: Math.round(100 * e.offPeakShare), unit: '%', basis: `half-hourly readings, ${periodWords(e.period)}, local time, whole per cent` };
    },
  },
  { name: 'energy.contracted-power-kva', label: 'Contracted power', categories: ['energy-supply'], compute: contractTerm('contractedPowerKVA', 'kVA') },
  { name: 'energy.tariff-option', label: 'Current tariff option', categories: ['energy-supply'], compute: contractTerm('tariffOption') },
  { name: 'gas.yearly-kwh', label: 'Gas used in the last twelve months', categories: ['gas-supply'], compute: yearlyKWh('gas') },
  {
    name: 'telecom.monthly-data-gb',
    label: 'Mobile data per month (average)',
    categories: ['mobile-plan'],
    compute: monthlyAverage((m) => m.dataBytes / 1e9, (v) => Math.round(v * 10) / 10, 'GB', '1 GB = 10⁹ bytes'),
  },
  {
    name: 'telecom.monthly-call-minutes',
    label: 'Outgoing call minutes per month (average)',
    categories: ['mobile-plan'],
    compute: monthlyAverage((m) => m.callSeconds / 60, (v) => roundTo(v, 10), 'min', 'rounded to 10 minutes'),
  },
  {
    name: 'telecom.monthly-sms',
    label: 'Text messages sent per month (average)',
    categories: ['mobile-plan'],
    compute: monthlyAverage((m) => m.sms, (v) => roundTo(v, 10), 'messages', 'rounded to 10'),
  },
];

/** The insights a category may disclose. */
export function insightsFor(category: IntentCategory): ProfileInsight[] {
  return PROFILE_INSIGHTS.filter((p) => p.categories.includes(category));
}

/**
 * Computes the profile the person would disclose: the named insights (default: every one
 * of the category) that the vault can compute. Names not offered for the category are refused
 * by the caller; values the vault cannot compute are listed in `unavailable`.
 */
export async function computeProfile(store: RecordStore, category: IntentCategory, names: readonly string[] | undefined, timeZone: string): Promise<{ profile: ProfileValue[]; unavailable: string[] }> {
  const ctx = new ProfileContext(store, timeZone);
  const chosen = insightsFor(category).filter((p) => !names || names.includes(p.name));
  const profile: ProfileValue[] = [];
  const unavailable: string[] = [];
  for (const p of chosen) {
    const v = await p.compute(ctx);
    if (v) profile.push({ name: p.name, label: p.label, ...v });
    else unavailable.push(p.name);
  }
  return { profile, unavailable };
}
