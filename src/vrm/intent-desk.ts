import type { ConsentEngine } from '../consent/consent-engine.ts';
import type { Grant } from '../consent/grant.ts';
import type { StoredReceipt } from '../consent/receipt-schema.ts';
import { MesInfosError } from '../domain/errors.ts';
import type { Vault } from '../vault/vault.ts';
import { chooseIdentity, assertNotIdentifying, type RevealableAttribute } from './identity-reveal.ts';
import { DEFAULT_TERMS, INTENT_CATEGORIES, intentStatusAt, newIntentPseudonym, STANDARD_TERMS, type Intent, type IntentCategory, type ProfileValue, type StandardTerm } from './intent-schema.ts';
import { compareOffer } from './offer-comparison.ts';
import type { Comparison, Offer } from './offer-schema.ts';
import { computeProfile, insightsFor } from './profile-insights.ts';
import type { VrmStore } from './vrm-store.ts';

/** What the desks of the person and of the vendors work with. */
export interface VrmDeps {
  vault: Vault;
  consent: ConsentEngine;
  store: VrmStore;
  /** The person's time zone (months, off-peak hours). Default Europe/Paris. */
  timeZone: string;
  now: () => number;
}

export interface PublishRequest {
  category: IntentCategory;
  title?: string | undefined;
  requirements?: { text?: string | undefined; fields?: Record<string, string | number | boolean> | undefined } | undefined;
  /** The named insights to disclose (default: every one of the category the vault can compute). */
  disclose?: readonly string[] | undefined;
  terms?: readonly StandardTerm[] | undefined;
  /** When the intent expires (default 30 days). */
  expiresAt?: string | undefined;
}

export interface AcceptRequest {
  offer: string;
  reveal: readonly RevealableAttribute[];
  /** Values the person gives instead of the ones the vault chooses. */
  values?: Partial<Record<RevealableAttribute, string>> | undefined;
  /** Until when the vendor may read the revealed identity (default 90 days). */
  until?: string | undefined;
}

const DAY_MS = 86_400_000;
export const OFFER_PURPOSE = 'EstablishContractualAgreement';

/** The source under which the identity revealed for an intent is kept (and granted). */
export const revealSource = (pseudonym: string) => `vrm:${pseudonym}`;

/**
 * The person's side of intents and offers: preview and publish an intent, see the offers
 * with what each would have cost on their own data, accept one (revealing the identity
 * they choose to that vendor only, under a grant with a receipt) or close the intent.
 */
export class IntentDesk {
  constructor(private readonly d: VrmDeps) {}

  /** The profile an intent of this category would disclose, computed now, for the person to check. */
  async preview(category: IntentCategory, disclose?: readonly string[]): Promise<{ category: IntentCategory; profile: ProfileValue[]; unavailable: string[]; available: { name: string; label: string }[] }> {
    const available = insightsFor(category).map((p) => ({ name: p.name, label: p.label }));
    const unknown = (disclose ?? []).filter((n) => !available.some((a) => a.name === n));
    if (unknown.length)
      throw new MesInfosError('INTENT_INVALID', `Not a profile value of a ${category} intent: ${unknown.join(', ')} (offered: ${available.map((a) => a.name).join(', ') || 'none'}).`, { field: 'disclose' });
    const { profile, unavailable } = await computeProfile(this.d.vault.store, category, disclose, this.d.timeZone);
    return { category, profile, unavailable, available };
  }

  async publish(r: PublishRequest): Promise<Intent> {
    const now = this.d.now();
    const expiresAt = r.expiresAt ? new Date(Date.parse(r.expiresAt)).toISOString() : new Date(now + 30 * DAY_MS).toISOString();
    if (Date.parse(expiresAt) <= now) throw new MesInfosError('INTENT_INVALID', `The expiry ${expiresAt} is already past.`, { field: 'expiresAt' });
    const title = r.title?.trim() || INTENT_CATEGORIES[r.category];
    const text = r.requirements?.text?.trim() ?? '';
    const fields = r.requirements?.fields ?? {};
    await assertNotIdentifying(this.d.vault.store, [title, text, ...Object.entries(fields).map(([k, v]) => `${k} ${String(v)}`)]);
    const { profile } = await this.preview(r.category, r.disclose);
    const intent: Intent = {
      pseudonym: newIntentPseudonym(),
      category: r.category,
      title,
      requirements: { text, fields },
      profile,
      terms: [...new Set(r.terms ?? DEFAULT_TERMS)],
      publishedAt: new Date(now).toISOString(),
      expiresAt,
      status: 'open',
      closedAt: null,
      acceptedOffer: null,
      grantId: null,
    };
    await this.d.store.saveIntent(intent);
    return intent;
  }

  /** Intents, newest first, with their live status and how many offers each has. */
  async list(): Promise<(Intent & { offers: number })[]> {
    const now = this.d.now();
    const out: (Intent & { offers: number })[] = [];
    for (const i of await this.d.store.listIntents()) out.push({ ...i, status: intentStatusAt(i, now), offers: (await this.d.store.listOffers({ intent: i.pseudonym })).length });
    return out;
  }

  async get(pseudonym: string): Promise<Intent> {
    const i = await this.d.store.getIntent(pseudonym);
    if (!i) throw new MesInfosError('INTENT_NOT_FOUND', `No intent ${pseudonym} in this vault.`);
    return { ...i, status: intentStatusAt(i, this.d.now()) };
  }

  /** The offers of an intent, each with what it would have cost on the person's last twelve months, cheapest first. */
  async offers(pseudonym: string): Promise<{ intent: Intent; offers: (Offer & { comparison: Comparison })[] }> {
    const intent = await this.get(pseudonym);
    const offers = await this.d.store.listOffers({ intent: pseudonym });
    const out: (Offer & { comparison: Comparison })[] = [];
    for (const o of offers) out.push({ ...o, comparison: await compareOffer(this.d.vault.store, intent.category, o.price, { timeZone: this.d.timeZone, name: `${o.vendor.name} — ${o.title}` }) });
    const key = (o: (typeof out)[number]) => o.comparison.simulated?.amountMinor ?? Number.MAX_SAFE_INTEGER;
    out.sort((a, b) => key(a) - key(b));
    return { intent, offers: out };
  }

  /**
   * Accepts one offer: the chosen identity attributes are kept under the intent's own
   * source and granted, read-only, to that vendor alone (a grant with its signed receipt);
   * every other offer is declined and the intent closes.
   */
  async accept(r: AcceptRequest): Promise<{ intent: Intent; offer: Offer; grant: Grant; receipt: StoredReceipt; revealed: { attribute: string; value: string }[] }> {
    const offer = await this.d.store.getOffer(r.offer);
    if (!offer) throw new MesInfosError('OFFER_NOT_FOUND', `No offer ${r.offer} in this vault.`);
    const intent = await this.get(offer.intent);
    if (intent.status !== 'open') throw new MesInfosError('INTENT_CLOSED', `The intent ${intent.pseudonym} is ${intent.status}: its offers can no longer be accepted.`);
    const now = this.d.now();
    if (offer.status !== 'pending') throw new MesInfosError('INTENT_CLOSED', `The offer ${offer.id} is ${offer.status}.`);
    if (Date.parse(offer.validUntil) <= now) throw new MesInfosError('INTENT_CLOSED', `The offer ${offer.id} was valid until ${offer.validUntil}.`);
    if (r.reveal.length === 0) throw new MesInfosError('INTENT_INVALID', 'Choose at least one identity attribute to reveal (reveal), or the vendor cannot reach you.', { field: 'reveal' });
    const identity = await chooseIdentity(this.d.vault.store, [...new Set(r.reveal)], r.values);
    const source = revealSource(intent.pseudonym);
    const nowIso = new Date(now).toISOString();
    await this.d.vault.importRecords({
      records: async function* () {
        for (const a of identity)
          yield { type: 'identity.attribute', source, sourceRef: a.attribute, occurredAt: nowIso, data: { ...a, purpose: `offer ${offer.id}`, asOf: nowIso.slice(0, 10) } };
      },
      meta: { format: 'vrm.reveal', fileName: null, fileHash: null },
    });
    const { grant, receipt } = await this.d.consent.createGrant({
      grantee: { clientId: offer.vendor.clientId, kind: 'organisation', name: offer.vendor.name },
      scopes: [{ type: 'identity.attribute', fields: ['attribute', 'value', 'address'] }],
      filters: { sources: [source] },
      granularity: { kind: 'raw' },
      purpose: OFFER_PURPOSE,
      legalBasis: 'Consent',
      verbs: ['read'],
      validUntil: r.until ? new Date(Date.parse(r.until)).toISOString() : new Date(now + 90 * DAY_MS).toISOString(),
      terms: { text: `Offer ${offer.id} "${offer.title}" accepted. Terms the vendor accepted: ${intent.terms.map((t) => `${t}: ${STANDARD_TERMS[t]}`).join(' ')}` },
    });
    const settled = await this.settle(intent, 'accepted', now, offer.id, grant.id);
    return { intent: settled.intent, offer: settled.offers.find((o) => o.id === offer.id) ?? offer, grant, receipt, revealed: identity.map((a) => ({ attribute: a.attribute, value: a.value })) };
  }

  /** Closes an intent without accepting: every pending offer is declined. */
  async close(pseudonym: string): Promise<Intent> {
    const intent = await this.get(pseudonym);
    if (intent.status === 'accepted' || intent.status === 'closed') throw new MesInfosError('INTENT_CLOSED', `The intent ${pseudonym} is already ${intent.status}.`);
    return (await this.settle(intent, 'closed', this.d.now(), null, null)).intent;
  }

  private async settle(intent: Intent, status: 'accepted' | 'closed', now: number, accepted: string | null, grantId: string | null): Promise<{ intent: Intent; offers: Offer[] }> {
    const at = new Date(now).toISOString();
    const offers = (await this.d.store.listOffers({ intent: intent.pseudonym })).map(
      (o): Offer => (o.status !== 'pending' ? o : { ...o, status: o.id === accepted ? 'accepted' : 'declined', decidedAt: at }),
    );
    const closed: Intent = { ...intent, status, closedAt: at, acceptedOffer: accepted, grantId };
    await this.d.store.settle(closed, offers);
    return { intent: closed, offers };
  }
}
