/**
 * An example organisation: a bank that gives a customer's data back to their MesInfos vault.
 *
 *   node --import tsx examples/organisation-push.ts --server http://127.0.0.1:4810 \
 *     --client-id banque-exemple --client-secret SECRET --customer C-0042 [--code ABCD-EFGH] [--month 2025-03]
 *
 * It gets a token with OAuth 2 client credentials (openid-client), claims the pairing code
 * the person gave it (first time only), and pushes a month of the customer's bank
 * transactions — all or nothing; pushing the same month again adds nothing.
 */
import { parseArgs } from 'node:util';
import * as client from 'openid-client';

const { values: args } = parseArgs({
  options: {
    server: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    customer: { type: 'string' },
    code: { type: 'string' },
    month: { type: 'string', default: '2025-03' },
    json: { type: 'boolean', default: false },
  },
});
const need = (name: keyof typeof args): string => {
  const v = args[name];
  if (typeof v !== 'string' || !v) throw new Error(`--${name} is required`);
  return v;
};
const server = need('server');
const customer = need('customer');
const month = need('month');
if (!/^\d{4}-\d{2}$/.test(month)) throw new Error('--month is YYYY-MM');

// 1. A token, with the organisation's client id and secret (client_secret_basic).
const config = await client.discovery(new URL(`${server}/oauth`), need('client-id'), undefined, client.ClientSecretBasic(need('client-secret')), {
  ...(server.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {}),
});
const { access_token: token } = await client.clientCredentialsGrant(config);

async function api(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${server}/api/org/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

// 2. The first time: claim the person's pairing code with our customer reference.
if (args.code) await api('links/claim', { code: args.code, customerRef: customer });

// 3. A month of the customer's transactions, as the bank's core system would export them.
const [year, mon] = month.split('-').map(Number) as [number, number];
const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
const merchants = ['CB CARREFOUR MARKET', 'CB BOULANGERIE DU PORT', 'PRLV SEPA EDF', 'CB SNCF INTERNET', 'PRLV SEPA FREE MOBILE', 'CB PHARMACIE CENTRALE'];
const records = [];
for (let d = 1; d <= days; d++) {
  const day = `${month}-${String(d).padStart(2, '0')}`;
  const amountMinor = d === 1 ? 215_000 : -(((d * 7919) % 9000) + 350);
  records.push({
    type: 'bank.transaction',
    sourceRef: `${customer}-${day}`,
    occurredAt: `${day}T10:00:00.000Z`,
    data: {
      accountRef: 'FR7630006000011234567890189',
      amount: { amountMinor, currency: 'EUR' },
      bookingDate: day,
      label: d === 1 ? 'VIR SALAIRE ACME' : merchants[d % merchants.length],
    },
  });
}
const summary = (await api('records/push', { customerRef: customer, records })) as { counts: { received: number; inserted: number; unchanged: number } };
const totalMinor = records.reduce((s, r) => s + r.data.amount.amountMinor, 0);
if (args.json) console.log(JSON.stringify({ month, pushed: records.length, totalMinor, counts: summary.counts }));
else console.log(`Pushed ${records.length} transactions of ${month} for ${customer} (net ${(totalMinor / 100).toFixed(2)} EUR): ${summary.counts.inserted} new, ${summary.counts.unchanged} already there.`);
