import type { FastifyRequest } from 'fastify';
import { offeredTo } from '../clients/audiences.ts';
import { MesInfosError } from '../domain/errors.ts';
import type { AnyOperation, OperationServices, Principal } from '../operations/operation.ts';
import type { Vault } from '../vault/vault.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { VaultSessions } from './vault-sessions.ts';

/** Who is calling, resolved from a request, and the vault to act on for them. */
export interface Caller {
  principal: Principal;
  vault: Vault;
  services: OperationServices;
  /** MUST be called once the operation is done (the vault may be waiting to close). */
  release(): void;
}

/**
 * One audience of the API: a path prefix, the operations it offers and how it resolves
 * the caller. The person is `/api/me` (session cookie + CSRF token); organisations
 * (`/api/org`) and apps (`/api/app`) plug in with their own resolver (OAuth tokens),
 * offering the operations whose permission is `grant` or `public`.
 *
 * Example: { prefix: '/api/app', offers: (op) => op.permission !== 'owner', resolve: bearerResolver }
 */
export interface Audience {
  prefix: string;
  /** A short name for the OpenAPI tags and security scheme, e.g. "person". */
  name: string;
  offers(op: AnyOperation): boolean;
  /**
   * Resolves the caller, or throws a MesInfosError (UNAUTHENTICATED / VAULT_LOCKED → 401,
   * CSRF_TOKEN_INVALID / CONSENT_DENIED → 403). `mutates` says whether the route changes state.
   */
  resolve(request: FastifyRequest, mutates: boolean): Promise<Caller>;
  /** The OpenAPI security requirement of this audience's routes (schemes named in openapi.ts). */
  security(mutates: boolean): Record<string, string[]>[];
}

export const CSRF_HEADER = 'x-csrf-token';

/** Reads the CSRF header (a repeated header counts as missing). */
export function csrfHeader(request: FastifyRequest): string | undefined {
  const v = request.headers[CSRF_HEADER];
  return typeof v === 'string' ? v : undefined;
}

/** The person, who unlocked the vault in this browser: every operation offered to the person, as the owner. */
export function personAudience(sessions: VaultSessions): Audience {
  return {
    prefix: '/api/me',
    name: 'person',
    offers: (op) => offeredTo(op, 'person'),
    security: (mutates): Record<string, string[]>[] => [mutates ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }],
    resolve: async (request, mutates) => {
      const live = sessions.touch(request.cookies[SESSION_COOKIE]);
      if (!live) throw new MesInfosError('VAULT_LOCKED', 'The vault is locked for this session: unlock it with the passphrase (POST /api/session/unlock).');
      if (mutates && !VaultSessions.csrfMatches(live, csrfHeader(request))) {
        live.release();
        throw new MesInfosError('CSRF_TOKEN_INVALID', `State-changing requests need the ${CSRF_HEADER} header returned by the unlock.`);
      }
      return { principal: { kind: 'owner' }, vault: live.open.vault, services: live.open.services, release: live.release };
    },
  };
}
