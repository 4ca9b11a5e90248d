import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { offeredTo } from '../../clients/audiences.ts';
import { isMesInfosError } from '../../domain/errors.ts';
import type { Audience } from '../audience.ts';
import type { UnlockRateLimit } from '../session-routes.ts';
import type { VaultSessions } from '../vault-sessions.ts';
import { addConsentRoutes } from './consent-routes.ts';
import { CONSENT_PATH, OAUTH_PREFIX } from './oauth-provider.ts';
import { OAuthServer } from './oauth-server.ts';

/** Seconds a client is told to wait when the vault is closed (Retry-After). */
export const VAULT_CLOSED_RETRY_AFTER_S = 60;
/** Requests to the OAuth endpoints (token, authorization…) per address and minute. */
const OAUTH_RATE_LIMIT = { max: 300, timeWindow: 60_000 };

export interface OAuthOptions {
  /** The issuer (e.g. "http://127.0.0.1:4810/oauth"); default: the listening address + /oauth. */
  issuer?: string;
  rateLimit: UnlockRateLimit;
}

/** Organisations (/api/org, client credentials tokens) or apps (/api/app, access tokens bound to one grant). */
export function clientAudience(oauth: OAuthServer, kind: 'organisation' | 'app'): Audience {
  return {
    prefix: kind === 'organisation' ? '/api/org' : '/api/app',
    name: kind,
    offers: (op) => offeredTo(op, kind),
    security: () => [{ [kind === 'organisation' ? 'organisationToken' : 'appToken']: [] }],
    resolve: (request) => oauth.resolve(request, kind),
  };
}

function listeningIssuer(app: FastifyInstance): string {
  const a = app.server.address() as AddressInfo | null;
  if (!a || typeof a !== 'object') return `http://localhost${OAUTH_PREFIX}`;
  const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return `http://${host}:${a.port}${OAUTH_PREFIX}`;
}

/**
 * Mounts the OAuth 2 server (oidc-provider) under /oauth — discovery at
 * /oauth/.well-known/openid-configuration, /oauth/token, /oauth/auth, /oauth/token/revocation,
 * /oauth/token/introspection, /oauth/jwks — and the consent pages under /api/consent, and
 * returns the organisation and app audiences. While the vault is closed, /oauth answers 503
 * VAULT_CLOSED (an authorization request goes to the unlock page instead), like /api/org and /api/app.
 */
export async function installOAuth(app: FastifyInstance, sessions: VaultSessions, opts: OAuthOptions): Promise<Audience[]> {
  const oauth = new OAuthServer(sessions, () => opts.issuer ?? listeningIssuer(app));

  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 503) reply.header('retry-after', String(VAULT_CLOSED_RETRY_AFTER_S));
    return payload;
  });

  await app.register(async (scope) => {
    // oidc-provider reads the body itself: no parsing here, whatever the content type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      let held;
      try {
        held = await oauth.acquire();
      } catch (e) {
        if (isMesInfosError(e) && e.code === 'VAULT_CLOSED' && request.method === 'GET' && request.url.startsWith(`${OAUTH_PREFIX}/auth?`))
          return reply.redirect(`${CONSENT_PATH}/unlock?next=${encodeURIComponent(request.url)}`, 303);
        throw e;
      }
      reply.hijack();
      const raw = request.raw;
      const url = raw.url ?? '/';
      // Mounted like Express would: the provider sees its own paths and finds its mount point in originalUrl.
      Object.assign(raw, { originalUrl: url, url: url.slice(OAUTH_PREFIX.length) || '/' });
      try {
        await held.entry.provider.callback()(raw, reply.raw);
      } finally {
        held.release();
      }
    };
    const config = { rateLimit: OAUTH_RATE_LIMIT };
    scope.all(`${OAUTH_PREFIX}/*`, { config }, handler);
  });

  await addConsentRoutes(app, sessions, oauth, opts.rateLimit);
  return [clientAudience(oauth, 'organisation'), clientAudience(oauth, 'app')];
}
