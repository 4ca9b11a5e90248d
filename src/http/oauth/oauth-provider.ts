import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { errors, interactionPolicy, type Configuration, type JWK } from 'oidc-provider';
import type { ClientRegistry } from '../../clients/client-registry.ts';
import type { ConsentEngine } from '../../consent/consent-engine.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { vaultAdapterFactory } from './vault-adapter.ts';

/** Where the OAuth server's keys live: the encrypted vault's meta table, never the repository. */
export const OAUTH_JWKS_META = 'oauth.jwks';
export const OAUTH_COOKIE_KEYS_META = 'oauth.cookieKeys';

/** Token lifetimes, in seconds. */
export const ACCESS_TOKEN_TTL_S = 600;
export const REFRESH_TOKEN_MAX_TTL_S = 30 * 86_400;
/** Where oidc-provider is mounted, and the consent page it sends the person to. */
export const OAUTH_PREFIX = '/oauth';
export const CONSENT_PATH = '/api/consent';

/** The resource indicator of the app API: tokens of apps are for it alone. */
export const appApiResource = (issuer: string) => new URL('/api/app', issuer).href;

/** The scope values of our grammar (read:…) in a space-separated list, deduplicated. */
export const grammarScopes = (scope: string) => [...new Set(scope.split(' ').filter((s) => s.startsWith('read:')))].join(' ');

/** Loads the signing key set and cookie keys of the vault's OAuth server, creating them on first use. */
async function loadOrCreateKeys(store: RecordStore): Promise<{ jwks: { keys: JWK[] }; cookieKeys: string[] }> {
  let jwks = await store.getMeta(OAUTH_JWKS_META);
  if (jwks === undefined) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    jwks = JSON.stringify({ keys: [{ ...jwk, use: 'sig', kid: randomBytes(8).toString('hex') }] });
    await store.setMeta(OAUTH_JWKS_META, jwks);
  }
  let cookieKeys = await store.getMeta(OAUTH_COOKIE_KEYS_META);
  if (cookieKeys === undefined) {
    cookieKeys = JSON.stringify([randomBytes(32).toString('base64url')]);
    await store.setMeta(OAUTH_COOKIE_KEYS_META, cookieKeys);
  }
  return { jwks: JSON.parse(jwks) as { keys: JWK[] }, cookieKeys: JSON.parse(cookieKeys) as string[] };
}

/**
 * The consent prompt asks every time unless this very interaction ended with the person's
 * consent on our page: a grant is bound to one consent-engine grant, never reused silently.
 */
function policyWithOurConsent(): interactionPolicy.DefaultPolicy {
  const policy = interactionPolicy.base();
  const consent = policy.get('consent');
  if (!consent) throw new Error('oidc-provider has no consent prompt');
  consent.checks.add(
    new interactionPolicy.Check('mesinfos_consent', 'the person approves each access request on the consent page', 'consent_required', (ctx) =>
      ctx.oidc.result?.consent?.grantId ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
    ),
  );
  return policy;
}

/** What an OAuth server needs from the open vault. */
export interface OAuthVaultServices {
  store: RecordStore;
  registry: ClientRegistry;
  consent: ConsentEngine;
}

/**
 * The OAuth 2 authorization server of one open vault (oidc-provider 8): client credentials
 * for organisations; authorization code with PKCE (S256, required) and refresh tokens for
 * apps; revocation and introspection. Opaque access tokens live 10 minutes; a refresh
 * token lives until its grant ends (30 days at most) and dies with the consent grant.
 * No development interactions: the consent page is ours (consent-routes.ts).
 */
export async function createOAuthProvider(issuer: string, v: OAuthVaultServices, grantExpiryMs: (grantId: string | undefined) => number | undefined): Promise<Provider> {
  const { jwks, cookieKeys } = await loadOrCreateKeys(v.store);
  const appApi = appApiResource(issuer);
  const secondsLeft = (grantId: string | undefined, max: number) => {
    const until = grantExpiryMs(grantId);
    return until === undefined ? max : Math.max(1, Math.min(max, Math.floor((until - Date.now()) / 1000)));
  };
  const configuration: Configuration = {
    adapter: vaultAdapterFactory(v.registry, v.consent),
    clients: [],
    jwks,
    cookies: { keys: cookieKeys },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: false },
      // Apps' tokens are for one resource, the app API; their scopes follow our grammar
      // (access-request.ts), so the resource server accepts the scopes asked for or granted.
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, client) => (v.registry.get(client.clientId)?.kind === 'app' ? appApi : []),
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, indicator, client) => {
          if (indicator !== appApi || v.registry.get(client.clientId)?.kind !== 'app') throw new errors.InvalidTarget(`the only resource is ${appApi}, for apps`);
          const asked = typeof ctx.oidc.params?.scope === 'string' ? ctx.oidc.params.scope : '';
          const granted = ctx.oidc.entities.Grant?.getResourceScope(indicator) ?? '';
          return { scope: grammarScopes(`${asked} ${granted}`), audience: indicator, accessTokenTTL: ACCESS_TOKEN_TTL_S, accessTokenFormat: 'opaque' };
        },
      },
    },
    pkce: { methods: ['S256'], required: () => true },
    responseTypes: ['code'],
    extraParams: ['purpose', 'duration'],
    scopes: ['openid', 'offline_access'],
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_S,
      ClientCredentials: ACCESS_TOKEN_TTL_S,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: (_ctx, grant) => secondsLeft(grant.jti, 2 * 365 * 86_400),
      RefreshToken: (_ctx, token) => secondsLeft(token.grantId, REFRESH_TOKEN_MAX_TTL_S),
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Refresh tokens live as long as the consent grant, not as the browser session of the consent.
    expiresWithSession: async () => false,
    // Only the grant the person has just given on our page: never an earlier one, silently.
    loadExistingGrant: async (ctx) => {
      const id = ctx.oidc.result?.consent?.grantId;
      return id ? ctx.oidc.provider.Grant.find(id) : undefined;
    },
    interactions: { url: (_ctx, interaction) => `${CONSENT_PATH}/${interaction.uid}`, policy: policyWithOurConsent() },
  };
  const provider = new Provider(issuer, configuration);
  provider.proxy = false;
  return provider;
}
