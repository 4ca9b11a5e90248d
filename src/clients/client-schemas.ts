import { z } from 'zod';
import { recordTypeSchema, sourceSchema } from '../domain/record.ts';
import { instantSchema } from '../domain/time.ts';

/**
 * The clients of a vault: organisations (OAuth 2 confidential clients using client
 * credentials, which restitute records of declared types) and apps (public clients using
 * authorization code + PKCE, which read within a grant). Stored in the vault, read by the
 * OAuth server (src/http/oauth/) and by the operations of src/clients/.
 */

export const organisationRoleSchema = z.enum(['restitution', 'vendor']);
export type OrganisationRole = z.infer<typeof organisationRoleSchema>;

/** A redirect URI an app registers: https anywhere, plain http only on loopback. */
export const redirectUriSchema = z
  .url()
  .refine((u) => {
    const url = new URL(u);
    if (url.hash) return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'a redirect URI is https://…, or http:// on 127.0.0.1 / localhost, without a #fragment');

export const organisationClientSchema = z.strictObject({
  clientId: z.string(),
  kind: z.literal('organisation'),
  name: z.string().min(1).max(200),
  sector: z.string().min(1).max(100),
  dataProtectionContact: z.string().min(3).max(300),
  declaredTypes: z.array(recordTypeSchema).min(1),
  roles: z.array(organisationRoleSchema).min(1),
  /** Its own source: the records it pushes carry it, whatever they say. */
  source: sourceSchema,
  createdAt: instantSchema,
});
export type OrganisationClient = z.infer<typeof organisationClientSchema>;

export const appClientSchema = z.strictObject({
  clientId: z.string(),
  kind: z.literal('app'),
  name: z.string().min(1).max(200),
  description: z.string().max(2000),
  redirectUris: z.array(redirectUriSchema).min(1),
  createdAt: instantSchema,
});
export type AppClient = z.infer<typeof appClientSchema>;

export const clientSchema = z.discriminatedUnion('kind', [organisationClientSchema, appClientSchema]);
export type Client = z.infer<typeof clientSchema>;

/** What the person registers (clients.register). */
export const registerInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('organisation'),
    name: z.string().trim().min(1, 'the organisation needs a name').max(200),
    sector: z.string().trim().min(1, 'the sector is required (bank, energy, telecom…)').max(100),
    dataProtectionContact: z.string().trim().min(3, 'a contact for data-protection requests (e-mail or address) is required').max(300),
    declaredTypes: z.array(recordTypeSchema).min(1, 'declare at least one record type it restitutes'),
    roles: z.array(organisationRoleSchema).min(1).default(['restitution']),
  }),
  z.strictObject({
    kind: z.literal('app'),
    name: z.string().trim().min(1, 'the app needs a name').max(200),
    description: z.string().trim().max(2000).default(''),
    redirectUris: z.array(redirectUriSchema).min(1, 'an app needs at least one redirect URI'),
  }),
]);
export type RegisterInput = z.input<typeof registerInputSchema>;

export const linkSchema = z.strictObject({
  id: z.string(),
  clientId: z.string(),
  customerRef: z.string(),
  /** The write grant the link created (its receipt is the grant's). */
  grantId: z.string(),
  linkedAt: instantSchema,
  revokedAt: instantSchema.nullable(),
});
export type Link = z.infer<typeof linkSchema>;

/** How an organisation knows the person: its own customer number, contract or account reference. */
export const customerRefSchema = z.string().trim().min(1, 'customerRef is required').max(200);
