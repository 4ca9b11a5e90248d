/**
 * An example organisation: a bank that gives a customer's data back to their MesInfos vault.
 *
 *   node --import tsx examples/organisation-push.ts --server http://127.0.0.1:4810 \
 *     --client-id banque-exemple --client-secret=SECRET --customer C-0042 [--code ABCD-EFGH] [--month 2025-03]
 *
 * It gets a token with OAuth 2 client credentials (openid-client), claims the pairing code
 * the person gave it (first time only), and pushes a month of the customer's bank
 * transactions — all or nothing; pushing the same month again adds nothing.
 */
import { parseArgs } from 'node:util';
import { clientSecret, connectOrganisation, ORGANISATION_OPTIONS, required } from './organisation-client.ts';

const { values: args } = parseArgs({
  options: {
    ...ORGANISATION_OPTIONS,
    customer: { type: 'string' },
    code: { type: 'string' },
    month: { type: 'string', default: '2025-03' },
  },
});
const need = (name: keyof typeof args): string => required(args, name);
const server = need('server');
const customer = need('customer');
const month = need('month');
if (!/^\d{4}-\d{2}$/.test(month)) throw new Error('--month is YYYY-MM');

// 1. A token, with the organisation's client id and secret.
const org = await connectOrganisation({ server, clientId: need('client-id'), clientSecret: clientSecret(args) });
const api = (path: string, body: unknown) => org.post(path, body);

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
