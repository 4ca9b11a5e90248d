/**
 * An example vendor: an electricity supplier answering the intents people publish in
 * MesInfos (vendor relationship management), then learning who accepted its offer.
 *
 *   node --import tsx examples/vendor-offers.ts --server http://127.0.0.1:4810 \
 *     --client-id volt-energie --client-secret=SECRET \
 *     --title 'Volt Vert Base' --subscription 14.50 --kwh 0.1790 \
 *     [--off-peak-kwh 0.1550 --off-peak 22:00-06:00] [--commitment 12] [--valid-days 60] [--json]
 *   node --import tsx examples/vendor-offers.ts … --status      # where its offers stand
 *
 * The vendor sees each open intent of its categories under a pseudonym with the profile the
 * person chose to disclose (e.g. 4,200 kWh a year), accepts the person's terms, and posts its
 * offer with its own estimate of a year's bill from that profile. Only when the person accepts
 * an offer does `--status` show who they are — to the accepted vendor alone.
 */
import { parseArgs } from 'node:util';
import { clientSecret, connectOrganisation, ORGANISATION_OPTIONS, required } from './organisation-client.ts';

const { values: args } = parseArgs({
  options: {
    ...ORGANISATION_OPTIONS,
    title: { type: 'string' },
    subscription: { type: 'string' },
    kwh: { type: 'string' },
    'off-peak-kwh': { type: 'string' },
    'off-peak': { type: 'string', default: '22:00-06:00' },
    commitment: { type: 'string', default: '0' },
    'valid-days': { type: 'string', default: '60' },
    conditions: { type: 'string', default: '' },
    status: { type: 'boolean', default: false },
  },
});
const need = (name: keyof typeof args): string => required(args, name);
const org = await connectOrganisation({ server: need('server'), clientId: need('client-id'), clientSecret: clientSecret(args) });

interface Money {
  amountMinor: number;
  currency: string;
  scale?: number;
}
interface OpenIntent {
  intent: string;
  category: string;
  title: string;
  profile: { name: string; value: unknown; unit?: string }[];
  terms: { term: string; text: string }[];
  termsAccepted: boolean;
}
interface MyOffer {
  id: string;
  intent: string;
  title: string;
  status: string;
  grantId?: string;
  identity?: { attribute?: string; value?: string }[];
}

/** "14.50" → 1450 cents; "0.1790" → 1790 at scale 4: money stays exact, as the API wants it. */
function euros(text: string, option: string): Money {
  const m = /^(\d+)(?:\.(\d{1,8}))?$/.exec(text);
  if (!m) throw new Error(`--${option}: expected an amount in euros like 14.50 or 0.1790, got "${text}"`);
  const frac = m[2] ?? '';
  const scale = Math.max(2, frac.length);
  const amountMinor = Number(m[1]! + frac.padEnd(scale, '0'));
  return scale === 2 ? { amountMinor, currency: 'EUR' } : { amountMinor, currency: 'EUR', scale };
}
const asEuros = (m: Money, units: number): number => (m.amountMinor / 10 ** (m.scale ?? 2)) * units;

if (args.status) {
  const { offers } = await org.get<{ offers: MyOffer[] }>('offers/status');
  if (args.json) console.log(JSON.stringify({ offers }));
  else
    for (const o of offers) {
      const who = o.identity?.map((a) => `${a.attribute}: ${a.value}`).join(', ');
      console.log(`${o.id}  ${o.title}  ${o.status}${who ? `  — new customer: ${who}` : ''}`);
    }
} else {
  const price = {
    kind: 'energy',
    subscriptionPerMonth: euros(need('subscription'), 'subscription'),
    pricePerKWh: euros(need('kwh'), 'kwh'),
    ...(args['off-peak-kwh'] ? { offPeak: { pricePerKWh: euros(args['off-peak-kwh'], 'off-peak-kwh'), window: offPeakWindow(args['off-peak'] ?? '') } } : {}),
  };
  const { intents } = await org.get<{ intents: OpenIntent[] }>('intents/open');
  const { offers: mine } = await org.get<{ offers: MyOffer[] }>('offers/status');
  const answered = new Set(mine.map((o) => o.intent));
  const posted: { intent: string; offer: string; yearlyKWh: number | null; estimateEUR: number | null }[] = [];
  for (const intent of intents.filter((i) => i.category === 'energy-supply' && !answered.has(i.intent))) {
    // The person's terms (no resale, no tracking…) are accepted as listed, or no offer can be made.
    if (!intent.termsAccepted) await org.post('intents/terms/accept', { intent: intent.intent, terms: intent.terms.map((t) => t.term) });
    const offer = await org.post<{ id: string }>('offers/post', {
      intent: intent.intent,
      title: need('title'),
      price,
      conditions: args.conditions,
      commitmentMonths: Number(args.commitment),
      validUntil: new Date(Date.now() + Number(args['valid-days']) * 86_400_000).toISOString(),
    });
    // The vendor's own rough estimate from the disclosed profile: the vault's comparison is the exact one.
    const kwh = intent.profile.find((p) => p.name === 'energy.yearly-kwh')?.value;
    const yearlyKWh = typeof kwh === 'number' ? kwh : null;
    const estimateEUR = yearlyKWh === null ? null : Math.round(asEuros(price.subscriptionPerMonth, 12) + asEuros(price.pricePerKWh, yearlyKWh));
    posted.push({ intent: intent.intent, offer: offer.id, yearlyKWh, estimateEUR });
  }
  if (args.json) console.log(JSON.stringify({ open: intents.length, posted }));
  else {
    console.log(`${intents.length} open intent(s); ${posted.length} new offer(s) posted.`);
    for (const p of posted) console.log(`  ${p.intent}: offer ${p.offer}${p.yearlyKWh === null ? '' : ` — ${p.yearlyKWh} kWh a year, about ${p.estimateEUR} € a year`}`);
  }
}

/** "22:00-06:00" → { from: '22:00', to: '06:00' }. */
function offPeakWindow(text: string): { from: string; to: string } {
  const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(text);
  if (!m) throw new Error(`--off-peak: expected hours like 22:00-06:00, got "${text}"`);
  return { from: m[1]!, to: m[2]! };
}
