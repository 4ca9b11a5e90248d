import type { Intent } from './intent-schema.ts';
import type { Offer } from './offer-schema.ts';

/**
 * Where a vault keeps its intents, the vendors' acceptances of their terms, and the offers.
 * An implementation MUST keep one row per intent pseudonym and per offer id (saving again
 * replaces it), apply `settle` all or nothing (the intent and every offer change together),
 * and list offers oldest first. Example:
 *   await store.saveIntent(intent); await store.acceptTerms(intent.pseudonym, 'org:volt', intent.terms, now);
 */
export interface VrmStore {
  saveIntent(intent: Intent): Promise<void>;
  getIntent(pseudonym: string): Promise<Intent | undefined>;
  /** Intents, newest first. */
  listIntents(): Promise<Intent[]>;
  acceptTerms(pseudonym: string, clientId: string, terms: readonly string[], at: string): Promise<void>;
  /** The terms a vendor accepted for an intent, or undefined when it has not. */
  acceptedTerms(pseudonym: string, clientId: string): Promise<string[] | undefined>;
  saveOffer(offer: Offer): Promise<void>;
  getOffer(id: string): Promise<Offer | undefined>;
  /** Offers of an intent, or of a vendor, oldest first. */
  listOffers(filter: { intent?: string; clientId?: string }): Promise<Offer[]>;
  /** The intent categories the person lets a vendor receive (replaces the previous list). */
  setVendorCategories(clientId: string, categories: readonly string[], at: string): Promise<void>;
  /** Every vendor's categories, by client id. */
  vendorCategories(): Promise<Map<string, string[]>>;
  /** Saves an intent and its offers in one transaction (acceptance, closing). */
  settle(intent: Intent, offers: readonly Offer[]): Promise<void>;
}
