import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MesInfosError } from '../domain/errors.ts';
import { CSRF_HEADER, csrfHeader } from './audience.ts';
import { inputInvalid } from './error-handler.ts';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import { VaultSessions } from './vault-sessions.ts';

export const unlockInputSchema = z.object({
  passphrase: z.string().min(1, 'the passphrase is required'),
  create: z.boolean().default(false).describe('create the vault on first use (fails if one exists)'),
});
export const unlockOutputSchema = z.object({
  unlocked: z.literal(true),
  created: z.boolean(),
  csrfToken: z.string().describe(`send it back as the ${CSRF_HEADER} header on every POST`),
});
export const sessionStateSchema = z.object({
  unlocked: z.boolean().describe('whether this session has the vault unlocked'),
  vaultExists: z.boolean(),
  csrfToken: z.string().optional().describe('the session’s CSRF token, when unlocked (for a page that reloads)'),
});
export const lockOutputSchema = z.object({ unlocked: z.literal(false) });
export const lockInputSchema = z.object({
  closeVault: z.boolean().default(false).describe('also close the vault: organisations and apps get 503 VAULT_CLOSED until the next unlock'),
});

export interface UnlockRateLimit {
  /** Attempts allowed per IP address in the window (default 10). */
  max: number;
  /** The window, in milliseconds (default one minute). */
  timeWindowMs: number;
}

/**
 * The person's session: unlock with the passphrase (→ HttpOnly SameSite=Strict cookie and
 * a CSRF token), read the state, lock on demand. Unlock is rate-limited per IP address.
 */
export function addSessionRoutes(app: FastifyInstance, sessions: VaultSessions, rateLimit: UnlockRateLimit): void {
  app.post('/api/session/unlock', { config: { rateLimit: { max: rateLimit.max, timeWindow: rateLimit.timeWindowMs } } }, async (request, reply) => {
    const parsed = unlockInputSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw inputInvalid(parsed.error.issues, 'body');
    const { id, csrfToken, created } = await sessions.unlock(parsed.data.passphrase, parsed.data.create);
    setSessionCookie(request, reply, id);
    reply.header('cache-control', 'no-store');
    request.log.info({ created }, 'vault unlocked');
    return unlockOutputSchema.parse({ unlocked: true, created, csrfToken });
  });

  app.get('/api/session', async (request, reply) => {
    const id = request.cookies[SESSION_COOKIE];
    const csrfToken = sessions.csrfTokenOf(id);
    reply.header('cache-control', 'no-store');
    return sessionStateSchema.parse({ unlocked: csrfToken !== undefined, vaultExists: sessions.vaultExists(), ...(csrfToken ? { csrfToken } : {}) });
  });

  app.post('/api/session/lock', async (request, reply) => {
    const parsed = lockInputSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw inputInvalid(parsed.error.issues, 'body');
    const live = sessions.touch(request.cookies[SESSION_COOKIE]);
    if (live) {
      const ok = VaultSessions.csrfMatches(live, csrfHeader(request));
      live.release();
      if (!ok) throw new MesInfosError('CSRF_TOKEN_INVALID', `Locking needs the ${CSRF_HEADER} header returned by the unlock.`);
      if (parsed.data.closeVault) await sessions.closeVault();
      else await sessions.lock();
      request.log.info({ closeVault: parsed.data.closeVault }, 'vault locked on demand');
    }
    clearSessionCookie(request, reply);
    reply.header('cache-control', 'no-store');
    return lockOutputSchema.parse({ unlocked: false });
  });
}
