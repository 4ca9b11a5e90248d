import { MesInfosError } from '../domain/errors.ts';
import type { VrmDeps } from './intent-desk.ts';
import { revealSource } from './intent-desk.ts';
import { intentStatusAt, newOfferId, STANDARD_TERMS, type Intent, type IntentCategory, type VendorIntent } from './intent-schema.ts';
import { moneysOf, priceKindFor, type Offer, type OfferInput } from './offer-schema.ts';

/** The calling organisation, as the client registry knows it. */
export interface Vendor {
  clientId: string;
  name: string;
  roles: readonly string[];
}

/** An offer as its vendor sees it; once accepted, with the grant and the identity it reveals. */
export type VendorOffer = Offer & { grantId?: string; identity?: Record<string, unknown>[] };

/**
 * The vendors' side: a vendor (an organisation with the vendor role, given categories by
 * the person) lists the open intents of its categories, accepts their terms, posts offers
 * and follows them. Until the person accepts its offer, nothing it receives names the
 * person: intents carry a pseudonym, the disclosed profile and the person's words only.
 */
export class VendorDesk {
  constructor(private readonly d: VrmDeps) {}

  private assertVendor(v: Vendor): void {
    if (!v.roles.includes('vendor')) throw new MesInfosError('VENDOR_NOT_ALLOWED', `${v.name} is not registered with the vendor role: the person registers it with roles vendor.`);
  }

  private async categoriesOf(v: Vendor): Promise<IntentCategory[]> {
    this.assertVendor(v);
    const cats = (await this.d.store.vendorCategories()).get(v.clientId) ?? [];
    if (cats.length === 0) throw new MesInfosError('VENDOR_NOT_ALLOWED', `The person has not chosen which intents ${v.name} may receive (vendors.set).`);
    return cats as IntentCategory[];
  }

  /** An intent this vendor may see, open or not; another category is as absent as a wrong pseudonym. */
  private async visible(v: Vendor, pseudonym: string): Promise<Intent> {
    const cats = await this.categoriesOf(v);
    const i = await this.d.store.getIntent(pseudonym);
    if (!i || !cats.includes(i.category)) throw new MesInfosError('INTENT_NOT_FOUND', `No intent ${pseudonym} among the intents open to ${v.name}.`);
    return { ...i, status: intentStatusAt(i, this.d.now()) };
  }

  private async open1(v: Vendor, pseudonym: string): Promise<Intent> {
    const i = await this.visible(v, pseudonym);
    if (i.status !== 'open') throw new MesInfosError('INTENT_CLOSED', `The intent ${pseudonym} is ${i.status}.`);
    return i;
  }

  private view(i: Intent, accepted: boolean): VendorIntent {
    return {
      intent: i.pseudonym,
      category: i.category,
      title: i.title,
      requirements: i.requirements,
      profile: i.profile,
      terms: i.terms.map((term) => ({ term, text: STANDARD_TERMS[term] })),
      expiresAt: i.expiresAt,
      termsAccepted: accepted,
    };
  }

  /** The open intents of the vendor's categories, with their disclosed profiles. The access is logged. */
  async openIntents(v: Vendor): Promise<VendorIntent[]> {
    const cats = await this.categoriesOf(v);
    const now = this.d.now();
    const out: VendorIntent[] = [];
    for (const i of await this.d.store.listIntents()) {
      if (!cats.includes(i.category) || intentStatusAt(i, now) !== 'open') continue;
      out.push(this.view(i, (await this.d.store.acceptedTerms(i.pseudonym, v.clientId)) !== undefined));
    }
    await this.d.consent.log.append({ principalKind: 'organisation', clientId: v.clientId, grantId: null, operation: 'intents.open', action: 'read', types: ['vrm.intent'], recordCount: out.length, outcome: 'allowed', reason: null });
    return out;
  }

  /** Accepts the person's terms for an intent: every term, as listed. */
  async acceptTerms(v: Vendor, pseudonym: string, terms: readonly string[]): Promise<VendorIntent> {
    const i = await this.open1(v, pseudonym);
    const missing = i.terms.filter((t) => !terms.includes(t));
    if (missing.length) throw new MesInfosError('TERMS_NOT_ACCEPTED', `Every term of the intent must be accepted; missing: ${missing.join(', ')}.`, { missing });
    await this.d.store.acceptTerms(pseudonym, v.clientId, i.terms, new Date(this.d.now()).toISOString());
    return this.view(i, true);
  }

  async post(v: Vendor, input: OfferInput): Promise<VendorOffer> {
    const i = await this.open1(v, input.intent);
    if (!(await this.d.store.acceptedTerms(i.pseudonym, v.clientId))) throw new MesInfosError('TERMS_NOT_ACCEPTED', `Accept the terms of intent ${i.pseudonym} first (intents.terms.accept).`);
    const kind = priceKindFor(i.category);
    if (input.price.kind !== kind) throw new MesInfosError('INPUT_INVALID', `A ${i.category} offer takes a price of kind "${kind}", not "${input.price.kind}".`, { field: 'price.kind' });
    const currencies = new Set(moneysOf(input.price).map((m) => m.currency));
    if (currencies.size > 1) throw new MesInfosError('INPUT_INVALID', `Every price of an offer must be in one currency (got ${[...currencies].join(', ')}).`, { field: 'price' });
    const now = this.d.now();
    if (Date.parse(input.validUntil) <= now) throw new MesInfosError('INPUT_INVALID', `The offer would already have expired (validUntil ${input.validUntil}).`, { field: 'validUntil' });
    const offer: Offer = { ...input, id: newOfferId(), vendor: { clientId: v.clientId, name: v.name }, postedAt: new Date(now).toISOString(), status: 'pending', decidedAt: null };
    await this.d.store.saveOffer(offer);
    return offer;
  }

  /**
   * The vendor's offers and where each stands. An accepted offer carries the grant and the
   * identity the person chose to reveal, read through the consent engine (policy-checked
   * and logged): the grant allows this vendor, and only it, to read it.
   */
  async status(v: Vendor, pseudonym?: string): Promise<VendorOffer[]> {
    this.assertVendor(v);
    const offers = await this.d.store.listOffers({ clientId: v.clientId, ...(pseudonym ? { intent: pseudonym } : {}) });
    const out: VendorOffer[] = [];
    for (const o of offers) {
      const i = o.status === 'accepted' ? await this.d.store.getIntent(o.intent) : undefined;
      if (!i?.grantId) {
        out.push(o);
        continue;
      }
      const read = await this.d.consent.read({ kind: 'organisation', clientId: v.clientId, grantId: i.grantId }, { types: ['identity.attribute'], sources: [revealSource(i.pseudonym)] }, 'offers.status');
      out.push({ ...o, grantId: i.grantId, identity: read.kind === 'records' ? read.records.map((r) => r.data) : [] });
    }
    return out;
  }
}
