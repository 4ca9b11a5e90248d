import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/vault/file-import.ts';
import { makeZip } from '../connectors/make-zip.ts';
import { tempVault } from '../support/temp-vault.ts';

const fixture = (p: string) => readFile(new URL(`../fixtures/${p}`, import.meta.url));

describe('importing files', () => {
  let t: Awaited<ReturnType<typeof tempVault>>;
  beforeEach(async () => {
    t = await tempVault();
  });
  afterEach(async () => t.cleanup());

  it('opens a zip and imports each member with its own connector, all or nothing per member', async () => {
    const zip = await makeZip([
      ['Takeout/Location History/Records.json', await fixture('google-location/Records.json')],
      ['Takeout/Contacts/All Contacts/All Contacts.vcf', await fixture('vcard/' + (await firstFile('vcard')))],
      ['apple_health_export/export.xml', await fixture('apple-health/export.xml')],
      ['apple_health_export/broken.xml', await fixture('apple-health/truncated.xml')],
      ['__MACOSX/._Records.json', Buffer.from('junk')],
    ]);
    const path = join(t.dir, 'takeout.zip');
    await writeFile(path, zip);
    const reports = await importFiles(t.vault, [path]);
    const by = Object.fromEntries(reports.map((r) => [r.file.split('takeout.zip/')[1]!, r]));
    expect(Object.keys(by).sort()).toEqual(['Takeout/Contacts/All Contacts/All Contacts.vcf', 'Takeout/Location History/Records.json', 'apple_health_export/broken.xml', 'apple_health_export/export.xml']);
    expect(by['Takeout/Location History/Records.json']).toMatchObject({ status: 'imported', format: 'google-location' });
    expect(by['Takeout/Contacts/All Contacts/All Contacts.vcf']).toMatchObject({ status: 'imported', format: 'vcard' });
    expect(by['apple_health_export/export.xml']).toMatchObject({ status: 'imported', format: 'apple-health' });
    expect(by['apple_health_export/broken.xml']).toMatchObject({ status: 'refused', format: 'apple-health' });
    const total = reports.reduce((n, r) => n + (r.summary?.counts.inserted ?? 0), 0);
    expect(total).toBeGreaterThan(0);
    expect(await t.vault.store.count()).toBe(total);
    // Again: nothing new.
    const again = await importFiles(t.vault, [path]);
    expect(again.reduce((n, r) => n + (r.summary?.counts.inserted ?? 0), 0)).toBe(0);
  });

  it('takes an XLSX workbook (a zip) as one file when a connector claims it', async () => {
    const path = join(t.dir, 'export-grdf');
    await writeFile(path, await fixture('grdf/grdf-journalier.xlsx'));
    const reports = await importFiles(t.vault, [path]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 'imported', format: 'grdf' });
    expect(reports[0]!.summary!.byType).toHaveProperty('energy.reading');
  });
});

async function firstFile(dir: string): Promise<string> {
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir(new URL(`../fixtures/${dir}/`, import.meta.url), { withFileTypes: true })).filter((f) => f.isFile()).map((f) => f.name).sort();
  return files.find((f) => !/trunc|bad|invalid|tronque/i.test(f))!;
}
