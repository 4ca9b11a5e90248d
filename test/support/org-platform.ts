import { join } from 'node:path';
import { buildApp, type AppDeps, type MesInfosApp } from '../../src/http/build-app.ts';
import { serve, type RunningServer } from '../../src/http/serve.ts';
import type { RecordType } from '../../src/domain/record.ts';
import { operations } from '../../src/operations/table.ts';
import { Vault } from '../../src/vault/vault.ts';
import { TEST_PASSPHRASE, tempDir } from './temp-vault.ts';

/** A platform server on 127.0.0.1 (free port) over a fresh vault, unlocked by its person. */
export interface Platform extends MesInfosApp {
  url: string;
  vaultPath: string;
  owner: { cookie: string; csrfToken: string };
  /** Unlocks again (after a lock): `owner` and `me` use the new session. */
  unlock(): Promise<void>;
  /** Calls an operation as the person (/api/me, cookie + CSRF); throws unless it answers 2xx. */
  me<T = unknown>(name: string, input?: Record<string, unknown>): Promise<T>;
  /** The same, returning the raw response. */
  meRaw(name: string, input?: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

function methodOf(name: string): 'GET' | 'POST' {
  const op = operations.find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name}`);
  return op.mutates ? 'POST' : 'GET';
}

/** The query string of a GET operation's input (arrays repeated). */
function queryOf(input: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined) q.append(k, String(x));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Calls `/api/<audience>/<name as path>` with the method the operation table gives it. */
export function callOperation(url: string, audience: 'me' | 'org' | 'app', name: string, input: Record<string, unknown>, headers: Record<string, string>): Promise<Response> {
  const path = `${url}/api/${audience}/${name.split('.').join('/')}`;
  if (methodOf(name) === 'GET') return fetch(`${path}${queryOf(input)}`, { headers });
  return fetch(path, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(input) });
}

/** Starts a platform: a fresh vault (seeded by `seed` when given), a real server, the person unlocked. */
export async function startPlatform(opts: { seed?: (vault: Vault) => Promise<void>; deps?: Partial<AppDeps> } = {}): Promise<Platform> {
  const t = await tempDir('mesinfos-platform-');
  const vaultPath = join(t.dir, 'vault.mesinfos');
  const vault = await Vault.create({ path: vaultPath, passphrase: TEST_PASSPHRASE });
  try {
    await opts.seed?.(vault);
  } finally {
    await vault.close();
  }
  const built = await buildApp({ vaultPath, logger: { level: 'silent' }, web: { root: null }, ...opts.deps });
  let server: RunningServer;
  try {
    server = await serve(built.app);
  } catch (e) {
    await built.app.close();
    throw e;
  }
  const owner = await unlockAs(server.url);
  const meRaw = (name: string, input: Record<string, unknown> = {}) => callOperation(server.url, 'me', name, input, { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken });
  return {
    ...built,
    url: server.url,
    vaultPath,
    owner,
    unlock: async () => {
      Object.assign(owner, await unlockAs(server.url));
    },
    meRaw,
    me: async <T>(name: string, input: Record<string, unknown> = {}) => {
      const res = await meRaw(name, input);
      if (!res.ok) throw new Error(`${name} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    close: async () => {
      await server.close();
      await t.cleanup();
    },
  };
}

/** Unlocks as the person over HTTP: the session cookie and CSRF token. */
async function unlockAs(url: string): Promise<{ cookie: string; csrfToken: string }> {
  const unlocked = await fetch(`${url}/api/session/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ passphrase: TEST_PASSPHRASE }) });
  if (unlocked.status !== 200) throw new Error(`unlock failed: ${unlocked.status} ${await unlocked.text()}`);
  const cookie = unlocked.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrfToken: ((await unlocked.json()) as { csrfToken: string }).csrfToken };
}

/** A client credentials token for an organisation (client_secret_basic), straight from the token endpoint. */
export async function clientCredentialsToken(url: string, clientId: string, clientSecret: string): Promise<string> {
  const res = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}` },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export interface OrgClient {
  clientId: string;
  clientSecret: string;
  source: string;
  customerRef: string;
  token: string;
  /** Calls an operation under /api/org with the organisation's token. */
  call(name: string, input?: Record<string, unknown>): Promise<Response>;
}

/** Registers an organisation as the person, makes a pairing code, and has the organisation claim it. */
export async function linkedOrganisation(
  p: Platform,
  o: { name: string; sector?: string; declaredTypes: RecordType[]; roles?: ('restitution' | 'vendor')[]; customerRef?: string },
): Promise<OrgClient> {
  const reg = await p.me<{ client: { clientId: string; source: string }; clientSecret: string }>('clients.register', {
    kind: 'organisation',
    name: o.name,
    sector: o.sector ?? 'bank',
    dataProtectionContact: 'dpo@example.org',
    declaredTypes: o.declaredTypes,
    ...(o.roles ? { roles: o.roles } : {}),
  });
  const { code } = await p.me<{ code: string }>('links.create', { clientId: reg.client.clientId });
  const token = await clientCredentialsToken(p.url, reg.client.clientId, reg.clientSecret);
  const customerRef = o.customerRef ?? 'C-0001';
  const call = (name: string, input: Record<string, unknown> = {}) => callOperation(p.url, 'org', name, input, { authorization: `Bearer ${token}` });
  const claimed = await call('links.claim', { code, customerRef });
  if (claimed.status !== 200) throw new Error(`links.claim answered ${claimed.status}: ${await claimed.text()}`);
  return { clientId: reg.client.clientId, clientSecret: reg.clientSecret, source: reg.client.source, customerRef, token, call };
}

/** Calls an operation of the person (/api/me) however the test holds the person's session. */
export type PersonCall = <T>(name: string, input: Record<string, unknown>) => Promise<T>;

/**
 * Registers an energy vendor as the person (vendor role, receiving `categories`) and gets its
 * client-credentials token. Example: `const v = await registerVendor(url, p.me, 'Volt Énergie')`.
 */
export async function registerVendor(url: string, me: PersonCall, name: string, categories: string[] = ['energy-supply']): Promise<{ clientId: string; clientSecret: string; token: string }> {
  const reg = await me<{ client: { clientId: string }; clientSecret: string }>('clients.register', {
    kind: 'organisation',
    name,
    sector: 'energy',
    dataProtectionContact: `dpo@${name.normalize('NFD').toLowerCase().replace(/[^a-z]+/g, '')}.example`,
    declaredTypes: ['contract'],
    roles: ['vendor'],
  });
  await me('vendors.set', { client: reg.client.clientId, categories });
  return { clientId: reg.client.clientId, clientSecret: reg.clientSecret, token: await clientCredentialsToken(url, reg.client.clientId, reg.clientSecret) };
}
