import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { tempDir, tx } from '../support/temp-vault.ts';

describe('the mesinfos command', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let vault: string;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    vault = join(dir, 'v.mesinfos');
  });
  afterAll(async () => cleanup());
  const cli = (...args: string[]) => runCli(['--vault', vault, ...args]);

  it('says there is no vault yet, with exit code 4, and creates one with init', async () => {
    const none = await cli('stats');
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/No vault at .*mesinfos init/);
    const init = await cli('init');
    expect(init).toMatchObject({ code: 0 });
    expect(init.stdout).toContain('Created an encrypted vault');
    expect((await cli('init')).code).toBe(4);
  });

  it('refuses to run without a passphrase when there is no terminal', async () => {
    const r = await runCli(['--vault', vault, 'stats'], { MESINFOS_PASSPHRASE: '' });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('MESINFOS_PASSPHRASE');
    const wrong = await runCli(['--vault', vault, 'stats'], { MESINFOS_PASSPHRASE: 'not it at all' });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain('passphrase does not open');
  });

  it('imports JSON Lines of records, reports counts, and reports 0 new the second time', async () => {
    const file = join(dir, 'records.jsonl');
    await writeFile(file, [tx(1, { label: 'PRLV SEPA LOYER AVRIL' }), tx(2), tx(3)].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const first = await cli('import', file);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/3 new, 0 changed, 0 already known \(3 bank\.transaction\)/);
    const again = await cli('import', file, '--json');
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as { files: { status: string; summary: { counts: { inserted: number; unchanged: number } } }[] };
    expect(report.files[0]!.summary.counts).toMatchObject({ inserted: 0, unchanged: 3 });
  });

  it('refuses a file with a bad record, names the record and field, exits 3, and imports nothing', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, [JSON.stringify(tx(10)), JSON.stringify({ ...tx(11), data: { ...tx(11).data, bookingDate: '2025-02-30' } })].join('\n'));
    const r = await cli('import', file);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/record 2 \(line 2\) data\.bookingDate: not a real calendar date/);
    const stats = JSON.parse((await cli('stats', '--json')).stdout) as { total: number };
    expect(stats.total).toBe(3);
  });

  it('says which connectors it tried for a file nobody recognises', async () => {
    const file = join(dir, 'mystery.bin');
    await writeFile(file, Buffer.from([0, 1, 2, 3, 250, 251, 252, 0, 0, 7]));
    const r = await cli('import', file);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/no connector recognised this file\. Tried: /);
  });

  it('lists records as JSON with the documented fields, filtered by type, dates and text', async () => {
    const r = await cli('records', '--type', 'bank.transaction', '--from', '2025-03-01', '--to', '2025-03-31', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list).toHaveLength(3);
    for (const rec of list) for (const k of ['id', 'type', 'source', 'sourceRef', 'occurredAt', 'data']) expect(rec).toHaveProperty(k);
    const search = JSON.parse((await cli('records', '--search', 'loyer', '--json')).stdout) as { sourceRef: string }[];
    expect(search.map((x) => x.sourceRef)).toEqual(['T1']);
    const table = await cli('records', '--search', 'loyer');
    expect(table.stdout).toMatch(/occurred\s+type\s+source/);
    expect(table.stdout).toContain('PRLV SEPA LOYER AVRIL');
    expect((await cli('records', '--from', 'yesterday')).code).toBe(3);
    expect((await cli('records', '--type', 'bank.nope')).code).toBe(3);
  });

  it('prints stats as the documented JSON', async () => {
    const r = await cli('stats', '--json');
    expect(JSON.parse(r.stdout)).toEqual({ total: 3, byType: { 'bank.transaction': 3 }, bySource: { 'org:banque-test': 3 } });
    expect((await cli('stats')).stdout).toMatch(/type bank\.transaction\s+3/);
  });

  it('corrects a record with --set and --reason, keeping the original', async () => {
    const [rec] = JSON.parse((await cli('records', '--search', 'loyer', '--json')).stdout) as { id: string }[];
    const r = await cli('correct', rec!.id, '--set', 'label=PRLV SEPA LOYER AVRIL 2025', '--reason', 'more precise');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('now revision 2');
    const shown = JSON.parse((await cli('show', rec!.id, '--json')).stdout) as { record: { data: { label: string } }; revisions: { revisedBy: string }[] };
    expect(shown.record.data.label).toBe('PRLV SEPA LOYER AVRIL 2025');
    expect(shown.revisions.map((x) => x.revisedBy)).toEqual(['source', 'person']);
    expect((await cli('correct', rec!.id, '--set', 'amount.currency=EURO', '--reason', 'x')).code).toBe(3);
    expect((await cli('correct', rec!.id, '--set', 'label=x')).code).toBe(3);
    expect((await cli('correct', '01900000-0000-7000-8000-000000000000', '--set', 'label=x', '--reason', 'r')).code).toBe(5);
  });

  it('exports the vault to an archive that imports into another vault', async () => {
    const out = join(dir, 'export.zip');
    const r = await cli('export', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exported 3 records');
    const other = join(dir, 'other.mesinfos');
    expect((await runCli(['--vault', other, 'init'])).code).toBe(0);
    const imp = await runCli(['--vault', other, 'import', out]);
    expect(imp.code).toBe(0);
    expect(imp.stdout).toContain('3 new');
    expect(JSON.parse((await runCli(['--vault', other, 'stats', '--json'])).stdout)).toMatchObject({ total: 3 });
  });

  it('imports an unknown bank CSV layout with --map, saves it as a profile, and reuses it', async () => {
    const csv = new URL('../fixtures/bank-csv/bad/unknown-layout.csv', import.meta.url).pathname;
    const refused = await cli('import', csv);
    expect(refused.code).toBe(3);
    const mapped = await cli('import', csv, '--format', 'bank-csv', '--map', 'date=Date comptable,label=Intitulé,amount=Somme,account=FR-COURANT', '--save-profile', 'ma-banque', '--json');
    expect(mapped.code, mapped.stdout).toBe(0);
    const first = (JSON.parse(mapped.stdout) as { files: { summary: { counts: { inserted: number }; bySource: Record<string, number> } }[] }).files[0]!.summary;
    expect(first.counts.inserted).toBeGreaterThan(0);
    expect(Object.keys(first.bySource)).toHaveLength(1);
    const again = await cli('import', csv, '--profile', 'ma-banque', '--json');
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { files: { summary: { counts: { inserted: number; unchanged: number } } }[] }).files[0]!.summary.counts).toMatchObject({ inserted: 0 });
    const missing = await cli('import', csv, '--profile', 'autre');
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain('Saved: ma-banque');
  });

  it('names the known formats when --format names none of them', async () => {
    const r = await cli('import', join(dir, 'records.jsonl'), '--format', 'nope');
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Unknown format "nope". Known: ');
    for (const id of ['ofx', 'camt', 'enedis', 'generic']) expect(r.stdout).toMatch(new RegExp(`Known: .*\\b${id}\\b`));
  });

  it('answers an unknown command with exit code 2', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
  });
});
