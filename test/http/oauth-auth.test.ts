import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientRegistry } from '../../src/clients/client-registry.ts';
import { createConsentEngine } from '../../src/consent/consent-engine.ts';
import { appConfig, appToken, type AppTokens } from '../support/oauth-flow.ts';
import { callOperation, clientCredentialsToken, linkedOrganisation, startPlatform, type OrgClient, type Platform } from '../support/org-platform.ts';
import { asAsync, tx } from '../support/temp-vault.ts';
import { energyReading } from '../support/energy-reading.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { reason?: string } };
}
const errorOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as ErrorBody).error });

describe('who may call /api: tokens, grants, revocation, expiry, a closed vault', () => {
  let p: Platform;
  let org: OrgClient;
  let coach: AppTokens;
  let clock = Date.now();
  const app = (token: string, name: string, input: Record<string, unknown>) => callOperation(p.url, 'app', name, input, { authorization: `Bearer ${token}` });
  beforeAll(async () => {
    p = await startPlatform({
      seed: async (v) => {
        await v.importRecords({ meta: { format: 'test', fileName: null, fileHash: null }, records: () => asAsync([energyReading('2025-01-10', 8, 1000)]) });
      },
      // The consent engine's clock is the test's, to see grants expire.
      deps: {
        createServices: async (vault) => {
          const consent = await createConsentEngine(vault, { now: () => clock });
          return { consent, clients: await ClientRegistry.open(vault, consent, () => clock) };
        },
      },
    });
    org = await linkedOrganisation(p, { name: 'Banque Exemple', declaredTypes: ['bank.transaction'] });
    coach = await appToken(p, { scope: 'read:energy.reading:month', durationDays: 30 });
  });
  afterAll(async () => p?.close());

  it('answers 401 to every operation of every audience called without credentials', async () => {
    const paths = Object.entries(p.openApiDocument.paths as Record<string, Record<string, unknown>>).filter(([path]) => /^\/api\/(me|org|app)\//.test(path));
    const byAudience = { me: 0, org: 0, app: 0 };
    for (const [path, methods] of paths) {
      const method = Object.keys(methods)[0]!.toUpperCase();
      const res = await fetch(`${p.url}${path}`, method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: '{}' });
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      byAudience[path.split('/')[2] as keyof typeof byAudience]++;
    }
    expect(byAudience.me).toBeGreaterThan(10);
    expect(byAudience.org).toBeGreaterThanOrEqual(4);
    expect(byAudience.app).toBeGreaterThanOrEqual(2);
  });

  it('refuses unknown tokens, and each kind of token on the other audience (401)', async () => {
    expect((await errorOf(await app('not-a-token', 'data.read', { type: 'energy.reading' }))).code).toBe('UNAUTHENTICATED');
    expect((await app(org.token, 'data.read', { type: 'energy.reading' })).status).toBe(401);
    const appOnOrg = await callOperation(p.url, 'org', 'data.read', { type: 'energy.reading' }, { authorization: `Bearer ${coach.accessToken}` });
    expect(appOnOrg.status).toBe(401);
  });

  it('an organisation reads only what a read grant allows: none yet → 403 with the reason', async () => {
    const denied = await errorOf(await org.call('data.read', { type: 'energy.reading' }));
    expect(denied).toMatchObject({ status: 403, code: 'CONSENT_DENIED' });
    expect(denied.details?.reason).toBe('TYPE_NOT_GRANTED');
    await p.me('grants.create', { grantee: org.clientId, granteeKind: 'organisation', type: 'energy.reading', granularity: 'year', purpose: 'ServiceProvision', until: '2030-01-01' });
    const yearly = await org.call('data.read', { type: 'energy.reading' });
    expect(yearly.status).toBe(200);
    expect(((await yearly.json()) as { series: { periods: { sum: number }[] }[] }).series[0]!.periods[0]!.sum).toBe(1000);
  });

  it('the person locking (idle or on demand) leaves the vault open for clients; closing it answers 503 with Retry-After', async () => {
    await fetch(`${p.url}/api/session/lock`, { method: 'POST', headers: { cookie: p.owner.cookie, 'x-csrf-token': p.owner.csrfToken } });
    expect((await org.call('records.push', { customerRef: org.customerRef, records: [tx(1)] })).status).toBe(200);
    // Unlock again, then close the vault.
    await p.unlock();
    const closed = await fetch(`${p.url}/api/session/lock`, { method: 'POST', headers: { cookie: p.owner.cookie, 'x-csrf-token': p.owner.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ closeVault: true }) });
    expect(closed.status).toBe(200);
    const push = await org.call('records.push', { customerRef: org.customerRef, records: [tx(2)] });
    expect(push.status).toBe(503);
    expect(push.headers.get('retry-after')).toBe('60');
    expect((await errorOf(push)).code).toBe('VAULT_CLOSED');
    const token = await fetch(`${p.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect(token.status).toBe(503);
    expect((await app(coach.accessToken, 'data.read', { type: 'energy.reading' })).status).toBe(503);

    // Reopened: access tokens were short-lived artefacts and are gone; refresh tokens were kept in the vault.
    await p.unlock();
    expect((await app(coach.accessToken, 'data.read', { type: 'energy.reading' })).status).toBe(401);
    const refreshed = await client.refreshTokenGrant(await appConfig(p, coach.clientId), coach.refreshToken);
    coach = { ...coach, accessToken: refreshed.access_token, refreshToken: refreshed.refresh_token ?? coach.refreshToken };
    expect((await app(coach.accessToken, 'data.read', { type: 'energy.reading' })).status).toBe(200);
    org.token = await clientCredentialsToken(p.url, org.clientId, org.clientSecret);
  });

  it('an expired grant: 403 GRANT_EXPIRED at the next request, and refresh fails', async () => {
    const saved = clock;
    clock = Date.now() + 31 * 86_400_000;
    try {
      const res = await errorOf(await app(coach.accessToken, 'data.read', { type: 'energy.reading' }));
      expect(res).toMatchObject({ status: 403, details: { reason: 'GRANT_EXPIRED' } });
      await expect(client.refreshTokenGrant(await appConfig(p, coach.clientId), coach.refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
    } finally {
      clock = saved;
    }
  });

  it('a revoked grant: 403 GRANT_REVOKED at the next request, and refresh fails', async () => {
    expect((await app(coach.accessToken, 'data.read', { type: 'energy.reading' })).status).toBe(200);
    await p.me('grants.revoke', { id: coach.grantId, reason: 'no longer used' });
    const res = await errorOf(await app(coach.accessToken, 'data.read', { type: 'energy.reading' }));
    expect(res).toMatchObject({ status: 403, code: 'CONSENT_DENIED', details: { reason: 'GRANT_REVOKED' } });
    await expect(client.refreshTokenGrant(await appConfig(p, coach.clientId), coach.refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('removing an organisation stops its tokens and revokes its grants', async () => {
    const removed = await p.me<{ revokedGrants: string[] }>('clients.remove', { clientId: org.clientId });
    expect(removed.revokedGrants.length).toBe(2);
    const res = await errorOf(await org.call('records.push', { customerRef: org.customerRef, records: [tx(3)] }));
    expect(res.status).toBe(401);
    // Every operation, not only those that read the organisation's registration.
    expect((await errorOf(await org.call('data.read', { type: 'energy.reading' }))).code).toBe('UNAUTHENTICATED');
    // And an app's: its token is refused before the record is even looked for.
    await p.me('clients.remove', { clientId: coach.clientId });
    expect(await errorOf(await app(coach.accessToken, 'data.get', { id: 'no-such-record' }))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
