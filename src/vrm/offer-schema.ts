import { z } from 'zod';
import { moneySchema, type Money } from '../domain/money.ts';
import { instantSchema } from '../domain/time.ts';
import type { IntentCategory } from './intent-schema.ts';
import { offerIdSchema, pseudonymSchema } from './intent-schema.ts';

/**
 * A vendor's offer in answer to an intent, and what the vault computes beside it. Prices
 * are Money (integer minor units, with a finer `scale` for prices per kWh: 0.1952 €/kWh is
 * { amountMinor: 1952, currency: 'EUR', scale: 4 }).
 */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time like 22:00');

/** An off-peak window in local time; it may cross midnight (22:00 → 06:00). */
export const timeWindowSchema = z.object({ from: hhmm, to: hhmm }).refine((w) => w.from !== w.to, 'the window must not be empty');
export type TimeWindow = z.infer<typeof timeWindowSchema>;

/** Electricity or gas: a monthly subscription and a price per kWh, optionally a cheaper off-peak price in a window. */
export const energyPriceSchema = z.object({
  kind: z.literal('energy'),
  subscriptionPerMonth: moneySchema,
  /** The price per kWh (all hours, or the peak hours when `offPeak` is given). */
  pricePerKWh: moneySchema,
  offPeak: z.object({ pricePerKWh: moneySchema, window: timeWindowSchema }).optional(),
});
export type EnergyPrice = z.infer<typeof energyPriceSchema>;

/** A mobile plan: a monthly price, allowances (absent = unlimited) and the price beyond them. */
export const mobilePriceSchema = z.object({
  kind: z.literal('mobile'),
  subscriptionPerMonth: moneySchema,
  included: z.object({ dataGB: z.number().nonnegative().optional(), callMinutes: z.number().nonnegative().optional(), sms: z.number().int().nonnegative().optional() }).default({}),
  beyond: z.object({ perGB: moneySchema.optional(), perMinute: moneySchema.optional(), perSms: moneySchema.optional() }).default({}),
});
export type MobilePrice = z.infer<typeof mobilePriceSchema>;

/** Anything else (insurance, bank account, internet): a flat monthly price. */
export const flatPriceSchema = z.object({ kind: z.literal('flat'), perMonth: moneySchema });

export const priceSchema = z.discriminatedUnion('kind', [energyPriceSchema, mobilePriceSchema, flatPriceSchema]);
export type Price = z.infer<typeof priceSchema>;

/** The price structure each category takes. */
export function priceKindFor(category: IntentCategory): Price['kind'] {
  if (category === 'energy-supply' || category === 'gas-supply') return 'energy';
  if (category === 'mobile-plan') return 'mobile';
  return 'flat';
}

/** Every Money of a price, to check they share one currency. */
export function moneysOf(p: Price): Money[] {
  if (p.kind === 'energy') return [p.subscriptionPerMonth, p.pricePerKWh, ...(p.offPeak ? [p.offPeak.pricePerKWh] : [])];
  if (p.kind === 'mobile') return [p.subscriptionPerMonth, ...Object.values(p.beyond).filter((m): m is Money => m !== undefined)];
  return [p.perMonth];
}

export const offerStatusSchema = z.enum(['pending', 'accepted', 'declined', 'withdrawn']);
export type OfferStatus = z.infer<typeof offerStatusSchema>;

/** What a vendor posts. */
export const offerInputSchema = z.object({
  intent: pseudonymSchema,
  title: z.string().trim().min(1, 'an offer needs a title').max(200),
  price: priceSchema,
  conditions: z.string().max(5000).default(''),
  commitmentMonths: z.number().int().min(0).max(60).default(0),
  validUntil: instantSchema,
});
export type OfferInput = z.infer<typeof offerInputSchema>;

/** An offer as the vault keeps it. */
export const offerSchema = offerInputSchema.extend({
  id: offerIdSchema,
  vendor: z.object({ clientId: z.string(), name: z.string() }),
  postedAt: instantSchema,
  status: offerStatusSchema,
  decidedAt: instantSchema.nullable(),
});
export type Offer = z.infer<typeof offerSchema>;

/** What the offer would have cost on the person's own last twelve months, next to what they paid. */
export const comparisonSchema = z.object({
  /** The twelve whole local months the figures cover: [from, to). */
  period: z.object({ from: z.string(), to: z.string() }),
  /** What this offer would have cost over the period (minor units of its currency). */
  simulated: moneySchema.nullable(),
  /** What the person actually paid over the same period, and where that figure comes from. */
  actual: moneySchema.nullable(),
  actualBasis: z.string(),
  /** simulated − actual: negative means the offer would have saved money. */
  difference: moneySchema.nullable(),
  /** The quantities the simulation used (kWh, off-peak kWh, GB, minutes…). */
  usage: z.record(z.string(), z.number()),
  /** Why a figure is missing, or what to keep in mind. */
  notes: z.array(z.string()),
});
export type Comparison = z.infer<typeof comparisonSchema>;
