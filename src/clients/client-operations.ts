import { z } from 'zod';
import { recordTypeSchema } from '../domain/record.ts';
import { defineOperation, type AnyOperation } from '../operations/operation.ts';
import { dateInputSchema, listOf } from '../operations/schemas.ts';
import { registryOf } from './caller.ts';
import { clientSchema, linkSchema, organisationRoleSchema, type Client } from './client-schemas.ts';

/** The person's operations on organisations, apps and links (audience: the person only). */

const describeClient = (c: Client) => (c.kind === 'organisation' ? `${c.sector}; restitutes ${c.declaredTypes.join(', ')}; source ${c.source}` : c.redirectUris.join(' '));

export const clientsRegister = defineOperation({
  name: 'clients.register',
  summary: 'Register an organisation (confidential client: client credentials) or an app (public client: authorization code + PKCE); an organisation’s secret is shown once',
  permission: 'owner',
  mutates: true,
  input: z.object({
    kind: z.enum(['organisation', 'app']),
    name: z.string().min(1, 'the client needs a name (--name)'),
    sector: z.string().optional().describe('organisations: bank, energy, telecom, retail, insurance, health…'),
    dataProtectionContact: z.string().optional().describe('organisations: where data-protection requests go (e-mail or postal address)'),
    declaredTypes: listOf(recordTypeSchema).optional().describe('organisations: the record types it restitutes'),
    roles: listOf(organisationRoleSchema).optional().describe('organisations: restitution (default), vendor'),
    description: z.string().optional().describe('apps: what the app does'),
    redirectUris: listOf(z.string()).optional().describe('apps: where the person is sent back after consenting'),
  }),
  output: z.object({ client: clientSchema, clientSecret: z.string().optional().describe('organisations only; shown once, never again') }),
  cli: {
    command: ['clients', 'register'],
    positional: ['kind'],
    help: { name: 'its name, as the person knows it' },
    render: (o) =>
      [
        `Registered ${o.client.kind} ${o.client.name}: client id ${o.client.clientId}.`,
        ...(o.clientSecret ? [`Client secret (shown once, give it to the organisation): ${o.clientSecret}`] : []),
        o.client.kind === 'organisation' ? `Link it with: mesinfos links create ${o.client.clientId}` : 'The app asks for access with OAuth 2 (authorization code + PKCE): see docs/organisations-and-apps.md.',
      ].join('\n'),
  },
  handler: async (ctx, i) =>
    registryOf(ctx).register(
      i.kind === 'organisation'
        ? { kind: 'organisation', name: i.name, sector: i.sector ?? '', dataProtectionContact: i.dataProtectionContact ?? '', declaredTypes: i.declaredTypes ?? [], ...(i.roles?.length ? { roles: i.roles } : {}) }
        : { kind: 'app', name: i.name, ...(i.description ? { description: i.description } : {}), redirectUris: i.redirectUris ?? [] },
    ),
});

export const clientsList = defineOperation({
  name: 'clients.list',
  summary: 'The organisations and apps registered in this vault',
  permission: 'owner',
  mutates: false,
  input: z.object({}),
  output: z.object({ clients: z.array(clientSchema) }),
  cli: {
    command: ['clients', 'list'],
    json: (o) => o.clients,
    render: (o) => ({ head: ['client id', 'kind', 'name', 'details'], table: o.clients.map((c) => [c.clientId, c.kind, c.name, describeClient(c)]) }),
  },
  handler: async (ctx) => ({ clients: registryOf(ctx).list() }),
});

export const clientsRemove = defineOperation({
  name: 'clients.remove',
  summary: 'Remove an organisation or app: its grants are revoked (with receipts), its links end, its tokens stop working at the next request',
  permission: 'owner',
  mutates: true,
  input: z.object({ clientId: z.string().min(1, 'which client (its client id)') }),
  output: z.object({ removed: z.string(), revokedGrants: z.array(z.string()) }),
  cli: { command: ['clients', 'remove'], positional: ['clientId'], render: (o) => `Removed ${o.removed}; ${o.revokedGrants.length} grant(s) revoked.` },
  handler: async (ctx, i) => ({ removed: i.clientId, ...(await registryOf(ctx).remove(i.clientId)) }),
});

export const linksCreate = defineOperation({
  name: 'links.create',
  summary: 'Link an organisation: a one-time pairing code (8 characters, 10 minutes) to give it; when it claims the code, it may push its declared types',
  permission: 'owner',
  mutates: true,
  input: z.object({ clientId: z.string().min(1, 'which organisation (its client id)'), until: dateInputSchema.optional().describe('how long the link lasts (default: one year)') }),
  output: z.object({ clientId: z.string(), code: z.string(), expiresAt: z.string(), grantUntil: z.string() }),
  cli: {
    command: ['links', 'create'],
    positional: ['clientId'],
    render: (o) => `Pairing code for ${o.clientId}: ${o.code}\nGive it to the organisation before ${o.expiresAt}; it works once. The link will last until ${o.grantUntil}.`,
  },
  handler: async (ctx, i) => ({ clientId: i.clientId, ...(await registryOf(ctx).createPairingCode(i.clientId, i.until)) }),
});

export const linksList = defineOperation({
  name: 'links.list',
  summary: 'The person’s links to organisations (revoked ones too), with the customer reference each organisation gave',
  permission: 'owner',
  mutates: false,
  input: z.object({ clientId: z.string().optional() }),
  output: z.object({ links: z.array(linkSchema) }),
  cli: {
    command: ['links', 'list'],
    json: (o) => o.links,
    render: (o) => ({
      head: ['id', 'organisation', 'customer', 'linked', 'grant', 'state'],
      table: o.links.map((l) => [l.id, l.clientId, l.customerRef, l.linkedAt.slice(0, 10), l.grantId, l.revokedAt ? `revoked ${l.revokedAt.slice(0, 10)}` : 'live']),
    }),
  },
  handler: async (ctx, i) => ({ links: registryOf(ctx).links(i.clientId) }),
});

export const linksRevoke = defineOperation({
  name: 'links.revoke',
  summary: 'End a link: the organisation’s write grant is revoked (withdrawal receipt) and its pushes are refused from the next request',
  permission: 'owner',
  mutates: true,
  input: z.object({ id: z.string().min(1, 'which link (its id)') }),
  output: z.object({ link: linkSchema }),
  cli: { command: ['links', 'revoke'], positional: ['id'], render: (o) => `Link ${o.link.id} with ${o.link.clientId} ended at ${o.link.revokedAt}.` },
  handler: async (ctx, i) => ({ link: await registryOf(ctx).revokeLink(i.id) }),
});

export const clientOperations: AnyOperation[] = [clientsRegister, clientsList, clientsRemove, linksCreate, linksList, linksRevoke] as AnyOperation[];
