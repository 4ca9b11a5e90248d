import * as client from 'openid-client';
import { TEST_PASSPHRASE } from './temp-vault.ts';
import type { Platform as FullPlatform } from './org-platform.ts';

/** What the flow needs of a platform: its URL and the person's session (a server in another process will do). */
export type Platform = Pick<FullPlatform, 'url' | 'owner' | 'me'>;

/** A tiny cookie jar: name → value, from Set-Cookie headers (paths ignored: one test server). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  constructor(initial?: string) {
    if (initial) this.take([initial]);
  }
  take(setCookies: string[]): void {
    for (const c of setCookies) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      if (i > 0) this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface ConsentOptions {
  decision?: 'approve' | 'deny';
  /** Prove it is the person with the live session (cookie + CSRF, default) or the passphrase typed on the page. */
  via?: 'session' | 'passphrase';
  passphrase?: string;
  /** Sends this CSRF token instead of the page's (a forged or mangled form). */
  csrf?: string;
  acceptLanguage?: string;
  /** Sees the consent page's HTML before deciding (tests check what it says). */
  onPage?: (html: string) => void;
}

/**
 * Plays the person in a browser: opens the app's authorization URL, follows the server's
 * redirects to the consent page, approves or denies with the form, and returns the URL the
 * browser is finally sent to (the app's redirect URI with a code, or an error) — unfetched.
 */
export async function consentAs(p: Platform, authorizationUrl: URL | string, o: ConsentOptions = {}): Promise<URL> {
  const jar = new CookieJar(o.via === 'passphrase' ? undefined : p.owner.cookie);
  const lang = o.acceptLanguage ?? 'en';
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(new URL(url, p.url), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header(), 'accept-language': lang } });
    jar.take(res.headers.getSetCookie());
    return res;
  };
  let res = await go(String(authorizationUrl));
  let page: string | undefined;
  for (let hops = 0; hops < 10; hops++) {
    const location = res.headers.get('location');
    if (res.status === 200 && !page) {
      page = await res.text();
      o.onPage?.(page);
      const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
      if (!action) throw new Error(`no consent form in the page: ${page.slice(0, 500)}`);
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
      const form = new URLSearchParams({ decision: o.decision ?? 'approve' });
      if (o.csrf !== undefined) form.set('csrf', o.csrf);
      else if (csrf && o.via !== 'passphrase') form.set('csrf', csrf);
      else form.set('passphrase', o.passphrase ?? TEST_PASSPHRASE);
      res = await go(action.replace(/&amp;/g, '&'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      continue;
    }
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`unexpected answer ${res.status} on the way to the app: ${await res.text()}`);
    const next = new URL(location, p.url);
    if (next.origin !== new URL(p.url).origin) return next;
    res = await go(next.href);
  }
  throw new Error('too many redirects');
}

/** Registers an app as the person; its redirect URI defaults to a loopback address nothing listens on. */
export async function registerApp(p: Platform, o: { name?: string; redirectUri?: string } = {}): Promise<{ clientId: string; redirectUri: string }> {
  const redirectUri = o.redirectUri ?? 'http://127.0.0.1:9/callback';
  const { client: c } = await p.me<{ client: { clientId: string } }>('clients.register', { kind: 'app', name: o.name ?? 'Coach Énergie', description: 'Compares your energy use month by month.', redirectUris: [redirectUri] });
  return { clientId: c.clientId, redirectUri };
}

/** The openid-client configuration of an app of this platform (plain HTTP on loopback allowed). */
export function appConfig(p: Platform, clientId: string): Promise<client.Configuration> {
  return client.discovery(new URL(`${p.url}/oauth`), clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
}

export interface AppTokens {
  clientId: string;
  accessToken: string;
  refreshToken: string;
  /** The consent-engine grant the tokens are bound to. */
  grantId: string;
  config: client.Configuration;
}

/**
 * The whole authorization code + PKCE flow of an app, programmatically: registers the app
 * (unless `clientId` is given), asks for `scope` with purpose and duration, approves on the
 * consent page as the person, and exchanges the code for tokens.
 *
 * Example: const t = await appToken(p, { scope: 'read:energy.reading:month' }); fetch(…, { headers: { authorization: `Bearer ${t.accessToken}` } })
 */
export async function appToken(p: Platform, o: { scope: string; purpose?: string; durationDays?: number; clientId?: string; redirectUri?: string } & ConsentOptions): Promise<AppTokens> {
  const app = o.clientId ? { clientId: o.clientId, redirectUri: o.redirectUri ?? 'http://127.0.0.1:9/callback' } : await registerApp(p, o.redirectUri ? { redirectUri: o.redirectUri } : {});
  const config = await appConfig(p, app.clientId);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: app.redirectUri,
    scope: o.scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    purpose: o.purpose ?? 'ServiceProvision',
    duration: String(o.durationDays ?? 30),
  });
  const back = await consentAs(p, url, o);
  if (back.searchParams.has('error')) throw new Error(`the authorization ended with ${back.searchParams.get('error')}: ${back.searchParams.get('error_description')}`);
  const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state });
  if (!tokens.refresh_token) throw new Error('no refresh token was issued');
  const { grants } = await p.me<{ grants: { id: string; createdAt: string }[] }>('grants.list', { grantee: app.clientId });
  const newest = grants[0];
  if (!newest) throw new Error('no grant was created');
  return { clientId: app.clientId, accessToken: tokens.access_token, refreshToken: tokens.refresh_token, grantId: newest.id, config };
}
