import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsentEngine, type ConsentEngine } from '../../src/consent/consent-engine.ts';
import { IntentDesk, type VrmDeps } from '../../src/vrm/intent-desk.ts';
import { SqliteVrmStore } from '../../src/vrm/sqlite-vrm-store.ts';
import { VendorDesk, type Vendor } from '../../src/vrm/vendor-desk.ts';
import type { SqliteRecordStore } from '../../src/store/sqlite/sqlite-record-store.ts';
import { runCli } from '../support/run-cli.ts';
import { asAsync, tempVault } from '../support/temp-vault.ts';
import { eur } from './independent-figures.ts';

/**
 * A small person written here: a mobile line with the same usage every month from May 2025
 * to mid-June 2026, the operator's bills, a contract, an address and an e-mail. Mobile
 * plans are compared on it, intents expire by the clock, and the CLI shows the preview.
 */

const LINE = '+33700000001';
const SOURCE = 'org:telco-test';
const MONTHS = ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

/** Each month: 3 data sessions of 4.5 GB (13.5 GB), two 30-minute calls out, one in, 7 texts out, 3 in; a 19.99 € bill. */
function sampleRecords() {
  const out: Record<string, unknown>[] = [
    { type: 'contract', source: SOURCE, sourceRef: 'CTR-1', occurredAt: '2024-01-10T10:00:00Z', data: { provider: 'Telco Test', kind: 'telecom', startDate: '2024-01-10', price: eur(1999), period: 'month', terms: { line: LINE } } },
    { type: 'identity.attribute', source: SOURCE, sourceRef: 'email', occurredAt: '2024-01-10T10:00:00Z', data: { attribute: 'email', value: 'alex.sample@courriel.example' } },
    { type: 'identity.attribute', source: SOURCE, sourceRef: 'full_name', occurredAt: '2024-01-10T10:00:00Z', data: { attribute: 'full_name', value: 'Alex Sample' } },
  ];
  for (const m of MONTHS) {
    const at = (day: number, hour: number) => `${m}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
    const usage = (ref: string, day: number, hour: number, data: Record<string, unknown>) => ({ type: 'telecom.usage', source: SOURCE, sourceRef: `${m}-${ref}`, occurredAt: at(day, hour), data: { line: LINE, start: at(day, hour), ...data } });
    if (m === '2026-06') {
      out.push(usage('d1', 10, 9, { kind: 'data', dataBytes: 4.5e9 }));
      continue;
    }
    for (const d of [3, 13, 23]) out.push(usage(`d${d}`, d, 9, { kind: 'data', dataBytes: 4.5e9 }));
    for (const d of [5, 15]) out.push(usage(`c${d}`, d, 17, { kind: 'call', direction: 'outgoing', durationS: 1800 }));
    out.push(usage('c20', 20, 17, { kind: 'call', direction: 'incoming', durationS: 600 }));
    for (let i = 1; i <= 7; i++) out.push(usage(`s${i}`, i, 12, { kind: 'sms', direction: 'outgoing', count: 1 }));
    for (let i = 1; i <= 3; i++) out.push(usage(`r${i}`, i + 10, 12, { kind: 'sms', direction: 'incoming', count: 1 }));
    out.push({ type: 'document', source: SOURCE, sourceRef: `bill-${m}`, occurredAt: `${m}-01T08:00:00Z`, data: { kind: 'bill', title: `Mobile ${m}`, issuer: 'Telco Test', issuedOn: `${m}-01`, periodStart: `${m}-01`, amount: eur(1999) } });
  }
  return out;
}

describe('mobile plans, flat offers and expiry on a small sample person', () => {
  let t: Awaited<ReturnType<typeof tempVault>>;
  let consent: ConsentEngine;
  let clock = Date.parse('2026-06-20T10:00:00Z');
  let deps: VrmDeps;
  const shop: Vendor = { clientId: 'mobile-malin', name: 'Mobile Malin', roles: ['vendor'] };

  beforeAll(async () => {
    t = await tempVault();
    await t.vault.importRecords({ records: () => asAsync(sampleRecords()), meta: { format: 'test', fileName: null, fileHash: null } });
    consent = await createConsentEngine(t.vault);
    const store = await SqliteVrmStore.open(t.vault.store as SqliteRecordStore);
    await store.setVendorCategories(shop.clientId, ['mobile-plan', 'home-insurance'], new Date(clock).toISOString());
    deps = { vault: t.vault, consent, store, timeZone: 'Europe/Paris', now: () => clock };
  });
  afterAll(async () => {
    await consent?.close();
    await t?.cleanup();
  });

  it('discloses her monthly mobile usage, averaged over the twelve whole months before her latest record', async () => {
    const { profile } = await new IntentDesk(deps).preview('mobile-plan');
    expect(Object.fromEntries(profile.map((p) => [p.name, p.value]))).toEqual({
      'telecom.monthly-data-gb': 13.5, // 3 × 4.5 GB (10⁹ bytes)
      'telecom.monthly-call-minutes': 60, // outgoing only
      'telecom.monthly-sms': 10, // 7 sent, rounded to 10
    });
  });

  it('costs a mobile plan on her real monthly usage, next to her bills', async () => {
    const desk = new IntentDesk(deps);
    const vendors = new VendorDesk(deps);
    const intent = await desk.publish({ category: 'mobile-plan', requirements: { text: 'More data for less' } });
    await vendors.acceptTerms(shop, intent.pseudonym, intent.terms);
    const offer = await vendors.post(shop, {
      intent: intent.pseudonym,
      title: 'Malin 10 Go',
      price: { kind: 'mobile', subscriptionPerMonth: eur(999), included: { dataGB: 10 }, beyond: { perGB: eur(200) } },
      conditions: '',
      commitmentMonths: 0,
      validUntil: '2026-12-31T00:00:00Z',
    });
    const [listed] = (await desk.offers(intent.pseudonym)).offers;
    expect(listed!.id).toBe(offer.id);
    // June 2026 is not over (her data stop on the 10th): June 2025 – May 2026, twelve months.
    expect(listed!.comparison.period).toEqual({ from: '2025-05-31T22:00:00.000Z', to: '2026-05-31T22:00:00.000Z' });
    // 12 × (9.99 € + 4 started GB beyond 10 GB × 2 €) against 12 bills of 19.99 €.
    expect(listed!.comparison.simulated).toEqual(eur(12 * (999 + 4 * 200)));
    expect(listed!.comparison.actual).toEqual(eur(12 * 1999));
    expect(listed!.comparison.difference).toEqual(eur(12 * (999 + 800) - 12 * 1999));
    expect(listed!.comparison.usage).toMatchObject({ callMinutes: 720, sms: 84, monthsOverAllowance: 12 });
  });

  it('shows twelve monthly payments for a category without usage data', async () => {
    const desk = new IntentDesk(deps);
    const intent = await desk.publish({ category: 'home-insurance', requirements: { fields: { rooms: 3 } } });
    expect(intent.profile).toEqual([]);
    await new VendorDesk(deps).acceptTerms(shop, intent.pseudonym, intent.terms);
    await new VendorDesk(deps).post(shop, { intent: intent.pseudonym, title: 'Habitat Essentiel', price: { kind: 'flat', perMonth: eur(1250) }, conditions: '', commitmentMonths: 12, validUntil: '2026-12-31T00:00:00Z' });
    const [o] = (await desk.offers(intent.pseudonym)).offers;
    expect(o!.comparison.simulated).toEqual(eur(15000));
    expect(o!.comparison.actual).toBeNull();
  });

  it('expires an intent by the clock: vendors no longer see it, offers are refused, it cannot be accepted', async () => {
    const desk = new IntentDesk(deps);
    const vendors = new VendorDesk(deps);
    const intent = await desk.publish({ category: 'mobile-plan', expiresAt: new Date(clock + 86_400_000).toISOString() });
    await vendors.acceptTerms(shop, intent.pseudonym, intent.terms);
    const offer = await vendors.post(shop, { intent: intent.pseudonym, title: 'Late', price: { kind: 'mobile', subscriptionPerMonth: eur(500), included: {}, beyond: {} }, conditions: '', commitmentMonths: 0, validUntil: '2026-12-31T00:00:00Z' });
    expect((await vendors.openIntents(shop)).map((i) => i.intent)).toContain(intent.pseudonym);
    clock += 2 * 86_400_000;
    expect((await vendors.openIntents(shop)).map((i) => i.intent)).not.toContain(intent.pseudonym);
    expect((await desk.get(intent.pseudonym)).status).toBe('expired');
    await expect(vendors.post(shop, { ...offer, intent: intent.pseudonym })).rejects.toMatchObject({ code: 'INTENT_CLOSED' });
    await expect(desk.accept({ offer: offer.id, reveal: ['email'] })).rejects.toMatchObject({ code: 'INTENT_CLOSED' });
  });

  it('previews and lists intents from the command line', async () => {
    await consent.close();
    const preview = await runCli(['--vault', t.path, 'intents', 'preview', 'mobile-plan', '--json']);
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout).profile.map((p: { name: string }) => p.name)).toEqual(['telecom.monthly-data-gb', 'telecom.monthly-call-minutes', 'telecom.monthly-sms']);
    const listed = await runCli(['--vault', t.path, 'intents', 'list']);
    expect(listed.code).toBe(0);
    // Published under the test's clock in June 2026: by the real clock they have expired.
    expect(listed.stdout).toMatch(/home-insurance\s+expired\s+1/);
    const bad = await runCli(['--vault', t.path, 'intents', 'publish', 'mobile-plan', '--text', 'write to alex.sample@courriel.example']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/email/);
  });
});
