import type { FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { ClientRegistry } from '../../clients/client-registry.ts';
import type { ConsentEngine } from '../../consent/consent-engine.ts';
import { MesInfosError } from '../../domain/errors.ts';
import type { Principal } from '../../operations/operation.ts';
import type { Caller } from '../audience.ts';
import type { OpenVault, VaultSessions } from '../vault-sessions.ts';
import { BearerCache } from './bearer-cache.ts';
import { createOAuthProvider } from './oauth-provider.ts';

/** The OAuth server of one open vault, and what it resolves tokens with. */
export interface OAuthEntry {
  provider: Provider;
  registry: ClientRegistry;
  consent: ConsentEngine;
  cache: BearerCache;
  /** Expiry (epoch ms) of consent grants bound to OAuth grants, for token lifetimes. */
  grantExpiry: Map<string, number>;
}

export const VAULT_CLOSED_MESSAGE = 'The vault is closed: the person must unlock it (POST /api/session/unlock) before organisations and apps can be served. Try again later.';

/** The bearer token of a request (Authorization: Bearer …), or undefined. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(h.trim()) : null;
  return m?.[1];
}

/**
 * Organisations and apps, served while the vault is open: one oidc-provider per opening
 * of the vault (created on first use, with the server's URL as issuer), and the resolution
 * of bearer tokens to principals, cached by token hash until the token expires.
 */
export class OAuthServer {
  private readonly entries = new WeakMap<OpenVault, Promise<OAuthEntry>>();

  constructor(
    private readonly sessions: VaultSessions,
    /** The issuer URL (the server's URL + /oauth), asked when the vault's OAuth server is first made. */
    private readonly issuer: () => string,
  ) {}

  /** The open vault and its OAuth server for one request; VAULT_CLOSED (503) when closed. The caller MUST release. */
  async acquire(): Promise<{ entry: OAuthEntry; open: OpenVault; release(): void }> {
    const held = this.sessions.acquire();
    if (!held) throw new MesInfosError('VAULT_CLOSED', VAULT_CLOSED_MESSAGE);
    try {
      return { entry: await this.entryFor(held.open), open: held.open, release: held.release };
    } catch (e) {
      held.release();
      throw e;
    }
  }

  private entryFor(open: OpenVault): Promise<OAuthEntry> {
    let made = this.entries.get(open);
    if (!made) {
      made = this.create(open);
      this.entries.set(open, made);
      // A failed creation is not kept: the next request tries again (the error reaches the caller).
      made.then(undefined, () => this.entries.delete(open));
    }
    return made;
  }

  private async create(open: OpenVault): Promise<OAuthEntry> {
    const { consent, clients: registry } = open.services;
    if (!consent || !registry) throw new Error('the OAuth server needs services.consent and services.clients (src/operations/table.ts)');
    const grantExpiry = new Map<string, number>();
    const provider = await createOAuthProvider(this.issuer(), { store: open.vault.store, registry, consent }, (id) => (id ? grantExpiry.get(id) : undefined));
    const cache = new BearerCache();
    // Opaque tokens: the token value is the model's id. A revoked token leaves the cache at once.
    provider.on('access_token.destroyed', (t: { jti: string }) => cache.forget(t.jti));
    provider.on('client_credentials.destroyed', (t: { jti: string }) => cache.forget(t.jti));
    return { provider, registry, consent, cache, grantExpiry };
  }

  /**
   * Resolves an organisation's (client credentials) or an app's (authorization code) bearer
   * token to the caller: 401 UNAUTHENTICATED when missing, unknown, expired, of the other
   * kind, or of a client no longer registered; 503 VAULT_CLOSED when the vault is closed.
   */
  async resolve(request: FastifyRequest, kind: 'organisation' | 'app'): Promise<Caller> {
    const token = bearerOf(request);
    if (!token)
      throw new MesInfosError('UNAUTHENTICATED', `Send "Authorization: Bearer <token>": ${kind === 'organisation' ? 'a client credentials token from POST /oauth/token' : 'an access token from the authorization code flow (/oauth/auth)'}.`);
    const { entry, open, release } = await this.acquire();
    try {
      const cached = entry.cache.get(token);
      // A cached token counts only while its client is still registered as this kind (removed: 401 at once).
      const principal = cached?.kind === kind && entry.registry.get(cached.clientId)?.kind === kind ? cached : await this.lookUp(entry, token, kind);
      return { principal, vault: open.vault, services: open.services, release };
    } catch (e) {
      release();
      throw e;
    }
  }

  /** A token not in the cache: found in the token store, checked, then cached until it expires. */
  private async lookUp(entry: OAuthEntry, token: string, kind: 'organisation' | 'app'): Promise<Principal & { kind: 'app' | 'organisation' }> {
    const t = kind === 'organisation' ? await entry.provider.ClientCredentials.find(token) : await entry.provider.AccessToken.find(token);
    const clientId = t?.clientId;
    const client = clientId ? entry.registry.get(clientId) : undefined;
    if (!t || !clientId || t.isExpired || client?.kind !== kind) throw new MesInfosError('UNAUTHENTICATED', `The bearer token is unknown, expired or revoked, or not an ${kind} token: get a new one.`);
    let principal: Principal & { kind: 'app' | 'organisation' };
    if (kind === 'app') {
      const grantId = (t as { grantId?: string }).grantId;
      if (!grantId) throw new MesInfosError('UNAUTHENTICATED', 'This access token is bound to no grant.');
      principal = { kind: 'app', clientId, grantId };
    } else principal = { kind: 'organisation', clientId };
    entry.cache.set(token, principal, (t.exp ?? 0) * 1000);
    return principal;
  }
}
