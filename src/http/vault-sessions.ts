import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { MesInfosError } from '../domain/errors.ts';
import type { OperationServices } from '../operations/operation.ts';
import type { Vault } from '../vault/vault.ts';

/** How the server opens the vault: the composition root decides (Vault.open / Vault.create by default). */
export interface VaultOpener {
  /** Where the vault file lives (to tell whether it exists). */
  vaultPath: string;
  /** Opens the existing vault; a wrong passphrase MUST throw VAULT_PASSPHRASE_WRONG and change nothing. */
  openVault(passphrase: string): Promise<Vault>;
  /** Creates the vault on first use; MUST throw VAULT_EXISTS if it exists. */
  createVault(passphrase: string): Promise<Vault>;
  /** Services the operations need once the vault is open (consent engine…), and how to close them. */
  createServices(vault: Vault): Promise<OperationServices>;
  closeServices(services: OperationServices): Promise<void>;
}

/** The open vault and its services, shared by the requests of every live session. */
export interface OpenVault {
  vault: Vault;
  services: OperationServices;
}

interface Session {
  csrfToken: string;
  lastSeenMs: number;
}

/** A session as the routes see it after checking the cookie. */
export interface LiveSession {
  id: string;
  csrfToken: string;
  open: OpenVault;
  /** Call when the request that used the vault has finished: lock() waits for these. */
  release(): void;
}

const newSecret = () => randomBytes(32).toString('base64url');

/** Compares two secrets in constant time (false when their byte lengths differ). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The person's sessions and the one open vault. Unlocking opens the vault once (or checks
 * the passphrase against it when it is already open) and starts a session with a random
 * id and a CSRF token, both held only here. A session idle longer than `idleMs` ends (it is
 * dropped at the next request), and lock() ends every session; the vault itself stays open
 * for organisations and apps (acquire()) until closeVault() — which waits for the requests
 * still using it.
 */
export class VaultSessions {
  private open: OpenVault | null = null;
  private readonly sessions = new Map<string, Session>();
  private inFlight = 0;
  private drained: (() => void)[] = [];
  /** Serialises unlock and lock, so two unlocks never open the vault twice. */
  private queue: Promise<unknown> = Promise.resolve();

  private readonly opener: VaultOpener;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(opts: { opener: VaultOpener; idleMs: number; now?: () => number }) {
    this.opener = opts.opener;
    this.idleMs = opts.idleMs;
    this.now = opts.now ?? Date.now;
  }

  vaultExists(): boolean {
    return existsSync(this.opener.vaultPath);
  }

  /** Opens (or creates, when `create`) the vault and starts a session. */
  unlock(passphrase: string, create: boolean): Promise<{ id: string; csrfToken: string; created: boolean }> {
    return this.serialised(async () => {
      let created = false;
      if (create) {
        if (this.vaultExists()) throw new MesInfosError('VAULT_EXISTS', 'A vault already exists here: unlock it without "create".');
        const vault = await this.opener.createVault(passphrase);
        await this.adopt(vault);
        created = true;
      } else if (!this.open) {
        if (!this.vaultExists()) throw new MesInfosError('VAULT_NOT_FOUND', 'No vault exists yet: unlock with "create": true to create one.');
        await this.adopt(await this.opener.openVault(passphrase));
      } else {
        // Already open for another session: the passphrase must still open the file.
        const check = await this.opener.openVault(passphrase);
        await check.close();
      }
      const id = newSecret();
      const csrfToken = newSecret();
      this.sessions.set(id, { csrfToken, lastSeenMs: this.now() });
      return { id, csrfToken, created };
    });
  }

  /**
   * Checks the passphrase against the vault file (VAULT_PASSPHRASE_WRONG otherwise), without
   * starting a session. For a request that holds the open vault: NOT queued behind unlock and
   * lock, since a closeVault() waiting for that very request would never end.
   */
  async verifyPassphrase(passphrase: string): Promise<void> {
    const check = await this.opener.openVault(passphrase);
    await check.close();
  }

  /** The live session for this id, or null (unknown, ended, or idle too long — which ends it). */
  touch(id: string | undefined): LiveSession | null {
    this.expireIdle();
    if (!id || !this.open) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    s.lastSeenMs = this.now();
    return { id, csrfToken: s.csrfToken, open: this.open, release: this.hold() };
  }

  /** Counts a request in flight; the returned function (idempotent) ends it, and lets a waiting close go on. */
  private hold(): () => void {
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      if (this.inFlight === 0) for (const f of this.drained.splice(0)) f();
    };
  }

  /**
   * The open vault for a request that is not the person's (an organisation, an app, the
   * OAuth server), or null when it is closed. MUST be released like a session's.
   */
  acquire(): { open: OpenVault; release(): void } | null {
    if (!this.open) return null;
    return { open: this.open, release: this.hold() };
  }

  /** The CSRF token of a live session (for a page that reloads: GET /api/session), without counting a use. */
  csrfTokenOf(id: string | undefined): string | undefined {
    this.expireIdle();
    return id && this.open ? this.sessions.get(id)?.csrfToken : undefined;
  }

  /** Checks a CSRF token against the session's, in constant time. */
  static csrfMatches(session: LiveSession, token: string | undefined): boolean {
    return typeof token === 'string' && sameSecret(session.csrfToken, token);
  }

  /** Ends every session of the person; the vault stays open for organisations and apps. */
  lock(): Promise<void> {
    return this.serialised(async () => this.sessions.clear());
  }

  /** Ends every session and closes the vault (once requests in flight finish): on demand and at server shutdown. */
  closeVault(): Promise<void> {
    return this.serialised(() => this.close());
  }

  private async adopt(vault: Vault): Promise<void> {
    try {
      this.open = { vault, services: await this.opener.createServices(vault) };
    } catch (e) {
      await vault.close();
      throw e;
    }
  }

  private expireIdle(): void {
    // Only the person's sessions end: the vault stays open for organisations and apps.
    const t = this.now();
    for (const [id, s] of this.sessions) if (t - s.lastSeenMs > this.idleMs) this.sessions.delete(id);
  }

  private async close(): Promise<void> {
    this.sessions.clear();
    const open = this.open;
    this.open = null;
    if (!open) return;
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    try {
      await this.opener.closeServices(open.services);
    } finally {
      await open.vault.close();
    }
  }

  private serialised<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f, f);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}
