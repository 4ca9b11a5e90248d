/**
 * An example organisation answering its customer's GDPR requests through the MesInfos API,
 * then giving the corrected data back: the other half of the rectification loop.
 *
 *   node --import tsx examples/organisation-rights.ts --server http://127.0.0.1:4810 \
 *     --client-id gaz-reseau --client-secret=SECRET --customer GR-558102 [--code ABCD-EFGH] [--json]
 *
 * Run it as the organisation's nightly job would. It lists the requests of the customer that
 * await an answer, acknowledges the new ones, and answers each: a rectification is applied
 * to the organisation's customer file and answered "done", then the corrected values are
 * restituted to the vault — which is how MesInfos sees that the fix is real and closes the
 * request as verified; access and portability are answered by the restitution itself;
 * erasure, restriction and objection are refused with the organisation's reason (a real
 * organisation would route them to its data-protection officer).
 */
import { parseArgs } from 'node:util';
import { clientSecret, connectOrganisation, ORGANISATION_OPTIONS, required } from './organisation-client.ts';

const { values: args } = parseArgs({
  options: {
    ...ORGANISATION_OPTIONS,
    customer: { type: 'string' },
    code: { type: 'string' },
  },
});
const need = (name: keyof typeof args): string => required(args, name);
const customer = need('customer');
const org = await connectOrganisation({ server: need('server'), clientId: need('client-id'), clientSecret: clientSecret(args) });

/** A request as the organisation sees it (GET /api/org/rights/pending). */
interface PendingRequest {
  id: string;
  kind: 'access' | 'rectification' | 'erasure' | 'restriction' | 'portability' | 'objection';
  status: 'sent' | 'acknowledged' | 'overdue';
  dueOn?: string;
  items: { what: string; currentValue?: string; requestedValue?: string }[];
}

// The first time: claim the pairing code the person gave, with our customer reference.
if (args.code) await org.post('links/claim', { code: args.code, customerRef: customer });

const { requests } = await org.get<{ requests: PendingRequest[] }>('rights/pending', { customerRef: customer });
const today = new Date().toISOString().slice(0, 10);
/** The customer file, as far as this example keeps one: the identity values corrected tonight. */
const corrected = new Map<string, string>();
const answered: { id: string; kind: string; outcome: 'done' | 'refused'; dueOn: string | null }[] = [];

for (const r of requests) {
  if (r.status === 'sent') await org.post('rights/acknowledge', { id: r.id, customerRef: customer });
  let outcome: 'done' | 'refused' = 'done';
  let reason: string | undefined;
  if (r.kind === 'rectification') {
    const changes = r.items.filter((i) => i.requestedValue);
    for (const i of changes) corrected.set(i.what, i.requestedValue!);
    if (changes.length === 0) {
      outcome = 'refused';
      reason = 'The request does not say which value to write instead.';
    }
  } else if (r.kind === 'erasure' || r.kind === 'restriction' || r.kind === 'objection') {
    outcome = 'refused';
    reason = 'Billing records are kept ten years (French commercial code, art. L123-22); our data-protection officer will write to you about the rest.';
  }
  await org.post('rights/answer', { id: r.id, customerRef: customer, outcome, ...(reason ? { reason } : {}) });
  answered.push({ id: r.id, kind: r.kind, outcome, dueOn: r.dueOn ?? null });
}

// The next restitution carries the corrected values: one identity fact per attribute.
let inserted = 0;
if (corrected.size > 0) {
  const records = [...corrected].map(([attribute, value]) => ({
    type: 'identity.attribute',
    sourceRef: `${customer}-${attribute}`,
    occurredAt: new Date().toISOString(),
    data: { attribute, value, asOf: today },
  }));
  const summary = await org.post<{ counts: { inserted: number } }>('records/push', { customerRef: customer, records });
  inserted = summary.counts.inserted;
}

if (args.json) console.log(JSON.stringify({ pending: requests.length, answered, restituted: Object.fromEntries(corrected), inserted }));
else {
  console.log(`${requests.length} request(s) of customer ${customer} awaited an answer.`);
  for (const a of answered) console.log(`  ${a.id}  ${a.kind.padEnd(13)} answered ${a.outcome}${a.dueOn ? ` (due ${a.dueOn})` : ''}`);
  if (corrected.size > 0) console.log(`Restituted the corrected ${[...corrected.keys()].join(', ')} (${inserted} new record(s)).`);
}
