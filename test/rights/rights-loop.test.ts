import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MesInfosError } from '../../src/domain/errors.ts';
import type { Principal } from '../../src/operations/operation.ts';
import { closeServices, createServices, operations } from '../../src/operations/table.ts';
import { inspectPdf } from './pdf-inspect.ts';
import { addMonths, dueDate, localDateOf } from '../../src/rights/deadlines.ts';
import { longDate } from '../../src/rights/letter-texts.ts';
import { openDemoVault } from '../support/demo-vault.ts';
import type { Vault } from '../../src/vault/vault.ts';
import type { OperationServices } from '../../src/operations/operation.ts';

/**
 * The rectification loop on the ten-year demo person, through the operations table as the
 * CLI and the API call it: the three planted inconsistencies become one request per
 * organisation; letters carry only what is needed; a restitution with the corrected value
 * closes its request by itself, a correction made by the person does not.
 */

let vault: Vault;
let services: OperationServices;
let cleanup: () => Promise<void>;

async function call<T = Record<string, unknown>>(name: string, input: Record<string, unknown>, principal: Principal = { kind: 'owner' }): Promise<T> {
  const op = operations.find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name}`);
  const out = await op.handler({ vault, principal, services }, op.input.parse(input));
  return op.output.parse(out) as T;
}

interface View {
  id: string;
  kind: string;
  status: string;
  channel: string;
  organisation: { source: string; name: string };
  items: { what: string; currentValue?: string; requestedValue?: string; since?: string }[];
  sentOn?: string;
  dueOn?: string;
  history: { action: string; by: string; to: string; note?: string }[];
}

async function pushIdentity(source: string, attribute: string, value: string, day: string) {
  return vault.importRecords({
    records: async function* () {
      yield { type: 'identity.attribute', source, sourceRef: attribute, occurredAt: `${day}T10:00:00.000Z`, data: { attribute, value, asOf: day } };
    },
    meta: { format: 'test-restitution', fileName: null, fileHash: null },
  });
}

beforeAll(async () => {
  const demo = await openDemoVault({ copy: true });
  vault = demo.vault;
  cleanup = demo.cleanup;
  services = await createServices(vault);
});

afterAll(async () => {
  await closeServices(services);
  await cleanup();
});

describe('the rectification loop on the demo person', () => {
  let created: View[] = [];

  it('turns the three planted inconsistencies into one rectification per organisation, and nothing else', async () => {
    const out = await call<{ created: View[]; skipped: unknown[] }>('rights.fromQuality', {});
    created = out.created;
    expect(out.skipped).toEqual([]);
    const summary = created.map((r) => [r.organisation.source, r.kind, r.status, r.items.map((i) => `${i.what}: ${i.currentValue} → ${i.requestedValue}`)]).sort();
    expect(summary).toEqual([
      ['org:assurance-horizon', 'rectification', 'draft', ['phone: +33687654321 → +33612345678']],
      ['org:gaz-reseau', 'rectification', 'draft', ['postal_address: 12 rue des Lilas, 69003 Lyon → 27 rue de Marseille, 69007 Lyon']],
      ['org:mutuelle-sante', 'rectification', 'draft', ['email: camille.martn@exemple.fr → camille.martin@exemple.fr']],
    ]);
    // Not linked: a letter, to the organisation named as in its contracts.
    expect(created.find((r) => r.organisation.source === 'org:gaz-reseau')).toMatchObject({ channel: 'letter', organisation: { name: 'Gaz Réseau' } });
    // Running the loop again asks nothing twice.
    const again = await call<{ created: View[]; skipped: { source: string; reason: string }[] }>('rights.fromQuality', {});
    expect(again.created).toEqual([]);
    expect(again.skipped.map((s) => s.source).sort()).toEqual(['org:assurance-horizon', 'org:gaz-reseau', 'org:mutuelle-sante']);
  });

  it('writes a letter with the name, the customer number there and the reply address — not her birth date, IBAN, phone, e-mail or other customer numbers', async () => {
    const gas = created.find((r) => r.organisation.source === 'org:gaz-reseau')!;
    const letter = await call<{ text: string }>('rights.letter', { id: gas.id, lang: 'fr' });
    expect(letter.text).toContain('Camille Martin');
    expect(letter.text).toContain('Référence client : GR-558102');
    expect(letter.text).toContain('« 12 rue des Lilas, 69003 Lyon » est inexact(e) ; la valeur exacte est « 27 rue de Marseille, 69007 Lyon »');
    for (const secret of ['1991', '17 avril', 'FR76', '+336', '06 12', 'camille.martin@exemple.fr', '7712045', 'MSP0451278', 'AH-6620153', 'Villeurbanne'])
      expect(letter.text, `the letter must not hold ${secret}`).not.toContain(secret);
    const en = await call<{ text: string; email?: { to?: string; body: string } }>('rights.letter', { id: gas.id, lang: 'en', medium: 'email' });
    expect(en.text).toContain('Subject: Request to rectify my personal data (Article 16 GDPR)');
    // For a mail program: the body alone (the subject goes in its own field), ending with her name.
    expect(en.email!.body).not.toContain('Subject:');
    expect(en.email!.body.startsWith('Dear Sir or Madam,')).toBe(true);
    expect(en.text).toContain(en.email!.body);
    expect(letter).not.toHaveProperty('email');
    expect(en.text).not.toContain('27 rue de Marseille, 69007 Lyon\n'); // no postal block in an e-mail, only the rectified value inline
    const pdf = await call<{ base64: string; mediaType: string; fileName: string }>('rights.letter', { id: gas.id, lang: 'fr', format: 'pdf' });
    expect(pdf.mediaType).toBe('application/pdf');
    const facts = inspectPdf(Buffer.from(pdf.base64, 'base64'));
    expect(facts.pages).toBe(1);
    expect(facts.text.replace(/\s+/g, ' ')).toContain('Référence client : GR-558102');
  });

  it('sends, and the organisation’s next restitution of the corrected value closes the request as verified', async () => {
    const gas = created.find((r) => r.organisation.source === 'org:gaz-reseau')!;
    const today = localDateOf(Date.now());
    const sent = await call<View>('rights.send', { id: gas.id });
    expect(sent).toMatchObject({ status: 'sent', sentOn: today, dueOn: dueDate(today) });
    // A restitution that still carries the old address changes nothing.
    await pushIdentity('org:gaz-reseau', 'postal_address', '12 rue des Lilas, 69003 Lyon', '2026-02-03');
    expect((await call<View>('rights.show', { id: gas.id })).status).not.toBe('closed-verified');
    // The corrected one, written as the organisation writes it, closes it.
    await pushIdentity('org:gaz-reseau', 'postal_address', '27, r. de Marseille 69007 LYON 7E', '2026-02-10');
    const after = await call<View>('rights.show', { id: gas.id });
    expect(after.status).toBe('closed-verified');
    expect(after.history.at(-1)).toMatchObject({ action: 'verify', by: 'system', to: 'closed-verified' });
    expect(after.history.at(-1)!.note).toContain('org:gaz-reseau now restitutes postal_address');
  });

  it('a correction the person makes in the vault does not verify the organisation’s files', async () => {
    const mutual = created.find((r) => r.organisation.source === 'org:mutuelle-sante')!;
    await call('rights.send', { id: mutual.id });
    const record = (await vault.query({ types: ['identity.attribute'], sources: ['org:mutuelle-sante'], limit: 50 })).records.find((r) => (r.data as { attribute: string }).attribute === 'email')!;
    await vault.correct(record.id, { value: 'camille.martin@exemple.fr' }, 'the insurer mistyped it');
    expect((await call<View>('rights.show', { id: mutual.id })).status).toBe('sent');
    // A correction is no import: the insurer's next restitution (of something else) runs the check, and the corrected e-mail still does not count.
    await pushIdentity('org:mutuelle-sante', 'given_name', 'Camille', '2026-02-12');
    expect((await call<View>('rights.show', { id: mutual.id })).status).toBe('sent');
  });

  it('refuses illegal moves with a clear error, and lists requests with their due day', async () => {
    const phone = created.find((r) => r.organisation.source === 'org:assurance-horizon')!;
    const err = await call('rights.answer', { id: phone.id, outcome: 'done' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MesInfosError);
    expect((err as MesInfosError).code).toBe('RIGHTS_TRANSITION_INVALID');
    expect((err as MesInfosError).message).toMatch(/is draft: it cannot be answered/);
    const notFound = await call('rights.show', { id: '0190a000-0000-7000-8000-00000000dead' }).catch((e: unknown) => e);
    expect((notFound as MesInfosError).code).toBe('RIGHTS_REQUEST_NOT_FOUND');
    const list = await call<{ requests: View[] }>('rights.list', { status: 'sent,closed-verified' });
    expect(list.requests.map((r) => `${r.organisation.source} ${r.status}`).sort()).toEqual(['org:gaz-reseau closed-verified', 'org:mutuelle-sante sent']);
  });

  it('once overdue, offers a ready complaint to the CNIL, in French and English, as text and PDF', async () => {
    const phone = created.find((r) => r.organisation.source === 'org:assurance-horizon')!;
    const sentOn = addMonths(localDateOf(Date.now()), -2);
    const overdue = await call<View & { complaintAvailable: boolean; daysLeft: number }>('rights.send', { id: phone.id, on: sentOn });
    expect(overdue.status).toBe('overdue');
    expect(overdue.complaintAvailable).toBe(true);
    expect(overdue.daysLeft).toBeLessThan(0);
    expect(overdue.history.map((h) => h.action)).toEqual(['create', 'send', 'overdue']);
    const fr = await call<{ text: string }>('rights.complaint', { id: phone.id, lang: 'fr' });
    expect(fr.text).toContain('Réclamation contre Assurance Horizon');
    expect(fr.text.replace(/\s+/g, ' ')).toContain(`a expiré le ${longDate(dueDate(sentOn), 'fr')} sans que j'aie reçu de réponse`);
    expect(fr.text).toContain('Référence client auprès d’Assurance Horizon : AH-6620153');
    const en = await call<{ base64: string }>('rights.complaint', { id: phone.id, lang: 'en', format: 'pdf' });
    expect(inspectPdf(Buffer.from(en.base64, 'base64')).text.replace(/\s+/g, ' ')).toContain('lodge this complaint under Article 77 GDPR');
    const { reminders } = await call<{ reminders: { level: string; organisation: string; message: string }[] }>('rights.reminders', {});
    expect(reminders.map((r) => `${r.level} ${r.organisation}`)).toEqual(['urgent Assurance Horizon']);
    expect(reminders[0]!.message).toContain('a complaint to the CNIL is ready');
  });
});
