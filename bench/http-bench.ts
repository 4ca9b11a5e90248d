import autocannon from 'autocannon';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { demoGenerate } from '../src/operations/demo-operations.ts';
import { Vault } from '../src/vault/vault.ts';
import { callOperation } from '../test/support/org-platform.ts';
import { appToken } from '../test/support/oauth-flow.ts';
import { fmt, ratio, scratch } from './bench-util.ts';

/**
 * The API's read path (issue 5): record reads by id over HTTP at 10 concurrent
 * connections, on a bare Fastify + SQLite primary-key lookup and on the platform, in the
 * same run, on the same encrypted vault. The servers run in a child process (the load
 * generator must not share their event loop); besides requests per second, the server's
 * CPU time per request is reported — the load generator shares the two cores, so CPU per
 * request is the fairer comparison. BENCH_CPU_PROF=DIR writes the servers' CPU profiles there.
 */

const PASSPHRASE = 'bench passphrase for the vault';

/** How a client of the platform is authorised: headers to send and the path of one record read. */
export interface PlatformClient {
  label: string;
  headers: Record<string, string>;
  path: (id: string) => string;
}

interface Server {
  port: number;
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

async function startServer(mode: 'bare' | 'platform', vaultPath: string): Promise<Server> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', fileURLToPath(new URL('./http-server-child.ts', import.meta.url)), mode, vaultPath, PASSPHRASE], { stdio: 'pipe' });
  child.stderr.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await lines.next();
    if (r.done) throw new Error(`the ${mode} server stopped`);
    return JSON.parse(r.value) as Record<string, number>;
  };
  const { port } = await next();
  return {
    port: port!,
    cpuMicros: async () => {
      child.stdin.write('cpu\n');
      return (await next()).cpuMicros!;
    },
    stop: async () => {
      child.stdin.write('stop\n');
      await once(child, 'exit');
    },
  };
}

async function load(url: string, paths: string[], headers: Record<string, string>, seconds: number): Promise<{ rps: number; requests: number; errors: number; non2xx: number; p50Ms: number; p99Ms: number }> {
  const r = await autocannon({ url, connections: 10, duration: seconds, headers, requests: paths.map((path) => ({ method: 'GET', path })) });
  return { rps: r.requests.average, requests: r.requests.total, errors: r.errors, non2xx: r.non2xx, p50Ms: r.latency.p50, p99Ms: r.latency.p99 };
}

async function measure(server: Server, paths: string[], headers: Record<string, string>, seconds: number) {
  const url = `http://127.0.0.1:${server.port}`;
  await load(url, paths, headers, 1); // warm-up: JIT, page cache, token cache
  const cpu0 = await server.cpuMicros();
  const r = await load(url, paths, headers, seconds);
  const cpu = (await server.cpuMicros()) - cpu0;
  if (r.errors > 0 || r.non2xx > 0) throw new Error(`${r.errors} errors and ${r.non2xx} non-2xx answers from ${url}${paths[0]}`);
  return { ...r, cpuMicrosPerRequest: Math.round((cpu / r.requests) * 10) / 10 };
}

/**
 * `authorise(url)` turns the running platform into an authorised client (unlock, then an
 * app token under a raw grant…); it runs once the platform listens.
 */
export async function runHttpBench(opts: { years: number; seconds: number; authorise: (url: string) => Promise<PlatformClient> }): Promise<Record<string, unknown>> {
  const { dir, done } = await scratch();
  try {
    const vaultPath = join(dir, 'vault.mesinfos');
    const vault = await Vault.create({ path: vaultPath, passphrase: PASSPHRASE });
    await demoGenerate.handler({ vault, principal: { kind: 'owner' }, services: {} }, { years: opts.years, seed: 42 });
    const ids: string[] = [];
    for await (const r of vault.store.iterate({ types: ['bank.transaction'] })) if (ids.push(r.id) === 2000) break;
    await vault.close();

    const bare = await startServer('bare', vaultPath);
    const bareR = await measure(bare, ids.map((id) => `/record?id=${id}`), {}, opts.seconds);
    await bare.stop();
    console.log(`  bare Fastify + SQLite PK lookup: ${fmt(bareR.rps)} req/s, ${bareR.cpuMicrosPerRequest} µs server CPU/request, p99 ${bareR.p99Ms} ms`);

    const platform = await startServer('platform', vaultPath);
    const client = await opts.authorise(`http://127.0.0.1:${platform.port}`);
    const platR = await measure(platform, ids.map(client.path), client.headers, opts.seconds);
    await platform.stop();
    console.log(`  ${client.label}: ${fmt(platR.rps)} req/s, ${platR.cpuMicrosPerRequest} µs server CPU/request, p99 ${platR.p99Ms} ms`);
    const out = {
      connections: 10,
      seconds: opts.seconds,
      bare: bareR,
      platform: { label: client.label, ...platR },
      ratioRequestsPerSecond: ratio(platR.rps, bareR.rps),
      ratioCpuPerRequest: ratio(bareR.cpuMicrosPerRequest, platR.cpuMicrosPerRequest),
    };
    console.log(`  ratio: ${out.ratioRequestsPerSecond} × the bare lookup's requests/s; ${out.ratioCpuPerRequest} × its CPU efficiency (bare CPU/request ÷ platform CPU/request)`);
    return out;
  } finally {
    await done();
  }
}

async function unlock(url: string): Promise<{ cookie: string; csrfToken: string }> {
  const res = await fetch(`${url}/api/session/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ passphrase: PASSPHRASE }) });
  if (!res.ok) throw new Error(`unlock failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrfToken };
}

/** The person's own read (session cookie): the platform's path without grant or access log. */
export async function personClient(url: string): Promise<PlatformClient> {
  const { cookie } = await unlock(url);
  return { label: 'platform, the person (session cookie, no access log)', headers: { cookie }, path: (id) => `/api/me/records/get?id=${id}` };
}

/**
 * An app with a raw grant on bank transactions, obtained through the real authorization
 * code + PKCE flow and consent page: every read is a bearer token resolved, the policy
 * decided on the record, the record projected to the granted fields and the access logged.
 */
export async function appClient(url: string): Promise<PlatformClient> {
  const owner = await unlock(url);
  const me = async <T>(name: string, input: Record<string, unknown> = {}) => {
    const res = await callOperation(url, 'me', name, input, { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken });
    if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const t = await appToken({ url, owner, me }, { scope: 'read:bank.transaction:raw', passphrase: PASSPHRASE });
  return { label: 'platform, an app under a raw grant (bearer token, policy, projection, access log)', headers: { authorization: `Bearer ${t.accessToken}` }, path: (id) => `/api/app/data/get?id=${id}` };
}
