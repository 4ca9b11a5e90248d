import { MesInfosError } from '../domain/errors.ts';
import { computeDataQuality } from '../insights/quality/data-quality.ts';
import type { Vault } from '../vault/vault.ts';
import type { Requester } from './letters.ts';
import type { RequestOrganisation } from './rights-request.ts';

/**
 * What MesInfos knows of an organisation from outside the rights module: its registration
 * when the person registered it as a client (name, data-protection contact, link and the
 * customer reference the link carries).
 */
export interface KnownOrganisation {
  source: string;
  name: string;
  contact?: string;
  linked: boolean;
  customerRef?: string;
}

/** Finds an organisation by its source (e.g. from the client registry); undefined when unknown. */
export type OrganisationLookup = (source: string) => KnownOrganisation | undefined;

/** The records of one source of one type, as the source or the person last wrote them. */
async function recordsOf(vault: Vault, source: string, type: 'contract' | 'identity.attribute') {
  return (await vault.query({ types: [type], sources: [source], limit: 200, order: 'desc' })).records;
}

/**
 * Describes an organisation: the registry's entry when there is one, else its name from
 * its contracts ("Gaz Réseau"), else its source. Unregistered organisations are not linked.
 */
export async function describeOrganisation(vault: Vault, source: string, lookup: OrganisationLookup): Promise<RequestOrganisation & { customerRef?: string }> {
  const known = lookup(source);
  if (known) return { source, name: known.name, linked: known.linked, ...(known.contact ? { contact: known.contact } : {}), ...(known.customerRef ? { customerRef: known.customerRef } : {}) };
  const provider = (await recordsOf(vault, source, 'contract')).map((r) => (r.data as { provider?: string }).provider).find((p) => p);
  return { source, name: provider ?? source.replace(/^org:/, ''), linked: false };
}

/**
 * The identity elements a letter to `source` may carry: the person's current name, postal
 * address and e-mail (as the data-quality insight tells them), and the customer number that
 * organisation gave her (the link's reference, else its own identity.attribute record).
 */
export async function requesterFor(vault: Vault, source: string, customerRef?: string): Promise<Requester> {
  const q = await computeDataQuality(vault.store);
  const current = (category: string) => q.attributes.find((a) => a.category === category && a.current)?.current?.value;
  const fullName = current('name');
  if (!fullName) throw new MesInfosError('RIGHTS_REQUEST_INVALID', 'MesInfos does not know your name yet: no source gives a full name (import or declare an identity.attribute full_name first).');
  const ref =
    customerRef ??
    (await recordsOf(vault, source, 'identity.attribute')).map((r) => r.data as { attribute: string; value: string }).find((d) => d.attribute === 'customer_number')?.value;
  const postalAddress = current('postal_address');
  const email = current('email');
  return { fullName, ...(ref ? { customerRef: ref } : {}), ...(postalAddress ? { postalAddress } : {}), ...(email ? { email } : {}) };
}
