import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { csrf, eventually, pageState, screenshot, seriousViolations, settled, startBrowserHarness, type BrowserHarness, type Lang } from './browser-harness.ts';

const PASSPHRASE = 'écureuil parapluie horizon 42';
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 360, height: 740 } } as const;

interface Ids {
  recordId: string;
  grantId: string;
  requestId: string;
  intent: string;
}

/** Each screen: its URL (some name a record or a grant made in beforeAll) and its title in both languages. */
const SCREENS: { name: string; url: (ids: Ids) => string; fr: string | RegExp; en: string | RegExp }[] = [
  { name: 'overview', url: () => '/', fr: 'Vue d’ensemble', en: 'Overview' },
  { name: 'timeline', url: () => '/timeline?type=bank.transaction', fr: 'Chronologie', en: 'Timeline' },
  { name: 'record', url: (ids) => `/records/${ids.recordId}`, fr: /^Enregistrement · /, en: /^Record · / },
  { name: 'import', url: () => '/import', fr: 'Importer', en: 'Import' },
  { name: 'sharing', url: () => '/sharing', fr: 'Partage', en: 'Sharing' },
  { name: 'grant', url: (ids) => `/sharing/${ids.grantId}`, fr: /^Accès · /, en: /^Grant · / },
  { name: 'access-log', url: () => '/access-log', fr: 'Journal des accès', en: 'Access log' },
  { name: 'settings', url: () => '/settings', fr: 'Réglages', en: 'Settings' },
  { name: 'not-found', url: () => '/nulle-part', fr: 'Cette page n’existe pas.', en: 'This page does not exist.' },
  { name: 'budget', url: () => '/budget', fr: 'Budget', en: 'Budget' },
  { name: 'energy', url: () => '/energy', fr: 'Énergie', en: 'Energy' },
  { name: 'carbon', url: () => '/carbon', fr: 'Empreinte carbone', en: 'Carbon footprint' },
  { name: 'relations', url: () => '/relations', fr: 'Relations', en: 'Relations' },
  { name: 'mobility', url: () => '/mobility', fr: 'Mobilité', en: 'Mobility' },
  { name: 'review', url: () => '/review', fr: 'Le mois en revue', en: 'Month in review' },
  { name: 'who-knows-what', url: () => '/who-knows-what', fr: 'Qui sait quoi sur moi', en: 'Who knows what about me' },
  { name: 'rights', url: () => '/rights', fr: 'Mes demandes', en: 'My requests' },
  { name: 'rights-request', url: (ids) => `/rights/${ids.requestId}`, fr: 'Demande d’accès · Gaz Réseau', en: 'Access request · Gaz Réseau' },
  { name: 'intents', url: () => '/intents', fr: 'Mes intentions et offres', en: 'My intents & offers' },
  { name: 'intent-new', url: () => '/intents/new', fr: 'Dire ce que je veux', en: 'Say what you want' },
  { name: 'intent', url: (ids) => `/intents/${ids.intent}`, fr: /^Intention · /, en: /^Intent · / },
];

describe('every screen, in French and English, on a desktop and a 360 px phone', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let owner: { context: BrowserContext; page: Page };
  const ids: Ids = { recordId: '', grantId: '', requestId: '', intent: '' };

  beforeAll(async () => {
    h = await startBrowserHarness();
    owner = await h.newPage('en');
    const { page } = owner;
    await page.goto('/welcome');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Passphrase again').fill(PASSPHRASE);
    await page.getByText(/Strength: /).waitFor();
    expect(await seriousViolations(page), 'axe on the create page').toEqual([]);
    await screenshot(page, 'en', 'onboarding-create');
    await page.getByRole('button', { name: 'Create my vault' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your vault is ready' }).waitFor();
    await screenshot(page, 'en', 'onboarding-ready');
    await page.getByLabel('Years of life to generate').selectOption('1');
    await page.getByRole('button', { name: 'Load the demo person' }).click();
    await page.getByText(/records of Camille Martin are in your vault\./).waitFor({ timeout: 120_000 });
    const list = (await (await page.request.get('/api/me/records/list?type=bank.transaction&limit=1')).json()) as { records: { id: string }[] };
    ids.recordId = list.records[0]!.id;
    const created = await page.request.post('/api/me/grants/create', {
      headers: { 'x-csrf-token': await csrf(page.request) },
      data: { grantee: 'org:fournisseur-energie', granteeName: 'Énergie Verte', type: ['energy.reading'], granularity: 'day', purpose: 'ServiceProvision', until: '2030-01-01' },
    });
    ids.grantId = ((await created.json()) as { grant: { id: string } }).grant.id;
    const request = await page.request.post('/api/me/rights/create', { headers: { 'x-csrf-token': await csrf(page.request) }, data: { kind: 'access', organisation: 'org:gaz-reseau' } });
    ids.requestId = ((await request.json()) as { id: string }).id;
    const intent = await page.request.post('/api/me/intents/publish', { headers: { 'x-csrf-token': await csrf(page.request) }, data: { category: 'energy-supply' } });
    ids.intent = ((await intent.json()) as { pseudonym: string }).pseudonym;
  }, 240_000);
  afterAll(async () => h?.close());

  for (const lang of ['fr', 'en'] as Lang[]) {
    // Both languages on a desktop; the phone in French, whose texts are the longer ones.
    for (const [device, viewport] of Object.entries(VIEWPORTS).filter(([d]) => d === 'desktop' || lang === 'fr')) {
      describe(`${lang}, ${device}`, () => {
        let context: BrowserContext;
        let page: Page;
        beforeAll(async () => {
          // The owner's session cookie, in a browser preferring this language (its problems count in the last test).
          ({ context, page } = await h.newPage(lang, viewport, await owner.context.storageState()));
        });
        afterAll(async () => context?.close());

        for (const s of SCREENS) {
          it(`${s.name}: its title, fits ${viewport.width} px, no serious axe violation, a screenshot`, { timeout: 180_000 }, async () => {
            await page.goto(s.url(ids));
            await page.getByRole('heading', { level: 1, name: s[lang] }).waitFor();
            await settled(page);
            const state = await pageState(page);
            expect(state.lang).toBe(lang);
            expect(state.scrollWidth, `${s.name} overflows ${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
            expect(await seriousViolations(page), `axe on ${s.name}`).toEqual([]);
            await screenshot(page, lang, `${device}-${s.name}`);
          });
        }
      });
    }

    it(`${lang}: the unlock page of a browser without a session`, { timeout: 120_000 }, async () => {
      const { page } = await h.newPage(lang);
      await page.goto('/timeline?search=loyer');
      await page.getByRole('heading', { level: 2, name: lang === 'fr' ? 'Déverrouiller votre coffre' : 'Unlock your vault' }).waitFor();
      expect(new URL(page.url()).searchParams.get('next')).toBe('/timeline?search=loyer');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, lang, 'unlock');
    });
  }

  it('is usable with the keyboard alone: skip link, then the navigation in order', { timeout: 120_000 }, async () => {
    const { page } = owner;
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.keyboard.press('Tab');
    expect((await pageState(page)).focusedText).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect((await pageState(page)).focusedId).toBe('main');
    const timeline = page.getByRole('navigation').getByRole('link', { name: 'Timeline', exact: true });
    await timeline.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Timeline' }).waitFor();
    await eventually(async () => (await pageState(page)).focusedId).toBe('page-title');
  });

  it('broke no content security rule and threw no error on any page', () => {
    expect(h.pageProblems).toEqual([]);
  });
});
