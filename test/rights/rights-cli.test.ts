import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VAULT_PASSPHRASE, openDemoVault } from '../support/demo-vault.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-vault.ts';
import { inspectPdf } from './pdf-inspect.ts';

/** `mesinfos rights …` on a copy of the demo person, as a person types it. */

let path: string;
let cleanup: () => Promise<void>;
let out: { dir: string; cleanup: () => Promise<void> };
const cli = (...args: string[]) => runCli(['--vault', path, ...args], { MESINFOS_PASSPHRASE: DEMO_VAULT_PASSPHRASE });

beforeAll(async () => {
  const demo = await openDemoVault({ copy: true });
  await demo.vault.close();
  path = demo.path;
  cleanup = demo.cleanup;
  out = await tempDir('mesinfos-rights-');
});

afterAll(async () => {
  await cleanup();
  await out.cleanup();
});

describe('mesinfos rights', () => {
  it('creates an access request, sends it, prints its letter and saves it as PDF', async () => {
    const created = await cli('--json', 'rights', 'create', '--kind', 'access', '--organisation', 'org:telco-mobile', '--what', 'telecom.usage');
    expect(created.code, created.stderr).toBe(0);
    const r = JSON.parse(created.stdout) as { id: string; channel: string; status: string; organisation: { name: string } };
    expect(r).toMatchObject({ channel: 'letter', status: 'draft', organisation: { name: 'Telco Mobile' } });

    const sent = await cli('rights', 'send', r.id);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/^Request .* sent on \d{4}-\d{2}-\d{2}; Telco Mobile must answer by \d{4}-\d{2}-\d{2}\.$/m);

    const letter = await cli('rights', 'letter', r.id, '--lang', 'en');
    expect(letter.code, letter.stderr).toBe(0);
    expect(letter.stdout).toContain('Under Article 15 of Regulation (EU) 2016/679 (GDPR)');
    expect(letter.stdout).toContain('Customer reference: TM98120455');

    const file = join(out.dir, 'demande.pdf');
    const saved = await cli('rights', 'save', r.id, '--out', file);
    expect(saved.code, saved.stderr).toBe(0);
    const pdf = inspectPdf(await readFile(file));
    expect(pdf.pages).toBe(1);
    expect(pdf.text.replace(/\s+/g, ' ')).toContain("Demande d'accès à mes données personnelles (article 15 du RGPD)");

    const shown = await cli('rights', 'show', r.id);
    expect(shown.stdout).toMatch(/person\s+send\s+draft → sent/);
  });

  it('drafts a rectification from the command line, with --what/--current/--requested or an item as JSON', async () => {
    const a = await cli('--json', 'rights', 'create', '--kind', 'rectification', '--organisation', 'org:box-internet', '--what', 'phone', '--current', '06 87 65 43 21', '--requested', '+33612345678');
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ items: [{ what: 'phone', currentValue: '06 87 65 43 21', requestedValue: '+33612345678' }] });
    const b = await cli('--json', 'rights', 'create', '--kind', 'rectification', '--organisation', 'org:box-internet', '--items', '{"what":"email","currentValue":"c.martin@exemple.fr","requestedValue":"camille.martin@exemple.fr"}');
    expect(b.code, b.stderr).toBe(0);
    const letter = await cli('rights', 'letter', (JSON.parse(b.stdout) as { id: string }).id, '--lang', 'en');
    expect(letter.stdout).toContain('- e-mail address: "c.martin@exemple.fr" is wrong; the correct value is "camille.martin@exemple.fr".');
    const none = await cli('rights', 'create', '--kind', 'rectification', '--organisation', 'org:box-internet', '--what', 'phone');
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/names each wrong value and the value it should be/);
  });

  it('refuses an illegal move and a complaint before the deadline, with the reason', async () => {
    const created = JSON.parse((await cli('--json', 'rights', 'create', '--kind', 'erasure', '--organisation', 'org:supermarche')).stdout) as { id: string };
    const answered = await cli('rights', 'answer', created.id, '--outcome', 'done');
    expect(answered.code).toBe(3);
    expect(answered.stderr).toMatch(/is draft: it cannot be answered/);
    const complaint = await cli('rights', 'complaint', created.id);
    expect(complaint.code).not.toBe(0);
    expect(complaint.stderr).toMatch(/once a request is overdue or refused/);
  });
});
