import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { instantSchema } from '../domain/time.ts';

/**
 * An intent: what the person wants from vendors ("a cheaper electricity offer"), in words
 * and fields, the derived profile they chose to disclose (values computed in the vault),
 * the terms vendors must accept to answer, and an expiry. Vendors know an intent only by
 * its pseudonym: random, unlinkable between intents, never the vault's or the person's id.
 */

/** What an intent asks for. Energy and mobile offers get a comparison on real data. */
export const INTENT_CATEGORIES = {
  'energy-supply': 'Electricity supply',
  'gas-supply': 'Gas supply',
  'mobile-plan': 'Mobile plan',
  'internet-box': 'Internet access at home',
  'home-insurance': 'Home insurance',
  'car-insurance': 'Car insurance',
  'bank-account': 'Bank account',
} as const;
export type IntentCategory = keyof typeof INTENT_CATEGORIES;
export const intentCategorySchema = z.enum(Object.keys(INTENT_CATEGORIES) as [IntentCategory, ...IntentCategory[]], {
  error: () => `expected a category: ${Object.keys(INTENT_CATEGORIES).join(', ')}`,
});

/** The standard terms a person may set; a vendor accepts them all, as listed, to answer. */
export const STANDARD_TERMS = {
  'no-resale': 'The profile and any data revealed later are not sold, rented or given to anyone else.',
  'no-tracking': 'No attempt to re-identify the person or link this intent to other data, no tracking.',
  'delete-if-no-deal': 'Everything received about this intent is deleted within 30 days if no contract is signed.',
  'offer-only': 'The data serve only to make and carry out this offer: no marketing, no profiling.',
  'eu-processing': 'The data are processed and stored within the European Union.',
} as const;
export type StandardTerm = keyof typeof STANDARD_TERMS;
export const standardTermSchema = z.enum(Object.keys(STANDARD_TERMS) as [StandardTerm, ...StandardTerm[]], {
  error: () => `expected a standard term: ${Object.keys(STANDARD_TERMS).join(', ')}`,
});
export const DEFAULT_TERMS: StandardTerm[] = ['no-resale', 'no-tracking', 'delete-if-no-deal', 'offer-only'];

/** A random pseudonym, one per intent: 128 bits, nothing derived from the vault. */
export function newIntentPseudonym(): string {
  return `intent-${randomBytes(16).toString('hex')}`;
}
/** A random offer id (vendors see it; it carries no time or vault information). */
export function newOfferId(): string {
  return `offer-${randomBytes(16).toString('hex')}`;
}
export const pseudonymSchema = z.string().regex(/^intent-[0-9a-f]{32}$/, 'expected an intent pseudonym like intent-3f…(32 hex digits)');
export const offerIdSchema = z.string().regex(/^offer-[0-9a-f]{32}$/, 'expected an offer id like offer-9a…(32 hex digits)');

/** A requirement as a field: a word and a value ("green": true, "maxMonthlyEur": 60). */
export const requirementFieldsSchema = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a requirement field is a short name like green or maxMonthlyEur'),
  z.union([z.string().max(200), z.number(), z.boolean()]),
);

/** One disclosed value of the derived profile, as the vault computed it and vendors see it. */
export const profileValueSchema = z.object({
  /** The named insight that computed it, e.g. energy.yearly-kwh. */
  name: z.string(),
  label: z.string(),
  value: z.union([z.number(), z.string(), z.boolean()]),
  unit: z.string().optional(),
  /** How it was computed, in words (the period, the rounding). */
  basis: z.string(),
});
export type ProfileValue = z.infer<typeof profileValueSchema>;

export const intentStatusSchema = z.enum(['open', 'accepted', 'closed', 'expired']);
export type IntentStatus = z.infer<typeof intentStatusSchema>;

/** An intent as the vault keeps it (the owner sees all of it). */
export const intentSchema = z.object({
  pseudonym: pseudonymSchema,
  category: intentCategorySchema,
  title: z.string(),
  requirements: z.object({ text: z.string(), fields: requirementFieldsSchema }),
  profile: z.array(profileValueSchema),
  terms: z.array(standardTermSchema),
  publishedAt: instantSchema,
  expiresAt: instantSchema,
  status: intentStatusSchema,
  closedAt: instantSchema.nullable(),
  /** Set when an offer was accepted: the offer and the grant that revealed the identity. */
  acceptedOffer: z.string().nullable(),
  grantId: z.string().nullable(),
});
export type Intent = z.infer<typeof intentSchema>;

/** What a vendor sees of an open intent: no status history, no grant, nothing about the person. */
export const vendorIntentSchema = intentSchema.pick({ category: true, title: true, requirements: true, profile: true, expiresAt: true }).extend({
  intent: pseudonymSchema,
  terms: z.array(z.object({ term: standardTermSchema, text: z.string() })),
  termsAccepted: z.boolean(),
});
export type VendorIntent = z.infer<typeof vendorIntentSchema>;

/** The live status of an intent at `now`: an open intent past its expiry is expired. */
export function intentStatusAt(intent: Intent, now: number): IntentStatus {
  return intent.status === 'open' && Date.parse(intent.expiresAt) <= now ? 'expired' : intent.status;
}
