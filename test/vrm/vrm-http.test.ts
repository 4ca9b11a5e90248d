import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGenerate } from '../../src/operations/demo-operations.ts';
import { PERSON } from '../../src/vault/demo/demo-persona.ts';
import { Vault } from '../../src/vault/vault.ts';
import { callOperation, registerVendor, startPlatform, type Platform } from '../support/org-platform.ts';
import { TEST_PASSPHRASE } from '../support/temp-vault.ts';
import { BILLED, electricity, electricityBills, eur } from './independent-figures.ts';
import { leaks, personSecrets } from './vrm-secrets.ts';

/**
 * The journey over a real server on 127.0.0.1: the person (two years of the demo person)
 * publishes an intent under /api/me, two vendors answer under /api/org with their own
 * client-credentials tokens, and every byte a vendor receives is checked for anything
 * that names her, until she accepts one offer.
 */

interface Vendor {
  clientId: string;
  call(name: string, input?: Record<string, unknown>): Promise<Response>;
}

describe('intents and offers over HTTP', () => {
  let p: Platform;
  let volt: Vendor;
  let watt: Vendor;
  let secrets: string[];
  /** Every response (status, headers, body) a vendor received. */
  const received: { op: string; status: number; headers: string; body: string }[] = [];

  async function vendor(name: string): Promise<Vendor> {
    const reg = await registerVendor(p.url, p.me, name);
    return {
      clientId: reg.clientId,
      call: async (op, input = {}) => {
        const res = await callOperation(p.url, 'org', op, input, { authorization: `Bearer ${reg.token}` });
        const body = await res.text();
        received.push({ op, status: res.status, headers: JSON.stringify([...res.headers.entries()]), body });
        return new Response(body, { status: res.status, headers: res.headers });
      },
    };
  }

  beforeAll(async () => {
    p = await startPlatform({ seed: (vault) => demoGenerate.handler({ vault, principal: { kind: 'owner' }, services: {} }, { years: 2, seed: 7 }).then(() => undefined) });
    volt = await vendor('Volt Énergie');
    watt = await vendor('Watt Direct');
  }, 180_000);
  afterAll(async () => {
    await p?.close();
  });

  it('plays publish → two offers → comparison → accept, and reveals her identity to the accepted vendor only', async () => {
    const intent = (await p.me<{ pseudonym: string }>('intents.publish', { category: 'energy-supply', text: 'Cheaper electricity', need: ['green=true'] })).pseudonym;

    const open = (await (await volt.call('intents.open')).json()) as { intents: { intent: string; profile: { name: string; value: unknown }[] }[] };
    expect(open.intents.map((i) => i.intent)).toEqual([intent]);
    expect(open.intents[0]!.profile.find((v) => v.name === 'energy.yearly-kwh')?.value).toEqual(expect.any(Number));

    const terms = ['no-resale', 'no-tracking', 'delete-if-no-deal', 'offer-only'];
    const early = await volt.call('offers.post', { intent, title: 'Too early', price: { kind: 'energy', subscriptionPerMonth: eur(1000), pricePerKWh: eur(2000, 4) }, validUntil: '2027-12-31T00:00:00Z' });
    expect(early.status).toBe(403);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('TERMS_NOT_ACCEPTED');
    for (const v of [volt, watt]) expect((await v.call('intents.terms.accept', { intent, terms })).status).toBe(200);

    const base = { kind: 'energy', subscriptionPerMonth: eur(1450), pricePerKWh: eur(1790, 4) };
    const hphc = { kind: 'energy', subscriptionPerMonth: eur(1690), pricePerKWh: eur(2050, 4), offPeak: { pricePerKWh: eur(1550, 4), window: { from: '22:00', to: '06:00' } } };
    const voltOffer = ((await (await volt.call('offers.post', { intent, title: 'Volt Vert Base', price: base, validUntil: '2027-12-31T00:00:00Z' })).json()) as { id: string }).id;
    const wattOffer = ((await (await watt.call('offers.post', { intent, title: 'Watt Heures Creuses', price: hphc, conditions: '12 months', commitmentMonths: 12, validUntil: '2027-12-31T00:00:00Z' })).json()) as { id: string }).id;
    expect((await volt.call('offers.status')).status).toBe(200);
    expect((await watt.call('offers.status', { intent })).status).toBe(200);
    // A vendor cannot read anything of hers through the data API before acceptance.
    expect((await volt.call('data.read', { type: ['identity.attribute'] })).status).toBe(403);

    // The comparison, against figures computed from the vault file by other means.
    const vault = await Vault.open({ path: p.vaultPath, passphrase: TEST_PASSPHRASE });
    let figures: { wh: number; offWh: number; bills: { total: number; count: number } };
    try {
      secrets = await personSecrets(vault);
      figures = { ...(await electricity(vault, BILLED)), bills: await electricityBills(vault) };
    } finally {
      await vault.close();
    }
    const listed = await p.me<{ offers: { id: string; comparison: { simulated: unknown; actual: unknown; period: unknown } }[] }>('offers.list', { intent });
    const cmp = new Map(listed.offers.map((o) => [o.id, o.comparison]));
    const { wh, offWh, bills } = figures;
    expect(cmp.get(voltOffer)!.simulated).toEqual(eur(Math.round(12 * 1450 + (wh / 1000) * 17.9)));
    expect(cmp.get(wattOffer)!.simulated).toEqual(eur(Math.round(12 * 1690 + ((wh - offWh) / 1000) * 20.5 + (offWh / 1000) * 15.5)));
    expect(bills.count).toBe(12);
    expect(cmp.get(voltOffer)!.actual).toEqual(eur(bills.total));
    expect(cmp.get(voltOffer)!.period).toEqual(BILLED);

    // Nothing a vendor received so far names her: bodies and headers.
    expect(received.length).toBeGreaterThanOrEqual(9);
    expect(secrets).toContain(PERSON.email);
    for (const r of received) expect({ op: r.op, leaks: leaks(r.body + r.headers, secrets) }).toEqual({ op: r.op, leaks: [] });

    const accepted = await p.me<{ grant: { id: string }; revealed: { attribute: string; value: string }[] }>('offers.accept', { offer: voltOffer, reveal: ['full_name', 'email', 'phone'] });
    expect(accepted.revealed.map((r) => r.value).sort()).toEqual([PERSON.email, PERSON.fullName, PERSON.phone].sort());

    const voltStatus = (await (await volt.call('offers.status', { intent })).json()) as { offers: { status: string; grantId?: string; identity?: { value: string }[] }[] };
    expect(voltStatus.offers[0]!.status).toBe('accepted');
    expect(voltStatus.offers[0]!.grantId).toBe(accepted.grant.id);
    expect(voltStatus.offers[0]!.identity!.map((a) => a.value).sort()).toEqual([PERSON.email, PERSON.fullName, PERSON.phone].sort());
    const voltRead = (await (await volt.call('data.read', { type: ['identity.attribute'] })).json()) as { records: { data: { value: string } }[] };
    expect(voltRead.records.map((r) => r.data.value).sort()).toEqual([PERSON.email, PERSON.fullName, PERSON.phone].sort());

    const wattStatus = await watt.call('offers.status', { intent });
    const wattBody = await wattStatus.text();
    expect(JSON.parse(wattBody).offers[0].status).toBe('declined');
    expect(leaks(wattBody, secrets)).toEqual([]);
    const wattRead = await watt.call('data.read', { type: ['identity.attribute'] });
    expect(wattRead.status).toBe(403);
    expect(leaks(await wattRead.text(), secrets)).toEqual([]);
  });

  it('offers the vendor operations under /api/org only, and the person’s under /api/me only', async () => {
    const anonymous = await fetch(`${p.url}/api/org/intents/open`);
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${p.url}/api/me/intents/open`, { headers: { cookie: p.owner.cookie } })).status).toBe(404);
    expect((await volt.call('intents.list')).status).toBe(404);
    const doc = (await (await fetch(`${p.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/org/intents/open', '/api/org/intents/terms/accept', '/api/org/offers/post', '/api/org/offers/status', '/api/me/intents/publish', '/api/me/offers/list', '/api/me/offers/accept']),
    );
  });
});
