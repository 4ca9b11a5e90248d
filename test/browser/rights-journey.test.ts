import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { RightsRequestView as View } from '../../src/rights/rights-views.ts';
import { callOperation, clientCredentialsToken } from '../support/org-platform.ts';
import { csrf, eventually, pageState, screenshot, seriousViolations, settled, startBrowserHarness, type BrowserHarness, type Lang } from './browser-harness.ts';

/**
 * The rectification loop in real Chromium against a real server, in French: the demo person's
 * three wrong values → one action asks every organisation → the gas supplier (linked, with its
 * own client-credentials token) gets its request through its API, the others get a letter or
 * an e-mail → "My requests" with the API's due dates → the letter as text and PDF, posted more
 * than a month ago → overdue, with the CNIL complaint → the gas supplier acknowledges, answers
 * and restitutes the corrected address → closed-verified, with the whole history. The list in
 * English too.
 */

const PASSPHRASE = 'hérisson cerf-volant grenadine 73';

/** Spaces as Intl writes them (narrow no-break, no-break) made plain, for comparing texts. */
const plain = (s: string | null) => (s ?? '').replace(/[\u202f\u00a0]/g, ' ').trim();

/** A day as the page formats it (useFormat's date), in the page's own Intl. */
const pageDate = (page: Page, lang: Lang, day: string) =>
  page.evaluate(([l, d]) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(d)), [lang === 'fr' ? 'fr-FR' : 'en-GB', day] as const).then(plain);

/** Checks the screen as it is: it fits the window, no serious or critical axe violation, then a screenshot. */
async function check(page: Page, lang: Lang, name: string): Promise<void> {
  await settled(page);
  const width = page.viewportSize()?.width ?? 1280;
  expect((await pageState(page)).scrollWidth, `${name} overflows ${width} px`).toBeLessThanOrEqual(width);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, lang, name);
}

/** A day `days` before today, as YYYY-MM-DD (UTC calendar; more than a month ago either way). */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('the rights requests in real Chromium: from who knows what to a verified rectification', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let context: BrowserContext;
  let page: Page;
  let gas: { token: string; customerRef: string; call: (name: string, input: Record<string, unknown>) => Promise<Response> };
  const me = async <T,>(name: string, input: Record<string, string> = {}): Promise<T> => {
    const res = await page.request.get(`/api/me/${name.split('.').join('/')}?${new URLSearchParams(input)}`);
    expect(res.status(), name).toBe(200);
    return (await res.json()) as T;
  };
  const post = async <T,>(name: string, data: Record<string, unknown>): Promise<T> => {
    const res = await page.request.post(`/api/me/${name.split('.').join('/')}`, { headers: { 'x-csrf-token': await csrf(page.request) }, data });
    expect(res.status(), `${name}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  };
  const requests = async () => (await me<{ requests: View[] }>('rights.list')).requests;

  beforeAll(async () => {
    h = await startBrowserHarness();
    ({ context, page } = await h.newPage('fr'));
    await page.goto('/welcome');
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Phrase de passe, à nouveau').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Créer mon coffre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Votre coffre est prêt' }).waitFor();
    await page.getByLabel('Années de vie à générer').selectOption('1');
    await page.getByRole('button', { name: 'Charger la personne de démonstration' }).click();
    await page.getByText(/enregistrements de Camille Martin sont dans votre coffre\./).waitFor({ timeout: 120_000 });
    // The gas supplier registers with the person and links itself to its customer with its own token.
    const reg = await post<{ client: { clientId: string; source: string }; clientSecret: string }>('clients.register', {
      kind: 'organisation',
      name: 'Gaz Réseau',
      sector: 'energy',
      dataProtectionContact: 'dpo@gaz-reseau.example',
      declaredTypes: ['identity.attribute', 'energy.reading'],
    });
    expect(reg.client.source).toBe('org:gaz-reseau');
    const { code } = await post<{ code: string }>('links.create', { clientId: reg.client.clientId });
    const token = await clientCredentialsToken(h.url, reg.client.clientId, reg.clientSecret);
    const call = (name: string, input: Record<string, unknown>) => callOperation(h.url, 'org', name, input, { authorization: `Bearer ${token}` });
    const claimed = await call('links.claim', { code, customerRef: 'GR-204117' });
    expect(claimed.status).toBe(200);
    gas = { token, customerRef: 'GR-204117', call };
  }, 240_000);
  afterAll(async () => h?.close());

  it('"My requests" explains the rights when there is none yet', async () => {
    await page.goto('/rights');
    await page.getByRole('heading', { level: 1, name: 'Mes demandes' }).waitFor();
    await page.getByText('Aucune demande pour l’instant').waitFor();
    await page.getByRole('link', { name: /Commencez par les valeurs erronées/ }).waitFor();
    await check(page, 'fr', 'rights-empty');
  });

  it('asks every organisation to rectify in one action: the gas supplier through its API, the others by letter or e-mail', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Qui sait quoi', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Qui sait quoi sur moi' }).waitFor();
    await page.getByRole('button', { name: 'Demander à chaque organisme de rectifier' }).click();
    const created = page.getByTestId('created-requests');
    await created.waitFor();
    const list = await requests();
    expect(Object.fromEntries(list.map((r) => [r.organisation.source, `${r.kind} ${r.status} ${r.channel === 'api' ? 'api' : 'post'}`]))).toEqual({
      'org:gaz-reseau': 'rectification sent api',
      'org:mutuelle-sante': 'rectification draft post',
      'org:assurance-horizon': 'rectification draft post',
    });
    expect(await created.locator('li').count()).toBe(3);
    expect(plain(await created.locator('li[data-source="org:gaz-reseau"]').textContent())).toContain('Envoyée, en attente de réponse par son API');
    for (const r of list) expect(await created.getByRole('link', { name: r.organisation.name }).getAttribute('href')).toBe(`/rights/${r.id}`);
    // Each wrong value now links to its request instead of offering a second one, even after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Qui sait quoi sur moi' }).waitFor();
    await settled(page);
    expect(await page.getByRole('button', { name: 'Demander une rectification' }).count()).toBe(0);
    expect(await page.locator('.finding').getByRole('link', { name: 'Voir la demande' }).count()).toBe(3);
    await page.getByText('Chaque valeur fausse fait déjà l’objet d’une demande en cours.').waitFor();
    await check(page, 'fr', 'rights-who-knows-what-asked');
  });

  it('lists the three requests with the due day the API gives, reminders first, filters in the URL', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Mes demandes', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes demandes' }).waitFor();
    const items = page.getByTestId('rights-list').locator('li.rights-item');
    await eventually(() => items.count()).toBe(3);
    for (const r of await requests()) {
      const item = page.locator(`li[data-request="${r.id}"]`);
      expect(plain(await item.textContent())).toContain('Rectification (RGPD art. 16)');
      if (r.dueOn) {
        expect(plain(await item.getByTestId('due-on').textContent())).toBe(await pageDate(page, 'fr', r.dueOn));
        expect(plain(await item.textContent())).toContain(`(échéance dans ${r.daysLeft} jours)`);
      } else expect(plain(await item.getByTestId('sent-on').textContent())).toBe('pas encore envoyée');
    }
    // Two drafts are not sent yet: both are reminders.
    await eventually(() => page.getByTestId('reminder').count()).toBe(2);
    await check(page, 'fr', 'rights-list');
    await page.getByLabel('Afficher').selectOption('waiting');
    await eventually(() => items.count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('status')).toBe('waiting');
    expect(await items.first().getAttribute('data-source')).toBe('org:gaz-reseau');
    await page.goto('/rights?status=draft&organisation=org:assurance-horizon');
    await eventually(() => items.count()).toBe(1);
    expect(await items.first().getAttribute('data-source')).toBe('org:assurance-horizon');
  });

  it('shows the letter with the wrong and the right value, downloads it as a PDF, marks it posted 40 days ago: overdue, the CNIL complaint ready', async () => {
    const letterRequest = (await requests()).find((r) => r.channel === 'letter')!;
    expect(letterRequest).toBeDefined();
    await page.goto('/rights');
    await page.locator(`li[data-request="${letterRequest.id}"]`).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: `Demande de rectification · ${letterRequest.organisation.name}` }).waitFor();
    await settled(page);
    expect(plain(await page.getByTestId('status-line').textContent())).toContain('Brouillon, non envoyée');
    const item = letterRequest.items[0]!;
    const letter = plain(await page.getByTestId('letter-text').textContent());
    expect(letter).toContain(item.currentValue);
    expect(letter).toContain(item.requestedValue);
    expect(letter).toMatch(/article 16/i);
    await check(page, 'fr', 'rights-request-draft');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId('letter').getByRole('button', { name: 'Copier le texte' }).click();
    await page.getByTestId('letter').getByText('Copié.').waitFor();
    expect(plain(await page.evaluate<string>('navigator.clipboard.readText()'))).toBe(letter);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('letter').getByRole('button', { name: 'Télécharger le PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`demande-${letterRequest.id.slice(0, 8)}.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);

    const posted = daysAgo(40);
    await page.getByLabel('Le jour où vous l’avez postée ou envoyée').fill(posted);
    await page.getByRole('button', { name: 'Marquer comme envoyée' }).click();
    await page.getByTestId('complaint').waitFor();
    const after = (await requests()).find((r) => r.id === letterRequest.id)!;
    expect(after).toMatchObject({ status: 'overdue', sentOn: posted, complaintAvailable: true });
    expect(plain(await page.getByTestId('status-line').textContent())).toContain('En retard');
    expect(plain(await page.getByTestId('status-line').textContent())).toContain(`en retard de ${-after.daysLeft!} jours`);
    expect(plain(await page.getByTestId('due-on').textContent())).toBe(await pageDate(page, 'fr', after.dueOn!));
    await eventually(async () => plain(await page.getByTestId('complaint-text').textContent())).toContain("Commission nationale de l'informatique et des libertés");
    const complaintText = plain(await page.getByTestId('complaint-text').textContent());
    expect(complaintText).toContain(letterRequest.organisation.name);
    expect(complaintText).toMatch(/article 77 du RGPD/);
    const [complaint] = await Promise.all([page.waitForEvent('download'), page.getByTestId('complaint').getByRole('button', { name: 'Télécharger le PDF' }).click()]);
    expect(complaint.suggestedFilename()).toBe(`plainte-cnil-${letterRequest.id.slice(0, 8)}.pdf`);
    expect((await readFile((await complaint.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await page.getByTestId('history').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action')))).toEqual(['create', 'send', 'overdue']);
    await check(page, 'fr', 'rights-request-overdue');
  });

  it('the gas supplier acknowledges, answers and restitutes the corrected address: the page shows it closed-verified, with its history', async () => {
    const gasRequest = (await requests()).find((r) => r.organisation.source === 'org:gaz-reseau')!;
    const pending = (await (await gas.call('rights.pending', { customerRef: gas.customerRef })).json()) as { requests: View[] };
    expect(pending.requests.map((r) => r.id)).toEqual([gasRequest.id]);
    await page.goto(`/rights/${gasRequest.id}`);
    await page.getByRole('heading', { level: 1, name: 'Demande de rectification · Gaz Réseau' }).waitFor();
    await settled(page);
    expect(plain(await page.getByTestId('status-line').textContent())).toContain('Envoyée, en attente de réponse');

    expect((await gas.call('rights.acknowledge', { id: gasRequest.id, customerRef: gas.customerRef })).status).toBe(200);
    expect((await gas.call('rights.answer', { id: gasRequest.id, customerRef: gas.customerRef, outcome: 'done' })).status).toBe(200);
    const item = gasRequest.items[0]!;
    expect(item.what).toBe('postal_address');
    const push = await gas.call('records.push', {
      customerRef: gas.customerRef,
      records: [{ type: 'identity.attribute', source: 'org:gaz-reseau', sourceRef: 'postal_address', occurredAt: new Date().toISOString(), data: { attribute: 'postal_address', value: item.requestedValue, purpose: 'billing' } }],
    });
    expect(push.status).toBe(200);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Demande de rectification · Gaz Réseau' }).waitFor();
    await settled(page);
    expect(plain(await page.getByTestId('status-line').textContent())).toContain('Close, correction vérifiée');
    expect(plain(await page.getByTestId('answer').textContent())).toContain('Fait');
    const history = page.getByTestId('history').locator('li');
    expect(await history.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action')))).toEqual(['create', 'send', 'acknowledge', 'answer', 'verify']);
    expect(plain(await history.nth(2).textContent())).toContain('Réception confirmée — Gaz Réseau');
    expect(plain(await history.nth(4).textContent())).toContain('Correction vérifiée dans une restitution — MesInfos');
    // Nothing is left to do but read: no action is offered on a verified request.
    expect(await page.getByRole('button', { name: /Marquer|Clôturer|Noter/ }).count()).toBe(0);
    await check(page, 'fr', 'rights-request-verified');
  });

  it('drafts a new access request from the form, sends it through the API and records an extension the supplier sent by post', async () => {
    await page.goto('/rights');
    await page.getByRole('heading', { level: 2, name: 'Nouvelle demande' }).waitFor();
    await page.getByLabel('Droit').selectOption('access');
    await page.getByLabel('Organisme', { exact: true }).last().selectOption('org:gaz-reseau');
    await page.getByLabel('Ce que vous demandez, avec vos mots (facultatif)').fill('La copie de mes relevés de consommation depuis 2020.');
    await page.getByRole('button', { name: 'Rédiger la demande' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demande d’accès · Gaz Réseau' }).waitFor();
    await settled(page);
    const drafted = (await requests()).find((r) => r.kind === 'access')!;
    expect(drafted).toMatchObject({ status: 'draft', channel: 'api', organisation: { source: 'org:gaz-reseau' } });
    expect(new URL(page.url()).pathname).toBe(`/rights/${drafted.id}`);
    await page.getByRole('button', { name: 'L’envoyer par son API' }).click();
    await eventually(async () => plain(await page.getByTestId('status-line').textContent())).toContain('Envoyée, en attente de réponse');
    await page.getByLabel('Mois supplémentaires qu’il a pris').selectOption('2');
    await page.getByLabel('Les motifs qu’il a donnés').fill('Demande complexe : dix ans de relevés');
    await page.getByRole('button', { name: 'Il a prolongé le délai' }).click();
    await page.getByText('prolongé de 2 mois : Demande complexe : dix ans de relevés').waitFor();
    const extended = (await requests()).find((r) => r.id === drafted.id)!;
    expect(extended).toMatchObject({ status: 'sent', extensionMonths: 2 });
    // Three months in all from the day sent (art. 12(3)): at least 89 days.
    expect(Date.parse(extended.dueOn!) - Date.parse(extended.sentOn!)).toBeGreaterThanOrEqual(89 * 86_400_000);
    expect(plain(await page.getByTestId('due-on').textContent())).toBe(await pageDate(page, 'fr', extended.dueOn!));
    await check(page, 'fr', 'rights-request-extended');
  });

  it('shows the list in English, and fits a 360 px phone', async () => {
    const en = await h.newPage('en', { width: 360, height: 740 }, await context.storageState());
    try {
      await en.page.goto('/rights');
      await en.page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
      const items = en.page.getByTestId('rights-list').locator('li.rights-item');
      await eventually(() => items.count()).toBe(4);
      for (const r of await requests()) {
        const item = en.page.locator(`li[data-request="${r.id}"]`);
        expect(plain(await item.textContent())).toContain(r.kind === 'access' ? 'Access (GDPR art. 15)' : 'Rectification (GDPR art. 16)');
        if (r.dueOn) expect(plain(await item.getByTestId('due-on').textContent())).toBe(await pageDate(en.page, 'en', r.dueOn));
      }
      await en.page.getByText('Closed, correction verified').waitFor();
      await check(en.page, 'en', 'phone-rights-list');
      const overdue = (await requests()).find((r) => r.status === 'overdue')!;
      await en.page.goto(`/rights/${overdue.id}`);
      await en.page.getByRole('heading', { level: 1, name: `Rectification request · ${overdue.organisation.name}` }).waitFor();
      await en.page.getByRole('heading', { level: 2, name: 'Complain to the CNIL' }).waitFor();
      await check(en.page, 'en', 'phone-rights-request-overdue');
    } finally {
      await en.context.close();
    }
  });

  it('an e-mail request opens in the person’s mail program, subject and body filled in', async () => {
    const erasure = await post<View>('rights.create', { kind: 'erasure', organisation: 'org:mutuelle-sante', channel: 'email' });
    await page.goto(`/rights/${erasure.id}`);
    const write = page.getByRole('link', { name: 'L’écrire dans ma messagerie' });
    await write.waitFor();
    const mailto = new URL((await write.getAttribute('href'))!);
    expect(mailto.protocol).toBe('mailto:');
    const letter = await me<{ subject: string; email: { body: string } }>('rights.letter', { id: erasure.id, lang: 'fr' });
    expect(mailto.searchParams.get('subject')).toBe(letter.subject);
    expect(mailto.searchParams.get('body')).toBe(letter.email.body);
    expect(letter.email.body).toContain('article 17');
    await post('rights.close', { id: erasure.id, note: 'test' });
  });

  it('broke no content security rule and threw no error on any page', () => {
    expect(h.pageProblems).toEqual([]);
  });
});
