/**
 * An example app: asks the person for their monthly energy totals, then prints them.
 *
 *   node --import tsx examples/app-energy.ts --server http://127.0.0.1:4810 --client-id coach-energie \
 *     --redirect-port 8765 [--from 2025-01-01] [--to 2026-01-01] [--days 30]
 *
 * The app is registered with the redirect URI http://127.0.0.1:<port>/callback. It uses
 * OAuth 2 authorization code + PKCE (openid-client): it prints the URL the person opens
 * in their browser, waits on that loopback address for the person's decision, exchanges
 * the code for tokens, and reads monthly totals (kWh) within the grant.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import * as client from 'openid-client';

const { values: args } = parseArgs({
  options: {
    server: { type: 'string' },
    'client-id': { type: 'string' },
    'redirect-port': { type: 'string', default: '8765' },
    from: { type: 'string' },
    to: { type: 'string' },
    days: { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
  },
});
const server = args.server;
const clientId = args['client-id'];
if (!server || !clientId) throw new Error('--server and --client-id are required');
const redirectUri = `http://127.0.0.1:${args['redirect-port']}/callback`;

const config = await client.discovery(new URL(`${server}/oauth`), clientId, undefined, client.None(), {
  ...(server.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {}),
});
const verifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const authorizationUrl = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri,
  scope: 'read:energy.reading:month',
  purpose: 'ServiceProvision',
  duration: args.days ?? '30',
  code_challenge: await client.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  state,
});

// The person's browser comes back here with a code (or an error).
const callback = await new Promise<URL>((resolve, reject) => {
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', redirectUri);
    if (url.pathname !== '/callback') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Thank you: you can close this tab and go back to the app.\n');
    http.close();
    resolve(url);
  });
  http.on('error', reject);
  http.listen(Number(args['redirect-port']), '127.0.0.1', () => console.log(`Open this URL in your browser to allow access: ${authorizationUrl.href}`));
});

const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
const query = new URLSearchParams({ type: 'energy.reading', granularity: 'month', ...(args.from ? { from: args.from } : {}), ...(args.to ? { to: args.to } : {}) });
const res = await fetch(`${server}/api/app/data/read?${query}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
const body = (await res.json()) as { series?: { periods: { period: string; sum: number }[] }[]; error?: { code: string; message: string } };
if (!res.ok || !body.series) throw new Error(`data/read answered ${res.status}: ${JSON.stringify(body)}`);
const months = (body.series[0]?.periods ?? []).map((p) => ({ month: p.period, kWh: p.sum / 1000 }));
if (args.json) console.log(JSON.stringify({ months }));
else {
  console.log('Your electricity, month by month:');
  for (const m of months) console.log(`  ${m.month}  ${m.kWh.toFixed(3).padStart(10)} kWh`);
}
