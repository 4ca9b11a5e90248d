import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FIXTURES, MY_FIXTURES, csrf, eventually, pageState, screenshot, seriousViolations, startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSPHRASE = 'tilleul boussole marée quarante';
const NEW_PASSPHRASE = 'girafe lanterne velours dix-sept';

/** A link of the main navigation. */
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

/** Checks the screen as it is: it fits the window, no serious or critical axe violation, then a screenshot. */
async function check(page: Page, name: string): Promise<void> {
  expect((await pageState(page)).scrollWidth, `${name} overflows the window`).toBeLessThanOrEqual(1280);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, 'fr', name);
}

describe('a newcomer’s journey in real Chromium, in French', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let page: Page;
  beforeAll(async () => {
    h = await startBrowserHarness();
    ({ page } = await h.newPage('fr'));
  }, 180_000);
  afterAll(async () => h?.close());

  it('creates the vault with a passphrase whose strength is shown', async () => {
    await page.goto('/');
    await eventually(() => page.url()).toContain('/welcome');
    await page.getByRole('heading', { name: 'Créer votre coffre' }).waitFor();
    await page.getByLabel('Phrase de passe', { exact: true }).fill('azerty');
    await page.getByText('Solidité : très faible').waitFor();
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByText(/Solidité : (bonne|excellente)/).waitFor();
    await check(page, 'onboarding-create');
    await page.getByLabel('Phrase de passe, à nouveau').fill(PASSPHRASE + 'x');
    await page.getByRole('button', { name: 'Créer mon coffre' }).click();
    await page.getByText('Les deux phrases de passe diffèrent.').waitFor();
    await page.getByLabel('Phrase de passe, à nouveau').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Créer mon coffre' }).click();
    await page.getByRole('heading', { name: 'Votre coffre est prêt' }).waitFor();
    await check(page, 'onboarding-ready');
  });

  it('imports sample files through the page, with a result per file and the refusals explained', async () => {
    await page.getByRole('link', { name: 'Importer mes fichiers' }).click();
    await page.getByRole('heading', { name: 'Importer', level: 1 }).waitFor();
    await check(page, 'import-empty');
    await page.getByLabel('Choisir des fichiers').setInputFiles([
      join(FIXTURES, 'bank-csv', 'boursorama.csv'),
      join(FIXTURES, 'ofx', 'ofx2-xml.ofx'),
      join(FIXTURES, 'vcard', 'google-40.vcf'),
      join(MY_FIXTURES, 'identite-fournisseurs.jsonl'),
      join(FIXTURES, 'enedis', 'valeur-invalide.csv'),
      join(FIXTURES, 'bank-csv', 'bad', 'unknown-layout.csv'),
    ]);
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toBe('4 importés · 1 refusés · 1 non reconnus · 0 en échec');
    const problems = page.locator('.problems');
    await eventually(() => problems.textContent()).toContain('valeur-invalide.csv');
    expect(await problems.textContent()).toContain('line 3: expected a number in "Valeur", found "quatre cents"');
    expect(await problems.textContent()).toContain('unknown-layout.csv — Non reconnu');
    // In French, each refusal leads with what it means, the server's precise words beside it.
    expect(await problems.textContent()).toContain('valeur-invalide.csv — Refusé : Le fichier est mal formé : rien n’a été importé. (');
    expect(await problems.textContent()).toContain('unknown-layout.csv — Non reconnu : Aucun format connu ne correspond à ce fichier. (');
    // The server's temporary path never reaches the person.
    expect(await page.locator('main').textContent()).not.toMatch(/mesinfos-upload-/);
    await eventually(() => page.getByText('5 nouveaux, 0 modifiés, 0 déjà connus').count()).toBe(1);
    // The import log names the files as the person knows them.
    await eventually(() => page.getByRole('cell', { name: 'boursorama.csv' }).count()).toBe(1);
    await check(page, 'import-done');
  });

  it('finds a transaction in the timeline by searching, and the search is in the URL', async () => {
    await nav(page, 'Chronologie').click();
    await page.getByRole('heading', { name: 'Chronologie', level: 1 }).waitFor();
    await eventually(() => page.getByTestId('timeline').locator('li').count()).toBe(18);
    await check(page, 'timeline');
    await page.getByLabel('Rechercher').fill('carrefour');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await eventually(() => page.getByTestId('timeline').locator('li').count()).toBe(1);
    expect(await page.getByTestId('timeline').textContent()).toContain('CB CARREFOUR 12/03');
    expect(page.url()).toContain('search=carrefour');
  });

  it('sees the budget of March 2025 with the totals of the imported statement', async () => {
    // Expected figures read straight from the bank's file: credits are income, debits spending.
    const rows = (await readFile(join(FIXTURES, 'bank-csv', 'boursorama.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => l.split(';'));
    const march = rows.filter((r) => r[0]!.startsWith('2025-03')).map((r) => Number(r[6]!.replace(',', '.')));
    const income = march.filter((a) => a > 0).reduce((a, b) => a + b, 0);
    const spending = -march.filter((a) => a < 0).reduce((a, b) => a + b, 0);
    const euros = (x: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(x).replace(/\s/g, ' ');
    const shown = async (id: string) => ((await page.getByTestId(id).textContent()) ?? '').replace(/\s/g, ' ');
    await page.goto('/budget?month=2025-03');
    await eventually(() => shown('budget-income')).toContain(euros(income));
    expect(await shown('budget-spending')).toContain(euros(spending));
    await check(page, 'budget-march');
  });

  it('corrects an address an organisation got wrong; the source’s original stays in the history', async () => {
    await page.goto('/timeline?type=identity.attribute&search=Tilleuls');
    await page.getByRole('link', { name: /12 rue des Tilleuls/ }).click();
    await page.getByRole('heading', { name: 'Enregistrement · Éléments d’identité' }).waitFor();
    await page.getByLabel(/^Valeur value$/).fill('8 place Bellecour, 69002 Lyon');
    await page.getByLabel('Adresse › Rue').fill('8 place Bellecour');
    await page.getByLabel('Adresse › Ville').fill('Lyon');
    await page.getByLabel('Adresse › Code postal').fill('69002');
    await page.getByLabel('Pourquoi le corrigez-vous ?').fill('J’ai déménagé en mars');
    await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await page.getByText('Correction enregistrée : révision 2.').waitFor();
    await eventually(() => page.getByTestId('record-data').textContent()).toContain('8 place Bellecour, 69002 Lyon');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const stored = (await (await page.request.get(`/api/me/records/get?id=${id}`)).json()) as { record: { data: { address: unknown } } };
    expect(stored.record.data.address).toMatchObject({ street: ['8 place Bellecour'], locality: 'Lyon', postalCode: '69002' });
    const history = await page.locator('.history').textContent();
    expect(history).toContain('corrigé par vous');
    expect(history).toContain('tel que la source l’a donné');
    expect(history).toContain('J’ai déménagé en mars');
    await check(page, 'record-corrected');
  });

  it('grants an app monthly totals, reads the receipt, revokes it in one click, and sees both in the access log', async () => {
    await nav(page, 'Partage').click();
    await page.getByText('Vous n’avez rien partagé').waitFor();
    await check(page, 'sharing-empty');
    // An app the person registered is offered by its id; choosing it fills in its name.
    const registered = await page.request.post('/api/me/clients/register', {
      headers: { 'x-csrf-token': await csrf(page.request) },
      data: { kind: 'app', name: 'Coach Budget', redirectUris: ['http://127.0.0.1:8765/callback'] },
    });
    expect(registered.status()).toBe(200);
    const { client } = (await registered.json()) as { client: { clientId: string } };
    await page.reload();
    await page.getByText('Vous n’avez rien partagé').waitFor();
    expect(await page.locator('datalist option').evaluateAll((os) => os.map((o) => [o.getAttribute('value'), o.textContent]))).toEqual([[client.clientId, 'Coach Budget']]);
    await page.getByLabel('Qui (identifiant client)').fill(client.clientId);
    expect(await page.getByLabel('Nom affiché pour vous').inputValue()).toBe('Coach Budget');
    await page.getByLabel('bank.transaction').check();
    await page.getByLabel('Niveau de détail').selectOption('month');
    await page.getByRole('button', { name: 'Donner l’accès' }).click();
    await page.getByText(/Accès donné\. Reçu .+ signé\./).waitFor();
    const grant = page.getByTestId('grant');
    await eventually(() => grant.textContent()).toContain('Actif');
    expect(await grant.textContent()).toContain('Opérations bancaires — Totaux par mois — Fournir un service que j’ai demandé');
    await check(page, 'sharing-active');

    await grant.getByRole('link', { name: 'Détails' }).click();
    await page.getByRole('heading', { name: 'Consentement donné', exact: false }).waitFor();
    expect(await page.locator('.jws').first().textContent()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await check(page, 'grant-receipt');

    await page.getByRole('link', { name: /Retour au partage/ }).click();
    await page.getByRole('button', { name: 'Retirer l’accès donné à Coach Budget' }).click();
    await page.getByText(/Accès de Coach Budget retiré\. Reçu .+ signé\./).waitFor();
    await eventually(() => grant.textContent()).toContain('Retiré');
    expect(await page.getByRole('button', { name: /Retirer l’accès/ }).count()).toBe(0);

    await nav(page, 'Journal des accès').click();
    await page.getByText(/Le journal est intact/).waitFor();
    const consents = page.getByTestId('consent-events');
    await consents.waitFor();
    const text = await consents.textContent();
    expect(text).toContain('Vous avez donné à Coach Budget l’accès à Opérations bancaires (Totaux par mois)');
    expect(text).toContain('Vous avez retiré à Coach Budget l’accès à Opérations bancaires');
    await check(page, 'access-log');
  });

  it('changes the passphrase, locks, and unlocks only with the new one', async () => {
    await nav(page, 'Réglages').click();
    await page.getByRole('heading', { name: 'Réglages', level: 1 }).waitFor();
    await check(page, 'settings');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Télécharger l’archive' }).click();
    expect((await download).suggestedFilename()).toMatch(/^mesinfos-vault-\d{4}-\d{2}-\d{2}\.zip$/);

    await page.getByLabel('Phrase de passe actuelle').fill(PASSPHRASE);
    await page.getByLabel('Nouvelle phrase de passe', { exact: true }).fill(NEW_PASSPHRASE);
    await page.getByLabel('Nouvelle phrase de passe, à nouveau').fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Changer la phrase de passe' }).click();
    await page.getByText(/Phrase de passe changée/).waitFor();

    await page.getByRole('button', { name: 'Verrouiller le coffre' }).click();
    await page.getByRole('heading', { name: 'Déverrouiller votre coffre' }).waitFor();
    await check(page, 'onboarding-unlock');
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByText('Cette phrase de passe n’ouvre pas le coffre.').waitFor();
    await page.getByLabel('Phrase de passe', { exact: true }).fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    // Back where the person was when the vault locked.
    await page.getByRole('heading', { name: 'Réglages', level: 1 }).waitFor();
    await nav(page, 'Vue d’ensemble').click();
    await page.getByRole('heading', { name: 'Vue d’ensemble', level: 1 }).waitFor();
    expect(await page.getByTestId('record-total').textContent()).toBe('18 enregistrements');
    await check(page, 'overview');
  });

  it('broke no content security rule and threw no error on any page', () => {
    expect(h.pageProblems).toEqual([]);
  });
});
