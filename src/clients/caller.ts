import { MesInfosError } from '../domain/errors.ts';
import type { OperationContext } from '../operations/operation.ts';
import type { ClientRegistry } from './client-registry.ts';
import type { Link, OrganisationClient } from './client-schemas.ts';

declare module '../operations/operation.ts' {
  interface OperationServices {
    /** The vault's organisations, apps and links (src/clients/), set by the composition root. */
    clients?: ClientRegistry;
  }
}

/** The organisation calling an operation under /api/org, with its live links. */
export interface OrganisationCaller extends OrganisationClient {
  /** Links not revoked, oldest first. */
  links: Link[];
  /** The live link for this customer reference, or CUSTOMER_NOT_LINKED (403). */
  linkFor(customerRef: string): Link;
}

export function registryOf(ctx: OperationContext): ClientRegistry {
  const r = ctx.services.clients;
  if (!r) throw new Error('the client registry is not wired: set services.clients (see src/operations/table.ts)');
  return r;
}

/**
 * The calling organisation: its registration (declared types, source, roles) and live
 * links. Throws CONSENT_DENIED when the caller is not an organisation of this vault.
 */
export function callingOrganisation(ctx: OperationContext): OrganisationCaller {
  const p = ctx.principal;
  if (p.kind !== 'organisation') throw new MesInfosError('CONSENT_DENIED', 'Only an organisation (client credentials token on /api/org) may call this.', { reason: 'DEFAULT_DENY' });
  const registry = registryOf(ctx);
  const org = registry.get(p.clientId);
  if (!org || org.kind !== 'organisation') throw new MesInfosError('UNAUTHENTICATED', `The organisation ${p.clientId} is no longer registered in this vault.`);
  const links = registry.links(org.clientId).filter((l) => l.revokedAt === null);
  return {
    ...org,
    links,
    linkFor(customerRef) {
      const ref = customerRef.trim();
      const link = links.find((l) => l.customerRef === ref);
      if (!link) throw new MesInfosError('CUSTOMER_NOT_LINKED', `${org.name} has no live link to customer "${ref}": the person links it with a pairing code (links.create).`);
      return link;
    },
  };
}
