import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { PERSON } from '../../src/vault/demo/demo-persona.ts';
import { callOperation, registerVendor } from '../support/org-platform.ts';
import { csrf, eventually, pageState, screenshot, seriousViolations, settled, startBrowserHarness, type BrowserHarness, type Lang } from './browser-harness.ts';

/**
 * Intents and offers in real Chromium, against a real server: the person (two years of the
 * demo person) says what she wants on the French screens, two vendors answer over the
 * organisation API with their own tokens, the intent's page prices both offers on her own
 * readings (checked against sums made here from the readings the API returns), she accepts
 * the cheaper one revealing her name and e-mail, and only that vendor can read them.
 */

const PASSPHRASE = 'cormoran escalier vingt-trois brume';
const eur = (amountMinor: number, scale?: number) => ({ amountMinor, currency: 'EUR', ...(scale !== undefined ? { scale } : {}) });
const BASE = { kind: 'energy', subscriptionPerMonth: eur(1450), pricePerKWh: eur(1790, 4) };
const HPHC = { kind: 'energy', subscriptionPerMonth: eur(1690), pricePerKWh: eur(2050, 4), offPeak: { pricePerKWh: eur(1550, 4), window: { from: '22:00', to: '06:00' } } };
const TERMS = ['no-resale', 'no-tracking', 'delete-if-no-deal', 'offer-only'];

/** Text as compared: Intl puts narrow or non-breaking spaces in French figures; compare without any space. */
const squash = (s: string | null) => (s ?? '').replace(/\s/g, '');
const euros = (minor: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const parisHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' });
const parisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' });

interface Vendor {
  clientId: string;
  call(name: string, input?: Record<string, unknown>): Promise<Response>;
}

/** Calls an operation as the person, with the page's session cookie and CSRF token. */
async function me<T>(request: APIRequestContext, name: string, input: Record<string, unknown>): Promise<T> {
  const res = await request.post(`/api/me/${name.split('.').join('/')}`, { headers: { 'x-csrf-token': await csrf(request) }, data: input });
  if (!res.ok()) throw new Error(`${name} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Her electricity readings and her supplier's bills over [from, to), read through the API and summed here (local hours by Intl). */
async function readingsAndBills(request: APIRequestContext, period: { from: string; to: string }): Promise<{ wh: number; offWh: number; billed: number; bills: number; months: string[] }> {
  let wh = 0;
  let offWh = 0;
  let cursor: string | null = null;
  do {
    const q: string = new URLSearchParams({ type: 'energy.reading', from: period.from, to: period.to, limit: '10000', ...(cursor ? { cursor } : {}) }).toString();
    const page = (await (await request.get(`/api/me/records/list?${q}`)).json()) as { records: { data: { commodity: string; kind: string; start: string; energyWh: number } }[]; nextCursor: string | null };
    for (const { data: d } of page.records) {
      if (d.commodity !== 'electricity' || d.kind !== 'interval') continue;
      wh += d.energyWh;
      const hour = Number(parisHour.format(new Date(d.start)));
      if (hour >= 22 || hour < 6) offWh += d.energyWh;
    }
    cursor = page.nextCursor;
  } while (cursor);
  const months = new Set<string>();
  for (let t = Date.parse(period.from); t < Date.parse(period.to); t += 86_400_000) months.add(parisMonth.format(new Date(t)));
  const docs = (await (await request.get('/api/me/records/list?type=document&source=org:elec-energie&limit=10000')).json()) as { records: { data: { kind: string; periodStart?: string; amount?: { amountMinor: number } } }[] };
  let billed = 0;
  let bills = 0;
  for (const { data: d } of docs.records) if (d.kind === 'bill' && d.periodStart && d.amount && months.has(d.periodStart.slice(0, 7))) ((billed += d.amount.amountMinor), bills++);
  return { wh, offWh, billed, bills, months: [...months] };
}

/** Checks the screen as it is: it fits the window, no serious or critical axe violation, then a screenshot. */
async function check(page: Page, lang: Lang, name: string, width = 1280): Promise<void> {
  await settled(page);
  expect((await pageState(page)).scrollWidth, `${name} overflows ${width} px`).toBeLessThanOrEqual(width);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, lang, name);
}

describe('intents and offers in real Chromium, in French, with two vendors over HTTP', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let page: Page;
  let volt: Vendor;
  let watt: Vendor;
  let intent = '';
  const offers = { volt: '', watt: '' };
  /** The vendor whose offer would have cost her less, and the other. */
  let cheaper: 'volt' | 'watt' = 'volt';
  let dearer: 'volt' | 'watt' = 'watt';

  async function vendor(name: string): Promise<Vendor> {
    const reg = await registerVendor(h.url, (op, input) => me(page.request, op, input), name);
    return { clientId: reg.clientId, call: (op, input = {}) => callOperation(h.url, 'org', op, input, { authorization: `Bearer ${reg.token}` }) };
  }

  beforeAll(async () => {
    h = await startBrowserHarness();
    ({ page } = await h.newPage('fr'));
    await page.goto('/welcome');
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Phrase de passe, à nouveau').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Créer mon coffre' }).click();
    await page.getByRole('heading', { name: 'Votre coffre est prêt' }).waitFor();
    // Two years of the demo person: twelve billed months to compare with.
    await me(page.request, 'demo.generate', { years: 2 });
  }, 240_000);
  afterAll(async () => h?.close());

  it('explains intents before there is any, and lists no vendor yet', async () => {
    await page.goto('/intents');
    await page.getByRole('heading', { level: 1, name: 'Mes intentions et offres' }).waitFor();
    await page.getByText('Vous n’avez encore publié aucune intention').waitFor();
    expect(await page.locator('main').textContent()).toContain('Votre identité n’est révélée qu’au fournisseur dont vous acceptez l’offre');
    await page.getByText('Aucune organisation n’a encore le rôle de fournisseur').waitFor();
    await check(page, 'fr', 'intents-empty');
  });

  it('shows the values the vault computed before publishing, then publishes the intent', async () => {
    volt = await vendor('Volt Énergie');
    watt = await vendor('Watt Direct');
    await page.goto('/intents');
    await page.getByTestId('vendors').getByText('Volt Énergie').waitFor();
    await page.getByRole('link', { name: 'Dire ce que je veux' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dire ce que je veux' }).waitFor();
    await settled(page);
    const preview = page.getByTestId('preview');
    // The yearly consumption the vault computed, to the 100 kWh, from her readings of the last twelve months.
    const computed = (await (await page.request.get('/api/me/intents/preview?category=energy-supply')).json()) as { profile: { name: string; value: number }[] };
    const yearly = computed.profile.find((p) => p.name === 'energy.yearly-kwh')!.value;
    expect(yearly).toBeGreaterThan(1000);
    const yearlyCheck = preview.getByRole('checkbox', { name: /Électricité consommée sur les douze derniers mois/ });
    expect(await yearlyCheck.isChecked()).toBe(true);
    expect(squash(await preview.locator('[data-profile="energy.yearly-kwh"]').textContent())).toBe(squash(`${new Intl.NumberFormat('fr-FR').format(yearly)} kWh`));
    await page.getByText('Envoyée à : Volt Énergie, Watt Direct.').waitFor();
    await check(page, 'fr', 'intent-new');
    // The off-peak share stays in the vault: she unticks it.
    await preview.getByRole('checkbox', { name: /Part de l’électricité consommée entre 22 h et 6 h/ }).uncheck();
    // Words that would give her away are refused before anything leaves the vault, in French.
    const nationalPhone = `0${PERSON.phone.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
    await page.getByLabel('Ce que vous voulez, avec vos mots').fill(`Appelez-moi au ${nationalPhone}`);
    await page.getByRole('button', { name: 'Publier mon intention' }).click();
    await page.getByText('Vos mots contiennent votre numéro de téléphone').waitFor();
    expect((await (await page.request.get('/api/me/intents/list')).json()).intents).toEqual([]);
    // The browser logs the API's 422 answer as a console error: that one is expected here.
    const refusals = h.pageProblems.filter((p) => p.includes('status of 422'));
    expect(refusals).toHaveLength(1);
    h.pageProblems.splice(h.pageProblems.indexOf(refusals[0]!), 1);
    await page.getByLabel('Ce que vous voulez, avec vos mots').fill('Une électricité moins chère et verte, sans engagement.');
    await page.getByRole('button', { name: 'Ajouter une exigence' }).click();
    await page.getByLabel('Nom de l’exigence 1').fill('green');
    await page.getByLabel('Valeur de l’exigence 1').fill('true');
    await page.getByRole('button', { name: 'Publier mon intention' }).click();
    await page.getByRole('heading', { level: 1, name: 'Intention · Fourniture d’électricité' }).waitFor();
    intent = page.url().split('/intents/')[1] ?? '';
    expect(intent).toMatch(/^intent-[0-9a-f]{32}$/);
    expect(await page.getByTestId('intent-status').textContent()).toBe('Ouverte');
    expect(await page.getByTestId('disclosed').textContent()).not.toContain('22 h');
    await page.getByText('Pas encore d’offre.', { exact: false }).waitFor();
    await check(page, 'fr', 'intent-open');
  });

  it('lets the vendors see the pseudonymous intent over HTTP and answer it', async () => {
    const open = (await (await volt.call('intents.open')).json()) as { intents: { intent: string; profile: { name: string }[]; requirements: { fields: Record<string, unknown> } }[] };
    expect(open.intents.map((i) => i.intent)).toEqual([intent]);
    expect(open.intents[0]!.profile.map((p) => p.name).sort()).toEqual(['energy.contracted-power-kva', 'energy.tariff-option', 'energy.yearly-kwh']);
    expect(open.intents[0]!.requirements.fields).toEqual({ green: true });
    for (const v of [volt, watt]) expect((await v.call('intents.terms.accept', { intent, terms: TERMS })).status).toBe(200);
    const post = async (v: Vendor, body: Record<string, unknown>) => ((await (await v.call('offers.post', { intent, validUntil: '2027-12-31T00:00:00Z', ...body })).json()) as { id: string }).id;
    offers.volt = await post(volt, { title: 'Volt Vert Base', price: BASE });
    offers.watt = await post(watt, { title: 'Watt Heures Creuses', price: HPHC, conditions: 'Engagement de 12 mois.', commitmentMonths: 12 });
    expect(offers.volt).toMatch(/^offer-/);
    expect(offers.watt).toMatch(/^offer-/);
  });

  it('prices both offers on her own readings, next to what she paid, the cheaper highlighted', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Intention · Fourniture d’électricité' }).waitFor();
    await settled(page);
    const listed = (await (await page.request.get(`/api/me/offers/list?intent=${intent}`)).json()) as { offers: { id: string; comparison: { period: { from: string; to: string } } }[] };
    const period = listed.offers[0]!.comparison.period;
    const f = await readingsAndBills(page.request, period);
    expect(f.months).toHaveLength(12);
    expect(f.bills).toBe(12);
    const cost = {
      volt: Math.round(12 * 1450 + (f.wh / 1000) * 17.9),
      watt: Math.round(12 * 1690 + ((f.wh - f.offWh) / 1000) * 20.5 + (f.offWh / 1000) * 15.5),
    };
    expect(cost.volt).not.toBe(cost.watt);
    [cheaper, dearer] = cost.volt < cost.watt ? ['volt', 'watt'] : ['watt', 'volt'];
    for (const k of ['volt', 'watt'] as const) {
      const card = page.locator(`[data-offer="${offers[k]}"]`);
      expect(squash(await card.getByTestId('offer-simulated').textContent())).toBe(squash(euros(cost[k])));
      expect(squash(await card.getByTestId('offer-actual').textContent())).toBe(squash(euros(f.billed)));
      const diff = cost[k] - f.billed;
      const pct = `${diff < 0 ? '−' : '+'}${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(Math.abs((diff / f.billed) * 100))} %`;
      expect(squash(await card.getByTestId('offer-difference').textContent())).toBe(squash(`${euros(Math.abs(diff))} ${diff < 0 ? 'de moins' : 'de plus'} (${pct})`));
    }
    expect(await page.locator(`[data-offer="${offers[cheaper]}"]`).getByText('La moins chère').count()).toBe(1);
    expect(await page.locator(`[data-offer="${offers[dearer]}"]`).getByText('La moins chère').count()).toBe(0);
    expect(await page.locator(`[data-offer="${offers.watt}"]`).getByTestId('offer-price').textContent()).toContain('de 22:00 à 06:00');
    await check(page, 'fr', 'intent-offers');
    const phone = await h.newPage('fr', { width: 360, height: 740 }, await page.context().storageState());
    await phone.page.goto(`/intents/${intent}`);
    await phone.page.getByRole('heading', { level: 1, name: 'Intention · Fourniture d’électricité' }).waitFor();
    await check(phone.page, 'fr', 'phone-intent-offers', 360);
    await phone.page.goto('/intents/new');
    await phone.page.getByRole('heading', { level: 1, name: 'Dire ce que je veux' }).waitFor();
    await phone.page.getByRole('button', { name: 'Ajouter une exigence' }).click();
    await check(phone.page, 'fr', 'phone-intent-new', 360);
    await phone.page.goto('/intents');
    await phone.page.getByRole('heading', { level: 1, name: 'Mes intentions et offres' }).waitFor();
    await check(phone.page, 'fr', 'phone-intents', 360);
    await phone.context.close();
  });

  it('accepts the cheaper offer revealing only her name and e-mail: a receipt, the other declined, the intent closed', async () => {
    const card = page.locator(`[data-offer="${offers[cheaper]}"]`);
    // With the keyboard alone: Enter on the buttons, Space on the boxes.
    await card.getByRole('button', { name: /^Choisir cette offre/ }).focus();
    await page.keyboard.press('Enter');
    const form = card.getByRole('form');
    await form.getByRole('checkbox', { name: /^Nom/ }).waitFor();
    // Each value is shown beside its box before anything is revealed.
    expect(await form.textContent()).toContain(PERSON.email);
    expect(await form.textContent()).toContain(PERSON.fullName);
    expect(await form.textContent()).toContain(PERSON.phone);
    for (const name of [/^Téléphone/, /^Adresse postale/]) {
      await form.getByRole('checkbox', { name }).focus();
      await page.keyboard.press('Space');
      expect(await form.getByRole('checkbox', { name }).isChecked()).toBe(false);
    }
    await check(page, 'fr', 'intent-accept');
    await form.getByRole('button', { name: 'Accepter et révéler' }).focus();
    await page.keyboard.press('Enter');
    const receipt = page.getByTestId('accepted');
    await receipt.waitFor();
    await eventually(async () => (await pageState(page)).focusedId).toBe('vrm-receipt-title');
    expect(await receipt.locator('[data-attribute="full_name"]').textContent()).toBe(PERSON.fullName);
    expect(await receipt.locator('[data-attribute="email"]').textContent()).toBe(PERSON.email);
    expect(await receipt.locator('[data-attribute]').count()).toBe(2);
    await page.getByTestId('intent-status').getByText('Offre acceptée').waitFor();
    expect(await page.locator(`[data-offer="${offers[cheaper]}"] .badge`).first().textContent()).toBe('Acceptée');
    expect(await page.locator(`[data-offer="${offers[dearer]}"] .badge`).first().textContent()).toBe('Déclinée');
    expect(await page.getByRole('button', { name: /^Choisir cette offre/ }).count()).toBe(0);
    await check(page, 'fr', 'intent-accepted');
  });

  it('lets the accepted vendor read what she revealed, and refuses the other (403)', async () => {
    const vendors = { volt, watt };
    const [a, b] = [vendors[cheaper], vendors[dearer]];
    const statusOf = async (v: Vendor) => ((await (await v.call('offers.status', { intent })).json()) as { offers: { id: string; status: string }[] }).offers[0]!;
    expect(await statusOf(a)).toMatchObject({ id: offers[cheaper], status: 'accepted' });
    const read = (await (await a.call('data.read', { type: ['identity.attribute'] })).json()) as { records: { data: { value: string } }[] };
    expect(read.records.map((r) => r.data.value).sort()).toEqual([PERSON.email, PERSON.fullName].sort());
    expect((await statusOf(b)).status).toBe('declined');
    const refused = await b.call('data.read', { type: ['identity.attribute'] });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain(PERSON.email);
  });

  it('lists the intent in English with its status and offers', async () => {
    const en = await h.newPage('en', undefined, await page.context().storageState());
    await en.page.goto('/intents');
    await en.page.getByRole('heading', { level: 1, name: 'My intents & offers' }).waitFor();
    await settled(en.page);
    const row = en.page.locator(`[data-intent="${intent}"]`);
    expect(await row.getByRole('link').textContent()).toBe('Fourniture d’électricité');
    expect(await row.textContent()).toContain('Offer accepted');
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('2');
    await en.page.getByTestId('vendors').getByText('Watt Direct').waitFor();
    await check(en.page, 'en', 'intents');
    await en.page.goto('/intents/new?category=mobile-plan');
    await en.page.getByRole('heading', { level: 1, name: 'Say what you want' }).waitFor();
    await en.page.getByTestId('preview').getByText('Mobile data per month (average)').waitFor();
    await en.page.getByText('No vendor receives this category yet').waitFor();
    await check(en.page, 'en', 'intent-new-mobile');
    await en.context.close();
  });

  it('closes an intent without accepting: its offer is declined', async () => {
    const second = await me<{ pseudonym: string }>(page.request, 'intents.publish', { category: 'energy-supply', title: 'Électricité, deuxième essai' });
    expect((await volt.call('intents.terms.accept', { intent: second.pseudonym, terms: TERMS })).status).toBe(200);
    const posted = (await (await volt.call('offers.post', { intent: second.pseudonym, title: 'Volt Vert Base', price: BASE, validUntil: '2027-12-31T00:00:00Z' })).json()) as { id: string };
    await page.goto(`/intents/${second.pseudonym}`);
    await page.getByRole('heading', { level: 1, name: 'Intention · Électricité, deuxième essai' }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Fermer sans accepter' }).click();
    await page.getByRole('button', { name: 'La fermer et décliner toutes les offres' }).click();
    await page.getByText('L’intention est fermée ; ses offres en attente ont été déclinées.').waitFor();
    await page.getByTestId('intent-status').getByText('Fermée').waitFor();
    expect(await page.locator(`[data-offer="${posted.id}"] .badge`).first().textContent()).toBe('Déclinée');
    expect(await page.getByRole('button', { name: 'Fermer sans accepter' }).count()).toBe(0);
  });

  it('prices a mobile plan on her telecom usage, in words and figures', async () => {
    await me(page.request, 'vendors.set', { client: watt.clientId, categories: ['energy-supply', 'mobile-plan'] });
    const mobile = await me<{ pseudonym: string }>(page.request, 'intents.publish', { category: 'mobile-plan', title: 'Forfait mobile' });
    expect((await watt.call('intents.terms.accept', { intent: mobile.pseudonym, terms: TERMS })).status).toBe(200);
    const price = { kind: 'mobile', subscriptionPerMonth: eur(999), included: { dataGB: 10, sms: 100 }, beyond: { perGB: eur(200), perSms: eur(5) } };
    const posted = (await (await watt.call('offers.post', { intent: mobile.pseudonym, title: 'Watt Mobile 10 Go', price, validUntil: '2027-12-31T00:00:00Z' })).json()) as { id: string };
    const listed = (await (await page.request.get(`/api/me/offers/list?intent=${mobile.pseudonym}`)).json()) as { offers: { comparison: { simulated: { amountMinor: number } | null; usage: { dataGB: number } } }[] };
    const simulated = listed.offers[0]!.comparison.simulated;
    expect(simulated).not.toBeNull();
    await page.goto(`/intents/${mobile.pseudonym}`);
    await page.getByRole('heading', { level: 1, name: 'Intention · Forfait mobile' }).waitFor();
    await settled(page);
    const card = page.locator(`[data-offer="${posted.id}"]`);
    expect(squash(await card.getByTestId('offer-price').textContent())).toBe(squash('9,99 € par mois, avec 10 Go de données, appels illimités, 100 SMS ; au-delà : 2,00 € par Go, 0,05 € le SMS'));
    expect(squash(await card.getByTestId('offer-simulated').textContent())).toBe(squash(euros(simulated!.amountMinor)));
    expect(await card.textContent()).toContain('Go de données');
    await check(page, 'fr', 'intent-mobile-offer');
  });

  it('broke no content security rule and threw no error on any page', () => {
    expect(h.pageProblems).toEqual([]);
  });
});
