import { z } from 'zod';
import '../clients/audiences.ts';
import { callingOrganisation } from '../clients/caller.ts';
import { defineOperation, type AnyOperation, type OperationContext } from '../operations/operation.ts';
import { listOf } from '../operations/schemas.ts';
import { pseudonymSchema, standardTermSchema, vendorIntentSchema } from './intent-schema.ts';
import { offerInputSchema, offerSchema } from './offer-schema.ts';
import type { Vendor } from './vendor-desk.ts';
import { vendorDesk } from './vrm-services.ts';

/**
 * The vendors' operations, offered to organisations only (/api/org, client-credentials
 * token). The caller must be registered with the vendor role and given categories by the
 * person (vendors.set). Nothing these operations return names the person until the person
 * accepts the caller's offer.
 */

function vendorOf(ctx: OperationContext): Vendor {
  const org = callingOrganisation(ctx);
  return { clientId: org.clientId, name: org.name, roles: org.roles };
}

export const intentsOpen = defineOperation({
  name: 'intents.open',
  summary: 'The open intents of your categories: pseudonym, what is asked, the disclosed profile, the person’s terms and expiry',
  permission: 'grant',
  faces: ['http'],
  audiences: ['organisation'],
  mutates: false,
  input: z.object({}),
  output: z.object({ intents: z.array(vendorIntentSchema) }),
  handler: async (ctx) => ({ intents: await (await vendorDesk(ctx)).openIntents(vendorOf(ctx)) }),
});

export const intentsTermsAccept = defineOperation({
  name: 'intents.terms.accept',
  summary: 'Accept every term the person set for an intent (required before posting an offer)',
  permission: 'grant',
  faces: ['http'],
  audiences: ['organisation'],
  mutates: true,
  input: z.object({ intent: pseudonymSchema, terms: listOf(standardTermSchema) }),
  output: vendorIntentSchema,
  handler: async (ctx, i) => (await vendorDesk(ctx)).acceptTerms(vendorOf(ctx), i.intent, i.terms),
});

export const offersPost = defineOperation({
  name: 'offers.post',
  summary: 'Answer an intent with an offer: price structure, conditions, commitment and validity',
  permission: 'grant',
  faces: ['http'],
  audiences: ['organisation'],
  mutates: true,
  input: offerInputSchema,
  output: offerSchema,
  handler: async (ctx, i) => (await vendorDesk(ctx)).post(vendorOf(ctx), i),
});

export const offersStatus = defineOperation({
  name: 'offers.status',
  summary: 'Your offers and where each stands; an accepted one carries the grant and the identity the person chose to reveal to you',
  permission: 'grant',
  faces: ['http'],
  audiences: ['organisation'],
  mutates: false,
  input: z.object({ intent: pseudonymSchema.optional() }),
  output: z.object({ offers: z.array(offerSchema.extend({ grantId: z.string().optional(), identity: z.array(z.record(z.string(), z.unknown())).optional() })) }),
  handler: async (ctx, i) => ({ offers: await (await vendorDesk(ctx)).status(vendorOf(ctx), i.intent) }),
});

export const vrmVendorOperations: AnyOperation[] = [intentsOpen, intentsTermsAccept, offersPost, offersStatus] as AnyOperation[];
