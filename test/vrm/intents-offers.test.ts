import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/operations/operation.ts';
import { intentsClose, intentsList, intentsPreview, intentsPublish, offersAccept, offersList, vendorsList, vendorsSet } from '../../src/vrm/vrm-operations.ts';
import { intentsOpen, intentsTermsAccept, offersPost, offersStatus } from '../../src/vrm/vendor-operations.ts';
import { PERSON } from '../../src/vault/demo/demo-persona.ts';
import { openDemoVault } from '../support/demo-vault.ts';
import { OWNER, vrmHarness, type VrmHarness } from './vrm-harness.ts';
import { BILLED, READINGS, electricity, electricityBills, eur } from './independent-figures.ts';
import { leaks, personSecrets } from './vrm-secrets.ts';

/**
 * The whole journey on the ten-year demo person (data until 2026-10-31): an electricity
 * intent is published, two vendors offer, the comparison equals an independent computation
 * over her readings and bills, she accepts one, and only that vendor can read her identity.
 */
describe('intents and offers on the demo person', () => {
  let demo: Awaited<ReturnType<typeof openDemoVault>>;
  let h: VrmHarness;
  let volt: Principal, watt: Principal, mobile: Principal, bank: Principal;
  let secrets: string[];
  /** Every response any vendor received before the person accepted an offer. */
  const vendorSaw: unknown[] = [];
  const asVendor = async <T,>(p: Promise<T>): Promise<T> => {
    const out = await p;
    vendorSaw.push(out);
    return out;
  };
  let intent = '';
  let voltOffer = '';
  let wattOffer = '';

  beforeAll(async () => {
    demo = await openDemoVault({ copy: true });
    h = await vrmHarness(demo.vault);
    volt = await h.organisation('Volt Énergie');
    watt = await h.organisation('Watt Direct');
    mobile = await h.organisation('Mobile Malin');
    bank = await h.organisation('Banque Exemple', ['restitution']);
    for (const [p, categories] of [[volt, ['energy-supply']], [watt, ['energy-supply', 'gas-supply']], [mobile, ['mobile-plan']]] as const)
      await h.run(vendorsSet, OWNER, { client: (p as { clientId: string }).clientId, categories });
    secrets = await personSecrets(demo.vault);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await demo?.cleanup();
  });

  it('lists the vendors and the categories the person gave them', async () => {
    const { vendors } = await h.run(vendorsList, OWNER, {});
    expect(vendors.map((v) => [v.name, v.categories])).toEqual([
      ['Volt Énergie', ['energy-supply']],
      ['Watt Direct', ['energy-supply', 'gas-supply']],
      ['Mobile Malin', ['mobile-plan']],
    ]);
    await expect(h.run(vendorsSet, OWNER, { client: (bank as { clientId: string }).clientId, categories: ['energy-supply'] })).rejects.toMatchObject({ code: 'VENDOR_NOT_ALLOWED' });
  });

  it('previews the profile: her real yearly kWh (to 100 kWh), off-peak share and contracted power', async () => {
    const { wh, offWh } = await electricity(demo.vault, READINGS);
    const p = await h.run(intentsPreview, OWNER, { category: 'energy-supply' });
    const value = (name: string) => p.profile.find((v) => v.name === name)?.value;
    expect(value('energy.yearly-kwh')).toBe(Math.round(wh / 1000 / 100) * 100);
    expect(value('energy.off-peak-share')).toBe(Math.round((100 * offWh) / wh));
    expect(value('energy.contracted-power-kva')).toBe(9);
    expect(value('energy.tariff-option')).toBe('Base');
    expect(wh / 1000).toBeGreaterThan(1000);
  });

  it('refuses to publish words that identify her', async () => {
    // Her number as her organisations store it, written the French way.
    expect(PERSON.phone).toBe('+33612345678');
    await expect(h.run(intentsPublish, OWNER, { category: 'energy-supply', text: 'Reach me on 06 12 34 56 78, evenings' })).rejects.toMatchObject({ code: 'INTENT_INVALID' });
    await expect(h.run(intentsPublish, OWNER, { category: 'energy-supply', title: `Offer for ${PERSON.fullName}` })).rejects.toMatchObject({ code: 'INTENT_INVALID' });
    await expect(h.run(intentsPublish, OWNER, { category: 'energy-supply', disclose: ['telecom.monthly-sms'] })).rejects.toMatchObject({ code: 'INTENT_INVALID' });
    expect((await h.run(intentsList, OWNER, {})).intents).toHaveLength(0);
  });

  it('publishes an intent that vendors of the category see under a pseudonym, with its profile', async () => {
    const published = await h.run(intentsPublish, OWNER, { category: 'energy-supply', text: 'A cheaper electricity offer, green if possible', need: ['green=true', 'maxMonthlyEur=90'] });
    intent = published.pseudonym;
    expect(intent).toMatch(/^intent-[0-9a-f]{32}$/);
    expect(published.requirements.fields).toEqual({ green: true, maxMonthlyEur: 90 });

    const seen = await asVendor(h.run(intentsOpen, volt, {}));
    expect(seen.intents.map((i) => i.intent)).toEqual([intent]);
    expect(seen.intents[0]!.profile.map((p) => p.name)).toEqual(['energy.yearly-kwh', 'energy.off-peak-share', 'energy.contracted-power-kva', 'energy.tariff-option']);
    expect(seen.intents[0]!.termsAccepted).toBe(false);
    expect((await asVendor(h.run(intentsOpen, mobile, {}))).intents).toEqual([]);
    await expect(h.run(intentsOpen, bank, {})).rejects.toMatchObject({ code: 'VENDOR_NOT_ALLOWED' });
    await expect(h.run(intentsOpen, OWNER, {})).rejects.toMatchObject({ code: 'CONSENT_DENIED' });
  });

  it('lets a vendor offer only after accepting every term, in the price structure of the category', async () => {
    const base = { intent, title: 'Volt Vert Base', price: { kind: 'energy', subscriptionPerMonth: eur(1450), pricePerKWh: eur(1790, 4) }, conditions: '100 % renewable, no commitment', validUntil: '2027-06-30T00:00:00Z' };
    await expect(h.run(offersPost, volt, base)).rejects.toMatchObject({ code: 'TERMS_NOT_ACCEPTED' });
    await expect(h.run(intentsTermsAccept, volt, { intent, terms: ['no-resale'] })).rejects.toMatchObject({ code: 'TERMS_NOT_ACCEPTED' });
    const accepted = await asVendor(h.run(intentsTermsAccept, volt, { intent, terms: ['no-resale', 'no-tracking', 'delete-if-no-deal', 'offer-only'] }));
    expect(accepted.termsAccepted).toBe(true);
    voltOffer = (await asVendor(h.run(offersPost, volt, base))).id;

    await asVendor(h.run(intentsTermsAccept, watt, { intent, terms: 'no-resale,no-tracking,delete-if-no-deal,offer-only' }));
    await expect(h.run(offersPost, watt, { ...base, price: { kind: 'flat', perMonth: eur(5000) } })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    const hphc = { kind: 'energy', subscriptionPerMonth: eur(1690), pricePerKWh: eur(2050, 4), offPeak: { pricePerKWh: eur(1550, 4), window: { from: '22:00', to: '06:00' } } };
    wattOffer = (await asVendor(h.run(offersPost, watt, { ...base, title: 'Watt Heures Creuses', price: hphc }))).id;
    await expect(h.run(offersPost, mobile, { ...base, title: 'Not my category' })).rejects.toMatchObject({ code: 'INTENT_NOT_FOUND' });
  });

  it('shows each offer’s cost over her last twelve months equal to an independent computation, next to what she paid', async () => {
    const { wh, offWh } = await electricity(demo.vault, BILLED);
    const bills = await electricityBills(demo.vault);
    const { offers } = await h.run(offersList, OWNER, { intent });
    const byId = new Map(offers.map((o) => [o.id, o.comparison]));
    const volt = byId.get(voltOffer)!;
    const watt = byId.get(wattOffer)!;
    expect(volt.simulated).toEqual(eur(Math.round(12 * 1450 + (wh / 1000) * 17.9)));
    expect(watt.simulated).toEqual(eur(Math.round(12 * 1690 + ((wh - offWh) / 1000) * 20.5 + (offWh / 1000) * 15.5)));
    expect(bills.count).toBe(12);
    expect(volt.actual).toEqual(eur(bills.total));
    expect(volt.difference).toEqual(eur(volt.simulated!.amountMinor - bills.total));
    expect(volt.period).toEqual(BILLED);
    expect(volt.usage['kWh']).toBeCloseTo(wh / 1000, 3);
    expect(watt.usage['offPeakKWh']).toBeCloseTo(offWh / 1000, 3);
    // Cheapest first.
    expect(offers[0]!.comparison.simulated!.amountMinor).toBeLessThanOrEqual(offers[1]!.comparison.simulated!.amountMinor);
  });

  it('gave vendors nothing about her before she accepted', async () => {
    vendorSaw.push(await h.run(offersStatus, volt, {}), await h.run(offersStatus, watt, { intent }));
    expect(secrets.length).toBeGreaterThan(10);
    expect(secrets).toContain(PERSON.email);
    expect(vendorSaw.length).toBeGreaterThanOrEqual(8);
    for (const body of vendorSaw) expect(leaks(body, secrets)).toEqual([]);
  });

  it('on acceptance reveals the identity she chose to the accepted vendor only, declines the other and closes the intent', async () => {
    const done = await h.run(offersAccept, OWNER, { offer: voltOffer, reveal: ['full_name', 'email', 'postal_address'] });
    expect(done.intent.status).toBe('accepted');
    expect(done.grant.grantee.clientId).toBe((volt as { clientId: string }).clientId);
    expect(done.receipt.jws.split('.')).toHaveLength(3);
    const revealed = Object.fromEntries(done.revealed.map((r) => [r.attribute, r.value]));
    // The values most of her organisations agree on: not the insurer's typo, not the gas supplier's old address.
    expect(revealed['email']).toBe(PERSON.email);
    expect(revealed['full_name']).toBe(PERSON.fullName);
    expect(Object.keys(revealed).sort()).toEqual(['email', 'full_name', 'postal_address']);

    const [voltStatus] = (await h.run(offersStatus, volt, { intent })).offers;
    expect(voltStatus!.status).toBe('accepted');
    expect(voltStatus!.identity!.map((a) => a['value'])).toEqual(expect.arrayContaining([PERSON.email, PERSON.fullName, revealed['postal_address']]));
    expect(voltStatus!.identity).toHaveLength(3);
    // The same detector that found nothing before acceptance finds her now, in the accepted vendor's answer.
    expect(leaks(voltStatus, secrets)).toEqual(expect.arrayContaining([PERSON.email, PERSON.fullName]));

    const [wattStatus] = (await h.run(offersStatus, watt, { intent })).offers;
    expect(wattStatus!.status).toBe('declined');
    expect(wattStatus!.identity).toBeUndefined();
    expect(leaks(wattStatus, secrets)).toEqual([]);
    const consent = h.services.consent!;
    await expect(consent.read(watt, { types: ['identity.attribute'] })).rejects.toMatchObject({ code: 'CONSENT_DENIED' });
    // The accepted vendor's grant opens the revealed attributes only, not what her other organisations hold.
    const read = await consent.read(volt, { types: ['identity.attribute'] });
    expect(read.kind === 'records' && read.records.map((r) => r.data['attribute']).sort()).toEqual(['email', 'full_name', 'postal_address']);
    await expect(consent.read(volt, { types: ['bank.transaction'] })).rejects.toMatchObject({ code: 'CONSENT_DENIED' });

    expect((await h.run(intentsOpen, volt, {})).intents).toEqual([]);
    await expect(h.run(intentsClose, OWNER, { intent })).rejects.toMatchObject({ code: 'INTENT_CLOSED' });
    await expect(h.run(offersAccept, OWNER, { offer: wattOffer })).rejects.toMatchObject({ code: 'INTENT_CLOSED' });
    const log = await consent.audit({ grantee: (volt as { clientId: string }).clientId });
    expect(log.map((e) => e.operation)).toEqual(expect.arrayContaining(['intents.open', 'offers.status']));
  });
});
