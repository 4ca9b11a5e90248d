import { createHash } from 'node:crypto';
import type { Principal } from '../../operations/operation.ts';

/** Key of a token in the cache: its SHA-256, so the cache never holds a usable token. */
export const tokenKey = (token: string) => createHash('sha256').update(token).digest('base64url');

interface Entry {
  principal: Principal & { kind: 'app' | 'organisation' };
  expiresAtMs: number;
}

/**
 * Bearer tokens already resolved to their principal (client and grant), until the token
 * expires: a request then costs a hash and a map lookup, not a token-store round trip.
 * Bounded: beyond `max` entries the oldest go first. The grant's liveness is NOT cached
 * here: the policy reads it from the consent store's own cache, so a revocation counts at
 * the next request; nor is the client's registration (OAuthServer.resolve checks it). A
 * revoked token is dropped with `forget`.
 */
export class BearerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): Entry['principal'] | undefined {
    const k = tokenKey(token);
    const e = this.entries.get(k);
    if (!e) return undefined;
    if (e.expiresAtMs <= this.now()) {
      this.entries.delete(k);
      return undefined;
    }
    return e.principal;
  }

  set(token: string, principal: Entry['principal'], expiresAtMs: number): void {
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(tokenKey(token), { principal, expiresAtMs });
  }

  forget(token: string): void {
    this.entries.delete(tokenKey(token));
  }
}
