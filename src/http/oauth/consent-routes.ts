import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, type InteractionResults } from 'oidc-provider';
import { z } from 'zod';
import type { AppClient } from '../../clients/client-schemas.ts';
import { isMesInfosError } from '../../domain/errors.ts';
import { SESSION_COOKIE, setSessionCookie } from '../session-cookie.ts';
import type { UnlockRateLimit } from '../session-routes.ts';
import { sameSecret, type VaultSessions } from '../vault-sessions.ts';
import { AccessRequestError, grantRequestFor, parseAccessRequest } from './access-request.ts';
import { CONSENT_CSS, esc, langOf, renderConsentPage, renderMessagePage, type Lang } from './consent-page.ts';
import { CONSENT_PATH, OAUTH_PREFIX, grammarScopes } from './oauth-provider.ts';
import type { OAuthEntry, OAuthServer } from './oauth-server.ts';

const FORM_LIMIT_BYTES = 16 * 1024;
const decisionSchema = z.object({ decision: z.enum(['approve', 'deny']), csrf: z.string().optional(), passphrase: z.string().optional() });
const unlockFormSchema = z.object({ passphrase: z.string().min(1), next: z.string() });

/** Only our own authorization endpoint is a place to go back to after unlocking. */
const isAuthorizationUrl = (u: string) => u.startsWith(`${OAUTH_PREFIX}/auth?`);

/** Headers of every page here: our own CSP (no inline script or style), forms only to us and to the app's redirect. */
function pageHeaders(reply: FastifyReply, formTargets: string[] = []): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', `default-src 'self'; form-action 'self'${formTargets.map((t) => ` ${t}`).join('')}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`);
}

/**
 * The consent page of the authorization code flow, and the unlock page before it: the
 * person sees which data, how detailed, what for and until when, and approves or denies.
 * Approving creates the consent-engine grant (with its receipt) and binds it to the OAuth
 * grant (same id), so every token the app gets is bound to it. The person proves who they
 * are with their live session (cookie + CSRF token in the form) or their passphrase.
 */
export async function addConsentRoutes(app: FastifyInstance, sessions: VaultSessions, oauth: OAuthServer, rateLimit: UnlockRateLimit): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const limited = { config: { rateLimit: { max: rateLimit.max, timeWindow: rateLimit.timeWindowMs } } };

    scope.get(`${CONSENT_PATH}/consent.css`, async (_request, reply) => reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(CONSENT_CSS));

    // The vault was closed when an app sent the person here: the passphrase first, then back to the request.
    scope.get(`${CONSENT_PATH}/unlock`, async (request, reply) => {
      const next = String((request.query as Record<string, unknown>).next ?? '');
      return pageHeaders(reply).send(unlockPage(langOf(request.headers['accept-language']), isAuthorizationUrl(next) ? next : '/'));
    });
    scope.post(`${CONSENT_PATH}/unlock`, limited, async (request, reply) => {
      const lang = langOf(request.headers['accept-language']);
      const form = unlockFormSchema.safeParse(request.body);
      if (!form.success || !isAuthorizationUrl(form.data.next)) return pageHeaders(reply.code(400)).send(renderMessagePage(lang, 'MesInfos', lang === 'fr' ? 'Demande incomplète.' : 'Incomplete request.'));
      try {
        const { id } = await sessions.unlock(form.data.passphrase, false);
        setSessionCookie(request, reply, id);
      } catch (e) {
        if (isMesInfosError(e) && e.code === 'VAULT_PASSPHRASE_WRONG') return pageHeaders(reply.code(401)).send(unlockPage(lang, form.data.next, true));
        throw e;
      }
      return reply.redirect(form.data.next, 303);
    });

    scope.get(`${CONSENT_PATH}/:uid`, async (request, reply) => withInteraction(request, reply, oauth, (entry, app, details) => showConsent(request, reply, sessions, entry, app, details)));
    scope.post(`${CONSENT_PATH}/:uid`, limited, async (request, reply) =>
      withInteraction(request, reply, oauth, (entry, app, details) => decide(request, reply, sessions, entry, app, details)),
    );
  });
}

type Details = Awaited<ReturnType<OAuthEntry['provider']['interactionDetails']>>;

/** Finds the interaction of this page (from oidc-provider's cookie) and its app; an expired one gets a page saying so. */
async function withInteraction(request: FastifyRequest, reply: FastifyReply, oauth: OAuthServer, then: (entry: OAuthEntry, app: AppClient, details: Details) => Promise<unknown>): Promise<unknown> {
  const lang = langOf(request.headers['accept-language']);
  const { entry, release } = await oauth.acquire();
  try {
    let details: Details;
    try {
      details = await entry.provider.interactionDetails(request.raw, reply.raw);
    } catch (e) {
      if (!(e instanceof errors.OIDCProviderError)) throw e;
      return pageHeaders(reply.code(400)).send(renderMessagePage(lang, lang === 'fr' ? 'Demande expirée' : 'Request expired', lang === 'fr' ? 'Cette demande d’accès a expiré ou n’existe pas : retournez dans l’application et recommencez.' : 'This access request expired or does not exist: go back to the app and start again.'));
    }
    if (details.uid !== (request.params as { uid: string }).uid) return pageHeaders(reply.code(400)).send(renderMessagePage(lang, 'MesInfos', lang === 'fr' ? 'Demande inconnue.' : 'Unknown request.'));
    const client = entry.registry.get(String(details.params.client_id));
    if (!client || client.kind !== 'app') return finish(reply, entry, request, { error: 'unauthorized_client', error_description: 'This app is no longer registered.' });
    return await then(entry, client, details);
  } finally {
    release();
  }
}

/** Ends the interaction: oidc-provider redirects the browser back to the app (with a code or an error). */
async function finish(reply: FastifyReply, entry: OAuthEntry, request: FastifyRequest, result: InteractionResults): Promise<void> {
  reply.hijack();
  await entry.provider.interactionFinished(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
}

function redirectOrigin(details: Details): string[] {
  const uri = details.params.redirect_uri;
  return typeof uri === 'string' && URL.canParse(uri) ? [new URL(uri).origin] : [];
}

async function showConsent(request: FastifyRequest, reply: FastifyReply, sessions: VaultSessions, entry: OAuthEntry, app: AppClient, details: Details, problem?: string): Promise<unknown> {
  let access;
  try {
    access = parseAccessRequest(details.params);
    grantRequestFor(app, access, Date.now());
  } catch (e) {
    if (e instanceof AccessRequestError) return finish(reply, entry, request, { error: e.oauthError, error_description: e.message });
    throw e;
  }
  const csrfToken = sessions.csrfTokenOf(request.cookies[SESSION_COOKIE]);
  const html = renderConsentPage({
    lang: langOf(request.headers['accept-language']),
    app,
    request: access,
    untilMs: Date.now() + access.durationDays * 86_400_000,
    action: `${CONSENT_PATH}/${details.uid}`,
    ...(csrfToken ? { csrfToken } : {}),
    ...(problem ? { problem } : {}),
  });
  return pageHeaders(reply.code(problem ? 401 : 200), redirectOrigin(details)).send(html);
}

async function decide(request: FastifyRequest, reply: FastifyReply, sessions: VaultSessions, entry: OAuthEntry, app: AppClient, details: Details): Promise<unknown> {
  const lang: Lang = langOf(request.headers['accept-language']);
  const form = decisionSchema.safeParse(request.body ?? {});
  if (!form.success) return pageHeaders(reply.code(400)).send(renderMessagePage(lang, 'MesInfos', lang === 'fr' ? 'Décision manquante.' : 'No decision was sent.'));
  // The person, and no one else, decides: their live session's CSRF token, or their passphrase.
  const sessionCsrf = sessions.csrfTokenOf(request.cookies[SESSION_COOKIE]);
  const bySession = !!sessionCsrf && !!form.data.csrf && sameSecret(sessionCsrf, form.data.csrf);
  if (!bySession) {
    const wrong = lang === 'fr' ? 'Cette phrase secrète n’ouvre pas votre coffre.' : 'This passphrase does not open your vault.';
    if (!form.data.passphrase) return showConsent(request, reply, sessions, entry, app, details, wrong);
    try {
      await sessions.verifyPassphrase(form.data.passphrase);
    } catch (e) {
      if (isMesInfosError(e) && e.code === 'VAULT_PASSPHRASE_WRONG') return showConsent(request, reply, sessions, entry, app, details, wrong);
      throw e;
    }
  }
  if (form.data.decision === 'deny') {
    request.log.info({ clientId: app.clientId }, 'the person denied an access request');
    return finish(reply, entry, request, { error: 'access_denied', error_description: 'The person declined the access request.' });
  }
  let grantRequest;
  try {
    grantRequest = grantRequestFor(app, parseAccessRequest(details.params), Date.now());
  } catch (e) {
    if (e instanceof AccessRequestError) return finish(reply, entry, request, { error: e.oauthError, error_description: e.message });
    throw e;
  }
  const { grant } = await entry.consent.createGrant(grantRequest);
  const untilMs = Date.parse(grant.validUntil);
  entry.grantExpiry.set(grant.id, untilMs);
  // The OAuth grant takes the consent grant's id: every token of it names the consent grant.
  const props = { jti: grant.id, accountId: entry.consent.vaultId, clientId: app.clientId };
  const oauthGrant = new entry.provider.Grant(props);
  oauthGrant.addResourceScope(String(details.params.resource ?? ''), grammarScopes(String(details.params.scope ?? '')));
  // Its lifetime comes from ttl.Grant (oauth-provider.ts), which reads grantExpiry set above.
  const grantId = await oauthGrant.save();
  request.log.info({ clientId: app.clientId, grantId }, 'the person approved an access request');
  return finish(reply, entry, request, { login: { accountId: entry.consent.vaultId }, consent: { grantId } });
}

function unlockPage(lang: Lang, next: string, wrong = false): string {
  const fr = lang === 'fr';
  const title = fr ? 'Déverrouillez votre coffre' : 'Unlock your vault';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><link rel="stylesheet" href="${CONSENT_PATH}/consent.css"></head>
<body><main><h1>${esc(title)}</h1>
<p>${fr ? 'Une application vous demande l’accès à des données. Votre coffre est fermé : saisissez votre phrase secrète pour voir sa demande.' : 'An app asks you for access to some data. Your vault is closed: type your passphrase to see its request.'}</p>
${wrong ? `<p class="problem" role="alert">${fr ? 'Cette phrase secrète n’ouvre pas votre coffre.' : 'This passphrase does not open your vault.'}</p>` : ''}
<form method="post" action="${CONSENT_PATH}/unlock"><input type="hidden" name="next" value="${esc(next)}">
<p><label for="passphrase">${fr ? 'Phrase secrète' : 'Passphrase'}</label><br><input id="passphrase" name="passphrase" type="password" autocomplete="current-password" required></p>
<button type="submit">${fr ? 'Déverrouiller' : 'Unlock'}</button></form></main></body></html>`;
}
