import { z } from 'zod';
import { grantSchema } from '../consent/grant.ts';
import { storedReceiptSchema } from '../consent/receipt-schema.ts';
import { registryOf } from '../clients/caller.ts';
import { MesInfosError } from '../domain/errors.ts';
import { defineOperation, type AnyOperation } from '../operations/operation.ts';
import { dateInputSchema, listOf } from '../operations/schemas.ts';
import { DEFAULT_REVEAL, revealableAttributeSchema, revealableIdentity } from './identity-reveal.ts';
import { IntentDesk } from './intent-desk.ts';
import { intentCategorySchema, intentSchema, offerIdSchema, profileValueSchema, pseudonymSchema, standardTermSchema } from './intent-schema.ts';
import { comparisonSchema, offerSchema } from './offer-schema.ts';
import { formatMoney, parseNeeds } from './vrm-format.ts';
import { vrmVendorOperations } from './vendor-operations.ts';
import { intentDesk, vrmDeps } from './vrm-services.ts';

/** The person's operations on intents and offers (vendors have theirs in vendor-operations.ts). */

const intentInput = z.object({ intent: pseudonymSchema });

export const intentsPreview = defineOperation({
  name: 'intents.preview',
  summary: 'Show the profile an intent of this category would disclose, computed from your data, before publishing',
  permission: 'owner',
  mutates: false,
  input: z.object({ category: intentCategorySchema, disclose: listOf(z.string().min(1)).optional() }),
  output: z.object({ category: intentCategorySchema, profile: z.array(profileValueSchema), unavailable: z.array(z.string()), available: z.array(z.object({ name: z.string(), label: z.string() })) }),
  cli: {
    command: ['intents', 'preview'],
    positional: ['category'],
    help: { disclose: 'profile values to disclose (default: all of the category)' },
    render: (o) => ({ head: ['value', 'what', 'how'], table: o.profile.map((p) => [`${p.value}${p.unit ? ` ${p.unit}` : ''}`, p.label, p.basis]) }),
  },
  handler: async (ctx, i) => (await intentDesk(ctx)).preview(i.category, i.disclose),
});

export const intentsPublish = defineOperation({
  name: 'intents.publish',
  summary: 'Publish an intent to the vendors of its category, under a new pseudonym, with the profile and terms you chose',
  permission: 'owner',
  mutates: true,
  input: z.object({
    category: intentCategorySchema,
    title: z.string().max(200).optional(),
    text: z.string().max(5000).optional(),
    need: listOf(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*=.*$/, 'a requirement is name=value, like green=true')).optional(),
    disclose: listOf(z.string().min(1)).optional(),
    terms: listOf(standardTermSchema).optional(),
    until: dateInputSchema.optional(),
  }),
  output: intentSchema,
  cli: {
    command: ['intents', 'publish'],
    positional: ['category'],
    help: {
      title: 'a short title (default: the category)',
      text: 'what you want, in your words',
      need: 'requirements as name=value (green=true, maxMonthlyEur=60)',
      disclose: 'profile values to disclose (see intents preview)',
      terms: 'your terms (default no-resale,no-tracking,delete-if-no-deal,offer-only)',
      until: 'when the intent expires (default in 30 days)',
    },
    render: (o) => `Intent ${o.pseudonym} published (${o.category}) until ${o.expiresAt}; ${o.profile.length} profile values disclosed, terms: ${o.terms.join(', ')}.`,
  },
  handler: async (ctx, i) =>
    (await intentDesk(ctx)).publish({
      category: i.category,
      title: i.title,
      requirements: { text: i.text, fields: parseNeeds(i.need ?? []) },
      disclose: i.disclose,
      terms: i.terms,
      expiresAt: i.until,
    }),
});

const listedIntentSchema = intentSchema.extend({ offers: z.number().int() });

export const intentsList = defineOperation({
  name: 'intents.list',
  summary: 'Your intents, newest first, with their status and number of offers',
  permission: 'owner',
  mutates: false,
  input: z.object({}),
  output: z.object({ intents: z.array(listedIntentSchema) }),
  cli: {
    command: ['intents', 'list'],
    json: (o) => o.intents,
    render: (o) => ({ head: ['intent', 'category', 'status', 'offers', 'expires'], table: o.intents.map((i) => [i.pseudonym, i.category, i.status, i.offers, i.expiresAt.slice(0, 10)]) }),
  },
  handler: async (ctx) => ({ intents: await (await intentDesk(ctx)).list() }),
});

export const intentsShow = defineOperation({
  name: 'intents.show',
  summary: 'One intent: what it asks, the profile it disclosed, its terms, status and offers (without comparison)',
  permission: 'owner',
  mutates: false,
  input: intentInput,
  output: z.object({ intent: intentSchema, offers: z.array(offerSchema) }),
  cli: { command: ['intents', 'show'], positional: ['intent'], render: (o) => JSON.stringify(o, null, 2) },
  handler: async (ctx, i) => {
    const deps = await vrmDeps(ctx);
    const intent = await new IntentDesk(deps).get(i.intent);
    return { intent, offers: await deps.store.listOffers({ intent: intent.pseudonym }) };
  },
});

export const offersList = defineOperation({
  name: 'offers.list',
  summary: 'The offers made to an intent, cheapest first, each with what it would have cost on your last twelve months next to what you paid',
  permission: 'owner',
  mutates: false,
  input: intentInput,
  output: z.object({
    intent: intentSchema,
    offers: z.array(offerSchema.extend({ comparison: comparisonSchema })),
    /** What accepting could reveal: each attribute the vault holds, with the exact value offers.accept would give the vendor. */
    revealable: z.array(z.object({ attribute: revealableAttributeSchema, value: z.string() })),
  }),
  cli: {
    command: ['offers', 'list'],
    positional: ['intent'],
    json: (o) => o.offers,
    render: (o) => ({
      head: ['offer', 'vendor', 'title', 'would have cost', 'you paid', 'difference', 'status'],
      table: o.offers.map((f) => [f.id, f.vendor.name, f.title, formatMoney(f.comparison.simulated), formatMoney(f.comparison.actual), formatMoney(f.comparison.difference), f.status]),
    }),
  },
  handler: async (ctx, i) => ({ ...(await (await intentDesk(ctx)).offers(i.intent)), revealable: await revealableIdentity(ctx.vault.store) }),
});

export const offersAccept = defineOperation({
  name: 'offers.accept',
  summary: 'Accept an offer: reveal the identity you choose to that vendor only, under a grant with a signed receipt; the other offers are declined and the intent closes',
  permission: 'owner',
  mutates: true,
  input: z.object({
    offer: offerIdSchema,
    reveal: listOf(revealableAttributeSchema).default(DEFAULT_REVEAL),
    until: dateInputSchema.optional(),
  }),
  output: z.object({ intent: intentSchema, offer: offerSchema, grant: grantSchema, receipt: storedReceiptSchema, revealed: z.array(z.object({ attribute: z.string(), value: z.string() })) }),
  cli: {
    command: ['offers', 'accept'],
    positional: ['offer'],
    help: { reveal: `identity attributes to reveal (default ${DEFAULT_REVEAL.join(',')})`, until: 'until when the vendor may read them (default 90 days)' },
    render: (o) =>
      [`Offer ${o.offer.id} from ${o.offer.vendor.name} accepted; intent ${o.intent.pseudonym} closed.`, `Revealed to ${o.offer.vendor.name} only (grant ${o.grant.id}, receipt ${o.receipt.id}):`, ...o.revealed.map((r) => `  ${r.attribute}: ${r.value}`)].join('\n'),
  },
  handler: async (ctx, i) => (await intentDesk(ctx)).accept({ offer: i.offer, reveal: i.reveal, until: i.until }),
});

export const intentsClose = defineOperation({
  name: 'intents.close',
  summary: 'Close an intent without accepting any offer: pending offers are declined',
  permission: 'owner',
  mutates: true,
  input: intentInput,
  output: intentSchema,
  cli: { command: ['intents', 'close'], positional: ['intent'], render: (o) => `Intent ${o.pseudonym} closed at ${o.closedAt}.` },
  handler: async (ctx, i) => (await intentDesk(ctx)).close(i.intent),
});

export const vendorsSet = defineOperation({
  name: 'vendors.set',
  summary: 'Choose which intent categories an organisation registered with the vendor role may receive (an empty list stops it)',
  permission: 'owner',
  mutates: true,
  input: z.object({ client: z.string().min(1), categories: listOf(intentCategorySchema) }),
  output: z.object({ client: z.string(), name: z.string(), categories: z.array(intentCategorySchema) }),
  cli: { command: ['vendors', 'set'], positional: ['client'], help: { categories: 'intent categories, comma-separated' }, render: (o) => `${o.name} receives intents of: ${o.categories.join(', ') || 'none'}.` },
  handler: async (ctx, i) => {
    const org = registryOf(ctx).organisationOrThrow(i.client);
    if (!org.roles.includes('vendor')) throw new MesInfosError('VENDOR_NOT_ALLOWED', `${org.name} was registered without the vendor role.`);
    const categories = [...new Set(i.categories)];
    await (await vrmDeps(ctx)).store.setVendorCategories(org.clientId, categories, new Date().toISOString());
    return { client: org.clientId, name: org.name, categories };
  },
});

export const vendorsList = defineOperation({
  name: 'vendors.list',
  summary: 'The organisations with the vendor role and the intent categories each may receive',
  permission: 'owner',
  mutates: false,
  input: z.object({}),
  output: z.object({ vendors: z.array(z.object({ client: z.string(), name: z.string(), categories: z.array(z.string()) })) }),
  cli: { command: ['vendors', 'list'], json: (o) => o.vendors, render: (o) => ({ head: ['client', 'name', 'categories'], table: o.vendors.map((v) => [v.client, v.name, v.categories.join(', ')]) }) },
  handler: async (ctx) => {
    const cats = await (await vrmDeps(ctx)).store.vendorCategories();
    const vendors = registryOf(ctx)
      .list()
      .flatMap((c) => (c.kind === 'organisation' && c.roles.includes('vendor') ? [{ client: c.clientId, name: c.name, categories: cats.get(c.clientId) ?? [] }] : []));
    return { vendors };
  },
});

const vrmOwnerOperations: AnyOperation[] = [intentsPreview, intentsPublish, intentsList, intentsShow, offersList, offersAccept, intentsClose, vendorsSet, vendorsList] as AnyOperation[];

/** Every VRM operation, the person's and the vendors', for the table (src/operations/table.ts). */
export const vrmOperations: AnyOperation[] = [...vrmOwnerOperations, ...vrmVendorOperations];
