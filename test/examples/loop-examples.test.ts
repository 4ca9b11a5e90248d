import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON } from '../../src/vault/demo/demo-persona.ts';
import { Vault } from '../../src/vault/vault.ts';
import { openDemoVault } from '../support/demo-vault.ts';
import { startPlatform, type Platform } from '../support/org-platform.ts';
import { runExample } from '../support/run-example.ts';
import { TEST_PASSPHRASE } from '../support/temp-vault.ts';
import { BILLED, electricity, electricityBills, eur } from '../vrm/independent-figures.ts';
import { leaks, personSecrets } from '../vrm/vrm-secrets.ts';

/**
 * The example organisations of examples/ run as their owners would run them (node --import
 * tsx examples/…), against a real server on a copy of the ten-year demo person: the three
 * organisations with a planted wrong value answer the person's rectification requests and
 * restitute the fix, which closes each request as verified; two example vendors answer an
 * intent, and only the one the person accepts learns who she is.
 */

let p: Platform;
let demoPath: string;
let cleanup: () => Promise<void>;
let secrets: string[];
let figures: { wh: number; offWh: number; bills: { total: number; count: number } };

interface Registered {
  clientId: string;
  clientSecret: string;
  source: string;
}
interface PersonView {
  id: string;
  kind: string;
  status: string;
  channel: string;
  organisation: { source: string };
  items: { what: string; currentValue?: string; requestedValue?: string }[];
  answer?: { outcome: string; reason?: string };
  history: { action: string; by: string; to: string }[];
}

async function register(name: string, o: { sector: string; declaredTypes: string[]; roles?: string[] }): Promise<Registered> {
  const reg = await p.me<{ client: { clientId: string; source: string }; clientSecret: string }>('clients.register', {
    kind: 'organisation',
    name,
    dataProtectionContact: `dpo@${name.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase()}.example`,
    ...o,
  });
  return { clientId: reg.client.clientId, clientSecret: reg.clientSecret, source: reg.client.source };
}

/** Runs an example as the organisation `org`, expecting it to succeed; returns what it printed with --json. */
async function run<T>(script: string, org: Registered, args: string[]): Promise<T> {
  // The secret in the environment, as the examples advise: it may start with "-", and stays out of the process list.
  const r = await runExample(script, ['--server', p.url, '--client-id', org.clientId, ...args, '--json'], undefined, { MESINFOS_CLIENT_SECRET: org.clientSecret });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}

beforeAll(async () => {
  const demo = await openDemoVault({ copy: true });
  await demo.vault.changePassphrase(TEST_PASSPHRASE);
  await demo.vault.close();
  demoPath = demo.path;
  cleanup = demo.cleanup;
  p = await startPlatform({ deps: { vaultPath: demo.path } });
  // What would name her, and the figures to check offers against, read from the file by other means.
  const vault = await Vault.open({ path: demoPath, passphrase: TEST_PASSPHRASE });
  try {
    secrets = await personSecrets(vault);
    figures = { ...(await electricity(vault, BILLED)), bills: await electricityBills(vault) };
  } finally {
    await vault.close();
  }
}, 120_000);

afterAll(async () => {
  await p?.close();
  await cleanup?.();
});

describe('the rectification loop played by examples/organisation-rights.ts', { timeout: 120_000 }, () => {
  const orgs: (Registered & { customer: string })[] = [];

  it('three organisations claim their pairing codes; nothing awaits them yet', async () => {
    for (const [name, sector, customer] of [
      ['Gaz Réseau', 'energy', 'GR-558102'],
      ['Mutuelle Santé', 'health', 'MSP0451278'],
      ['Assurance Horizon', 'insurance', 'AH-20931'],
    ] as const) {
      const org = { ...(await register(name, { sector, declaredTypes: ['identity.attribute'] })), customer };
      const { code } = await p.me<{ code: string }>('links.create', { clientId: org.clientId });
      expect(await run('organisation-rights.ts', org, ['--customer', customer, '--code', code])).toEqual({ pending: 0, answered: [], restituted: {}, inserted: 0 });
      orgs.push(org);
    }
    expect(orgs.map((o) => o.source)).toEqual(['org:gaz-reseau', 'org:mutuelle-sante', 'org:assurance-horizon']);
  });

  it('the planted wrong values become one request each, sent through the API; the organisations answer and restitute the fix; each request closes as verified', async () => {
    const { created } = await p.me<{ created: PersonView[] }>('rights.fromQuality', { send: true });
    expect(created.map((r) => `${r.organisation.source} ${r.kind} ${r.channel} ${r.status}`).sort()).toEqual([
      'org:assurance-horizon rectification api sent',
      'org:gaz-reseau rectification api sent',
      'org:mutuelle-sante rectification api sent',
    ]);
    // The person also asks the gas supplier to erase her data: the example refuses, with its reason.
    const erasure = await p.me<PersonView>('rights.create', { kind: 'erasure', organisation: 'org:gaz-reseau' });
    await p.me('rights.send', { id: erasure.id });

    for (const org of orgs) {
      const mine = created.filter((r) => r.organisation.source === org.source);
      const out = await run<{ pending: number; answered: { id: string; kind: string; outcome: string }[]; restituted: Record<string, string>; inserted: number }>('organisation-rights.ts', org, ['--customer', org.customer]);
      const expected = [...mine.map((r) => ({ id: r.id, kind: 'rectification', outcome: 'done' })), ...(org.source === 'org:gaz-reseau' ? [{ id: erasure.id, kind: 'erasure', outcome: 'refused' }] : [])];
      expect(out.answered.map(({ id, kind, outcome }) => ({ id, kind, outcome })).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual(expected.sort((a, b) => a.kind.localeCompare(b.kind)));
      // What it restituted is exactly what the person asked for.
      expect(out.restituted).toEqual(Object.fromEntries(mine.flatMap((r) => r.items.map((i) => [i.what, i.requestedValue]))));
      expect(out.inserted).toBe(mine.flatMap((r) => r.items).length);
    }

    for (const r of created) {
      const seen = await p.me<PersonView>('rights.show', { id: r.id });
      expect(seen.status).toBe('closed-verified');
      expect(seen.history.map((h) => `${h.by} ${h.action} ${h.to}`)).toEqual([
        'person create draft',
        'person send sent',
        `${r.organisation.source} acknowledge acknowledged`,
        `${r.organisation.source} answer answered`,
        'system verify closed-verified',
      ]);
    }
    const refused = await p.me<PersonView>('rights.show', { id: erasure.id });
    expect(refused).toMatchObject({ status: 'answered', answer: { outcome: 'refused', reason: expect.stringContaining('L123-22') } });
  });

  it('the organisations’ data is now right: the quality insight finds nothing, and nothing is left to ask or to answer', async () => {
    const quality = await p.me<{ findings: unknown[] }>('insights.quality', {});
    expect(quality.findings).toEqual([]);
    expect((await p.me<{ created: unknown[] }>('rights.fromQuality', {})).created).toEqual([]);
    const again = await run<{ pending: number; inserted: number }>('organisation-rights.ts', orgs[0]!, ['--customer', orgs[0]!.customer]);
    expect(again).toMatchObject({ pending: 0, inserted: 0 });
  });
});

describe('an intent answered by examples/vendor-offers.ts, twice', { timeout: 120_000 }, () => {
  it('two vendors post offers; the comparison equals an independent computation; only the accepted vendor learns who she is', async () => {
    const volt = await register('Volt Énergie', { sector: 'energy', declaredTypes: ['contract'], roles: ['vendor'] });
    const watt = await register('Watt Direct', { sector: 'energy', declaredTypes: ['contract'], roles: ['vendor'] });
    for (const v of [volt, watt]) await p.me('vendors.set', { client: v.clientId, categories: ['energy-supply'] });
    const { pseudonym: intent, profile } = await p.me<{ pseudonym: string; profile: { name: string; value: unknown }[] }>('intents.publish', { category: 'energy-supply', text: 'A cheaper electricity offer', need: ['green=true'] });
    const yearlyKWh = profile.find((v) => v.name === 'energy.yearly-kwh')?.value;
    expect(yearlyKWh).toEqual(expect.any(Number));

    type Posted = { open: number; posted: { intent: string; offer: string; yearlyKWh: number; estimateEUR: number }[] };
    const voltOut = await run<Posted>('vendor-offers.ts', volt, ['--title', 'Volt Vert Base', '--subscription', '14.50', '--kwh', '0.1790']);
    const wattOut = await run<Posted>('vendor-offers.ts', watt, ['--title', 'Watt Heures Creuses', '--subscription', '16.90', '--kwh', '0.2050', '--off-peak-kwh', '0.1550', '--off-peak', '22:00-06:00', '--commitment', '12']);
    // Each saw the disclosed yearly consumption under the pseudonym, and estimated from it.
    expect(voltOut).toMatchObject({ open: 1, posted: [{ intent, yearlyKWh, estimateEUR: Math.round(12 * 14.5 + (yearlyKWh as number) * 0.179) }] });
    expect(wattOut.posted.map((x) => x.intent)).toEqual([intent]);
    // Running it again posts nothing new.
    expect((await run<Posted>('vendor-offers.ts', volt, ['--title', 'Volt Vert Base', '--subscription', '14.50', '--kwh', '0.1790'])).posted).toEqual([]);

    const { offers } = await p.me<{ offers: { id: string; comparison: { simulated: unknown; actual: unknown; period: unknown } }[] }>('offers.list', { intent });
    const cmp = new Map(offers.map((o) => [o.id, o.comparison]));
    const { wh, offWh, bills } = figures;
    expect(bills.count).toBe(12);
    expect(cmp.get(voltOut.posted[0]!.offer)).toMatchObject({ period: BILLED, simulated: eur(Math.round(12 * 1450 + (wh / 1000) * 17.9)), actual: eur(bills.total) });
    expect(cmp.get(wattOut.posted[0]!.offer)!.simulated).toEqual(eur(Math.round(12 * 1690 + ((wh - offWh) / 1000) * 20.5 + (offWh / 1000) * 15.5)));

    type Status = { offers: { status: string; identity?: { value: string }[] }[] };
    const before = [await run<Status>('vendor-offers.ts', volt, ['--status']), await run<Status>('vendor-offers.ts', watt, ['--status'])];
    expect(before.map((s) => s.offers.map((o) => o.status))).toEqual([['pending'], ['pending']]);
    expect(secrets).toContain(PERSON.email);
    for (const out of [voltOut, wattOut, ...before]) expect(leaks(out, secrets)).toEqual([]);

    await p.me('offers.accept', { offer: voltOut.posted[0]!.offer, reveal: ['full_name', 'email'] });
    const voltAfter = await run<Status>('vendor-offers.ts', volt, ['--status']);
    expect(voltAfter.offers[0]!.status).toBe('accepted');
    expect(voltAfter.offers[0]!.identity!.map((a) => a.value).sort()).toEqual([PERSON.email, PERSON.fullName].sort());
    const wattAfter = await run<Status>('vendor-offers.ts', watt, ['--status']);
    expect(wattAfter.offers[0]!.status).toBe('declined');
    expect(leaks(wattAfter, secrets)).toEqual([]);
  });
});
