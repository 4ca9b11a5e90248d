import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appConfig, consentAs, registerApp } from '../support/oauth-flow.ts';
import { startPlatform, type Platform } from '../support/org-platform.ts';

describe('the consent page', () => {
  let p: Platform;
  let app: { clientId: string; redirectUri: string };
  let config: client.Configuration;
  const authUrl = async (scope: string, extra: Record<string, string> = {}) =>
    client.buildAuthorizationUrl(config, {
      redirect_uri: app.redirectUri,
      scope,
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      purpose: 'ServiceProvision',
      duration: '30',
      ...extra,
    });
  const grantsOfApp = async () => (await p.me<{ grants: unknown[] }>('grants.list', { grantee: app.clientId })).grants.length;
  beforeAll(async () => {
    p = await startPlatform();
    app = await registerApp(p, { name: 'Coach Énergie' });
    config = await appConfig(p, app.clientId);
  });
  afterAll(async () => p?.close());

  it('says in plain French which data, how detailed, what for and until when — without inline script', async () => {
    let html = '';
    const back = await consentAs(p, await authUrl('read:energy.reading:month'), { acceptLanguage: 'fr-FR,fr;q=0.9,en;q=0.5', decision: 'deny', onPage: (h) => (html = h) });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Coach Énergie demande l’accès à vos données');
    expect(html).toContain('vos relevés de compteur d’énergie');
    expect(html).toContain('des totaux par mois seulement, jamais le détail');
    expect(html).toContain('fournir le service que vous utilisez');
    expect(html).toMatch(/Jusqu’au <strong>\d{1,2} \S+ \d{4}<\/strong> \(30 jours\)/);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('style=');
    expect(back.searchParams.get('error')).toBe('access_denied');
  });

  it('speaks English otherwise, sends a strict CSP, and a denial creates no grant', async () => {
    const res = await fetch(await authUrl('read:bank.transaction:raw:amount,label'), { redirect: 'manual', headers: { cookie: p.owner.cookie } });
    const page = await fetch(new URL(res.headers.get('location')!, p.url), { headers: { cookie: [p.owner.cookie, ...res.headers.getSetCookie().map((c) => c.split(';')[0])].join('; '), 'accept-language': 'de-DE' } });
    const html = await page.text();
    expect(html).toContain('asks for access to your data');
    expect(html).toContain('every single record, in detail');
    expect(html).toContain('only the fields <code>amount</code>, <code>label</code>');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'; form-action 'self' http:\/\/127\.0\.0\.1:9;/);
    expect(await grantsOfApp()).toBe(0);
  });

  it('asks for the passphrase when the browser holds no session, and refuses a wrong one', async () => {
    await expect(consentAs(p, await authUrl('read:energy.reading:year'), { via: 'passphrase', passphrase: 'not my passphrase' })).rejects.toThrow(/unexpected answer 401/);
    let html = '';
    const back = await consentAs(p, await authUrl('read:energy.reading:year'), { via: 'passphrase', onPage: (h) => (html = h) });
    expect(html).toContain('type your passphrase');
    expect(back.searchParams.get('code')).toBeTruthy();
    expect(await grantsOfApp()).toBe(1);
  });

  it('takes a mangled CSRF token for no proof at all (asks the passphrase, 401), whatever its bytes', async () => {
    const before = await grantsOfApp();
    // As long as a real token in characters, longer in bytes.
    for (const csrf of ['x'.repeat(43), 'é'.repeat(43), '']) {
      await expect(consentAs(p, await authUrl('read:energy.reading:month'), { csrf })).rejects.toThrow(/unexpected answer 401/);
    }
    expect(await grantsOfApp()).toBe(before);
  });

  it('sends a malformed request back to the app with invalid_scope, before asking anything', async () => {
    for (const scope of ['read:energy.reading', 'write:energy.reading:raw', 'read:nothing.here:month', 'read:contact:month']) {
      const back = await consentAs(p, await authUrl(scope));
      expect({ scope, error: back.searchParams.get('error') }).toEqual({ scope, error: 'invalid_scope' });
    }
    const noPurpose = await consentAs(p, await authUrl('read:energy.reading:month', { purpose: 'Whatever' }));
    expect(noPurpose.searchParams.get('error')).toBe('invalid_request');
  });

  it('when the vault is closed, the authorization request leads to the unlock page, then back to the consent', async () => {
    await fetch(`${p.url}/api/session/lock`, { method: 'POST', headers: { cookie: p.owner.cookie, 'x-csrf-token': p.owner.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ closeVault: true }) });
    const url = await authUrl('read:energy.reading:month');
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const unlockPage = new URL(res.headers.get('location')!, p.url);
    expect(unlockPage.pathname).toBe('/api/consent/unlock');
    expect(await (await fetch(unlockPage)).text()).toContain('Your vault is closed');
    const unlocked = await fetch(unlockPage, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ passphrase: 'test passphrase, long enough', next: unlockPage.searchParams.get('next')! }).toString() });
    expect(unlocked.status).toBe(303);
    expect(unlocked.headers.get('location')).toBe(`${url.pathname}${url.search}`);
    await p.unlock();
    const back = await consentAs(p, url);
    expect(back.searchParams.get('code')).toBeTruthy();
  });
});
