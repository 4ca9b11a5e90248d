import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { csrf, pageState, screenshot, seriousViolations, settled, startBrowserHarness, type BrowserHarness, type Lang } from './browser-harness.ts';

/**
 * The insight screens (budget, energy, relations, who knows what) on a one-year demo person,
 * in real Chromium: each figure the page shows equals the API's answer, formatted the
 * page's way for its language; the actions (re-categorise, correct, ask a rectification)
 * change what the API then answers.
 */

const PASSPHRASE = 'cerf-volant marmelade quinze';
const MONTH = '2026-03';

interface Money {
  amountMinor: number;
  currency: string;
}

async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** Spaces as Intl writes them (narrow no-break, no-break) made plain, for comparing texts. */
const plain = (s: string | null) => (s ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** Formats in the page's own engine, with the locale the UI uses for the language. */
function formatters(page: Page, lang: Lang) {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  return {
    money: (m: Money) => page.evaluate(([l, v]) => new Intl.NumberFormat(l, { style: 'currency', currency: v.currency, maximumFractionDigits: 2 }).format(v.amountMinor / 100), [locale, m] as const).then(plain),
    number: (n: number, digits = 0) => page.evaluate(([l, v, d]) => new Intl.NumberFormat(l, { maximumFractionDigits: d }).format(v), [locale, n, digits] as const).then(plain),
    percent: (n: number) => page.evaluate(([l, v]) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 0 }).format(v), [locale, n] as const).then(plain),
  };
}

const text = async (page: Page, testId: string) => plain(await page.getByTestId(testId).textContent());

interface Budget {
  currency: string;
  figures: { incomeMinor: number; spendingMinor: number; netMinor: number; savingsRate: number | null; count: number };
  categories: { id: string; en: string; fr: string; kind: string; totalMinor: number; children: { id: string; totalMinor: number }[] }[];
  transactions?: { id: string; label: string; category: string; origin: string }[];
}
interface Quality {
  findings: { id: string; source: string; attribute: string; believed: string; expected: string | null; recordIds: string[] }[];
  attributes: { beliefs: { source: string; recordIds: string[]; correctedByPerson: boolean }[] }[];
}

// A loaded machine (several browsers, insights over a year of readings) needs generous limits; no assertion is on time.
describe('the insight screens show what the API answers, in French and English', { timeout: 300_000 }, () => {
  let h: BrowserHarness;
  let owner: { context: BrowserContext; page: Page };
  const problems: string[] = [];

  beforeAll(async () => {
    h = await startBrowserHarness();
    owner = await h.newPage('en');
    const { request } = owner.page;
    expect((await request.post('/api/session/unlock', { data: { passphrase: PASSPHRASE, create: true } })).status()).toBe(200);
    const demo = await request.post('/api/me/demo/generate', { headers: { 'x-csrf-token': await csrf(request) }, data: { years: 1 }, timeout: 180_000 });
    expect(demo.status()).toBe(200);
  }, 240_000);
  afterAll(async () => h?.close());

  /** A page of the owner's session in a browser preferring `lang`. */
  async function pageIn(lang: Lang, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await h.browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB', viewport, baseURL: h.url, storageState: await owner.context.storageState() });
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    return { context, page };
  }

  async function ready(page: Page, url: string, title: string): Promise<void> {
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await settled(page);
  }

  async function checked(page: Page, lang: Lang, name: string): Promise<void> {
    expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
    expect((await pageState(page)).scrollWidth, `${name} overflows`).toBeLessThanOrEqual(page.viewportSize()!.width);
    await screenshot(page, lang, `insight-${name}`);
  }

  for (const lang of ['fr', 'en'] as Lang[]) {
    const title = (fr: string, en: string) => (lang === 'fr' ? fr : en);

    it(`${lang}: the budget of ${MONTH} shows the API's income, spending, savings rate and categories`, async () => {
      const { context, page } = await pageIn(lang);
      try {
        const b = await api<Budget>(page, `/api/me/insights/budget?month=${MONTH}`);
        expect(b.figures.count).toBeGreaterThan(10);
        await ready(page, `/budget?month=${MONTH}`, 'Budget');
        const f = formatters(page, lang);
        const money = (amountMinor: number) => f.money({ amountMinor, currency: b.currency });
        expect(await text(page, 'budget-income')).toBe(await money(b.figures.incomeMinor));
        expect(await text(page, 'budget-spending')).toBe(await money(b.figures.spendingMinor));
        expect(await text(page, 'budget-net')).toBe(await money(b.figures.netMinor));
        expect(await text(page, 'budget-savings-rate')).toBe(await f.percent(b.figures.savingsRate!));
        const housing = b.categories.find((c) => c.id === 'housing')!;
        const row = page.getByTestId('budget-categories').locator('tr[data-category="housing"]');
        expect(plain(await row.locator('th').textContent())).toBe(lang === 'fr' ? housing.fr : housing.en);
        expect(plain(await row.locator('td').first().textContent())).toBe(await money(-housing.totalMinor));
        // The month picker moves the URL, and the figures follow.
        await page.getByRole('button', { name: title('Mois suivant', 'Next month') }).click();
        await expect.poll(() => new URL(page.url()).searchParams.get('month')).toBe('2026-04');
        const april = await api<Budget>(page, '/api/me/insights/budget?month=2026-04');
        await expect.poll(() => text(page, 'budget-income')).toBe(await money(april.figures.incomeMinor));
        await page.getByTestId('recurring').waitFor();
        await checked(page, lang, 'budget');
        await page.setViewportSize({ width: 360, height: 740 });
        await checked(page, lang, 'budget-phone');
      } finally {
        await context.close();
      }
    });

    it(`${lang}: who knows what shows the three wrong values the API finds, and every source`, async () => {
      const { context, page } = await pageIn(lang);
      try {
        const q = await api<Quality>(page, '/api/me/insights/quality');
        const stats = await api<{ bySource: Record<string, number> }>(page, '/api/me/vault/stats');
        await ready(page, '/who-knows-what', title('Qui sait quoi sur moi', 'Who knows what about me'));
        const f = formatters(page, lang);
        expect(await text(page, 'who-findings')).toBe(await f.number(q.findings.length));
        expect(q.findings.map((x) => x.source).sort()).toEqual(['org:assurance-horizon', 'org:gaz-reseau', 'org:mutuelle-sante']);
        for (const finding of q.findings) {
          const card = page.locator(`[data-finding="${finding.id}"]`);
          expect(plain(await card.getByTestId('believed').textContent())).toBe(finding.believed);
          expect(plain(await card.getByTestId('expected').textContent())).toBe(finding.expected);
        }
        expect(await page.locator('.source-card').count()).toBe(Object.keys(stats.bySource).length);
        const gaz = page.locator('.source-card[data-source="org:gaz-reseau"]');
        expect(await gaz.evaluate((el) => el.classList.contains('has-conflict'))).toBe(true);
        await gaz.locator('.chips li').first().waitFor();
        await settled(page);
        await checked(page, lang, 'who-knows-what');
        await page.setViewportSize({ width: 360, height: 740 });
        await checked(page, lang, 'who-knows-what-phone');
      } finally {
        await context.close();
      }
    });

    it(`${lang}: energy shows the API's kWh, base load and cost`, async () => {
      const { context, page } = await pageIn(lang);
      try {
        const e = await api<{ series: { commodity: string; direction: string; kWh: number; cost?: Money & { totalMinor: number }; intraday?: { baseLoadW: number } }[] }>(page, '/api/me/insights/energy');
        const elec = e.series.find((s) => s.commodity === 'electricity')!;
        await ready(page, '/energy', title('Énergie', 'Energy'));
        const f = formatters(page, lang);
        expect(await text(page, 'energy-total-electricity-consumption')).toBe(`${await f.number(elec.kWh, 1)} kWh`);
        expect(await text(page, 'energy-base-electricity-consumption')).toBe(`${await f.number(elec.intraday!.baseLoadW)} W`);
        expect(await text(page, 'energy-cost-electricity-consumption')).toBe(await f.money({ amountMinor: elec.cost!.totalMinor, currency: elec.cost!.currency }));
        await checked(page, lang, 'energy');
      } finally {
        await context.close();
      }
    });

    it(`${lang}: carbon shows the API's total, measured share and every factor with its source`, async () => {
      const { context, page } = await pageIn(lang);
      try {
        const c = await api<{ totalKg: number; measuredShare: number; factors: { source: string; year: number }[] }>(page, '/api/me/insights/carbon');
        expect(c.totalKg).toBeGreaterThan(0);
        await ready(page, '/carbon', title('Empreinte carbone', 'Carbon footprint'));
        const f = formatters(page, lang);
        expect(await text(page, 'carbon-total')).toBe(`${await f.number(c.totalKg / 1000, 2)} t CO₂e`);
        expect(await text(page, 'carbon-measured')).toBe(await f.percent(c.measuredShare));
        const rows = page.getByTestId('carbon-factors').locator('tbody tr');
        expect(await rows.count()).toBe(c.factors.length);
        expect(plain(await rows.first().locator('td').nth(1).textContent())).toBe(c.factors[0]!.source);
        await checked(page, lang, 'carbon');
      } finally {
        await context.close();
      }
    });

    it(`${lang}: mobility shows the API's time at home and distance`, async () => {
      const { context, page } = await pageIn(lang);
      try {
        const m = await api<{ totalKm: number; time: { home: { share: number } }; places: { visits: number }[] }>(page, '/api/me/insights/mobility');
        await ready(page, '/mobility', title('Mobilité', 'Mobility'));
        const f = formatters(page, lang);
        expect(await text(page, 'mobility-km')).toBe(`${await f.number(m.totalKm, 0)} km`);
        expect(await text(page, 'mobility-home')).toBe(await f.percent(m.time.home.share));
        expect(await page.getByTestId('mobility-places').locator('li').count()).toBe(m.places.length);
        await checked(page, lang, 'mobility');
      } finally {
        await context.close();
      }
    });

    it(`${lang}: the month in review reads the API's figures of ${MONTH}`, async () => {
      const { context, page } = await pageIn(lang);
      try {
        const r = await api<{ sections: { id: string; figures: { id: string; unit: string; value: number | null; currency?: string }[] }[] }>(page, `/api/me/insights/review?month=${MONTH}`);
        await ready(page, `/review?month=${MONTH}`, title('Le mois en revue', 'Month in review'));
        const f = formatters(page, lang);
        const spending = r.sections.find((x) => x.id === 'budget')!.figures.find((x) => x.id === 'budget.spending')!;
        const cell = page.locator('[data-section="budget"] tr[data-figure="budget.spending"] td').first();
        expect(plain(await cell.textContent())).toContain(await f.money({ amountMinor: spending.value!, currency: spending.currency! }));
        expect(await page.locator('.magazine-section').count()).toBe(r.sections.length);
        await checked(page, lang, 'review');
      } finally {
        await context.close();
      }
    });

    it(`${lang}: relations show the API's interactions and the people most in touch`, async () => {
      const { context, page } = await pageIn(lang);
      try {
        const r = await api<{ totals: { interactions: number; calls: number }; people: { name: string; interactions: number }[] }>(page, '/api/me/insights/relations');
        await ready(page, '/relations', 'Relations');
        const f = formatters(page, lang);
        expect(await text(page, 'relations-interactions')).toBe(await f.number(r.totals.interactions));
        expect(await text(page, 'relations-calls')).toBe(await f.number(r.totals.calls));
        const first = page.getByTestId('relations-top').locator('tbody tr').first();
        expect(plain(await first.locator('th').textContent())).toBe(r.people[0]!.name);
        expect(plain(await first.locator('td').first().textContent())).toBe(await f.number(r.people[0]!.interactions));
        await checked(page, lang, 'relations');
      } finally {
        await context.close();
      }
    });
  }

  it('re-categorising a transaction makes a rule that the API and the page then apply', async () => {
    const { context, page } = await pageIn('en');
    try {
      const before = await api<Budget>(page, `/api/me/insights/budget?month=${MONTH}&transactions=true`);
      const tx = before.transactions!.find((t) => t.category.startsWith('leisure') && t.origin === 'rule') ?? before.transactions!.find((t) => t.origin === 'rule')!;
      await ready(page, `/budget?month=${MONTH}`, 'Budget');
      const row = page.getByTestId('transactions').locator('li', { has: page.getByRole('link', { name: tx.label, exact: true }) }).first();
      await row.getByRole('button', { name: /^Change category/ }).click();
      await row.getByLabel(`New category for “${tx.label}”`).selectOption('shopping');
      await row.getByRole('button', { name: 'Save the category' }).click();
      await page.getByRole('status').filter({ hasText: `“${tx.label}” is now in` }).waitFor();
      const after = await api<Budget>(page, `/api/me/insights/budget?month=${MONTH}&transactions=true`);
      const changed = after.transactions!.find((t) => t.id === tx.id)!;
      expect(changed).toMatchObject({ category: 'shopping', origin: 'person' });
      const shopping = after.categories.find((c) => c.id === 'shopping')!;
      const f = formatters(page, 'en');
      await expect.poll(async () => plain(await page.getByTestId('budget-categories').locator('tr[data-category="shopping"] td').first().textContent())).toBe(await f.money({ amountMinor: -shopping.totalMinor, currency: after.currency }));
      expect(plain(await row.locator('.tx-category').textContent())).toContain('you');
    } finally {
      await context.close();
    }
  });

  it('the overview gathers what needs the person: the wrong values found, then a request not sent yet', async () => {
    const { context, page } = await pageIn('fr');
    try {
      const q = await api<Quality>(page, '/api/me/insights/quality');
      await ready(page, '/', 'Vue d’ensemble');
      const attention = page.getByTestId('attention');
      await expect.poll(async () => plain(await attention.getByRole('listitem').first().textContent())).toBe(`${q.findings.length} valeurs erronées détenues sur vous par des organismes`);
      expect(await attention.getByRole('listitem').count()).toBe(1);
      const headers = { 'x-csrf-token': await csrf(page.request) };
      const draft = await page.request.post('/api/me/rights/create', { headers, data: { kind: 'access', organisation: 'org:telco-mobile' } });
      expect(draft.status()).toBe(200);
      await page.reload();
      await attention.getByRole('link', { name: '1 demande pas encore envoyée' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/rights');
      expect((await page.request.post('/api/me/rights/close', { headers, data: { id: ((await draft.json()) as { id: string }).id } })).status()).toBe(200);
      await page.goto('/');
      await page.getByTestId('record-total').waitFor();
      await expect.poll(() => attention.getByRole('listitem').count()).toBe(1);
      await screenshot(page, 'fr', 'overview-attention');
    } finally {
      await context.close();
    }
  });

  it('corrects a wrong address in the vault, and drafts then sends a rectification to the organisation', async () => {
    const { context, page } = await pageIn('fr');
    try {
      const q = await api<Quality>(page, '/api/me/insights/quality');
      const gaz = q.findings.find((x) => x.source === 'org:gaz-reseau')!;
      await ready(page, '/who-knows-what', 'Qui sait quoi sur moi');
      const card = page.locator(`[data-finding="${gaz.id}"]`);
      await card.getByRole('button', { name: 'Corriger dans mon coffre' }).click();
      await card.getByText('Corrigée dans votre coffre.', { exact: false }).waitFor();
      const record = await api<{ record: { data: { value: string }; revisedBy: string } }>(page, `/api/me/records/get?id=${gaz.recordIds[0]}`);
      expect(record.record).toMatchObject({ data: { value: gaz.expected }, revisedBy: 'person' });
      const again = await api<Quality>(page, '/api/me/insights/quality');
      expect(again.attributes.flatMap((a) => a.beliefs).some((b) => b.source === 'org:gaz-reseau' && b.correctedByPerson)).toBe(true);

      const mutuelle = q.findings.find((x) => x.source === 'org:mutuelle-sante')!;
      const other = page.locator(`[data-finding="${mutuelle.id}"]`);
      await other.getByRole('button', { name: 'Demander une rectification' }).click();
      await other.getByText(/Une demande de rectification à .* est prête/).waitFor();
      await other.getByRole('button', { name: 'Je l’ai envoyée' }).click();
      await other.getByText(/Demande de rectification envoyée à/).waitFor();
      const list = await api<{ requests: { kind: string; organisation: { source: string }; status: string; items: { what: string; currentValue?: string; requestedValue?: string }[] }[] }>(page, '/api/me/rights/list');
      const sent = list.requests.find((r) => r.organisation.source === 'org:mutuelle-sante')!;
      expect(sent).toMatchObject({ kind: 'rectification', status: 'sent' });
      expect(sent.items[0]).toMatchObject({ what: 'email', currentValue: mutuelle.believed, requestedValue: mutuelle.expected });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'fr', 'insight-who-knows-what-after');
    } finally {
      await context.close();
    }
  });

  it('broke no content security rule and threw no error on any page', () => {
    expect([...h.pageProblems, ...problems]).toEqual([]);
  });
});
