import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordId } from '../../src/domain/ids.ts';
import { exportArchive, importArchive } from '../../src/vault/vault-archive.ts';
import { Vault } from '../../src/vault/vault.ts';
import { asAsync, tempVault, tx, TEST_PASSPHRASE } from '../support/temp-vault.ts';

async function readZip(path: string): Promise<Map<string, string>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const out = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', async (e: yauzl.Entry) => {
      const chunks: Buffer[] = [];
      for await (const c of await zip.openReadStreamPromise(e)) chunks.push(c as Buffer);
      out.set(e.fileName, Buffer.concat(chunks).toString('utf8'));
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

describe('the vault archive', () => {
  let t: Awaited<ReturnType<typeof tempVault>>;
  beforeEach(async () => {
    t = await tempVault();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function fill(vault: Vault) {
    let blobRef: unknown;
    await vault.importRecords({
      meta: { format: 'test', fileName: null, fileHash: null },
      records: (s) =>
        (async function* () {
          blobRef = await s.putBlob(new TextEncoder().encode('%PDF-1.4 facture EDF mars'), 'application/pdf', 'facture.pdf');
          yield* asAsync([tx(1), tx(2, { label: 'PRLV SEPA EDF' })]);
          yield {
            type: 'document',
            source: 'org:edf',
            sourceRef: 'F-2025-03',
            occurredAt: '2025-03-10T00:00:00Z',
            data: { kind: 'bill', title: 'Facture mars', issuer: 'EDF', issuedOn: '2025-03-10', amount: { amountMinor: 4250, currency: 'EUR' }, file: blobRef },
          };
        })(),
    });
    const [first] = (await vault.query({ types: ['bank.transaction'] })).records;
    await vault.correct(first!.id as RecordId, { label: 'CB BOULANGERIE' }, 'clearer');
  }

  it('round-trips: export → import into a new vault → export gives the same records, revisions and blobs', async () => {
    await fill(t.vault);
    const a = join(t.dir, 'a.zip');
    const m = await exportArchive(t.vault, a);
    expect(m.counts).toMatchObject({ total: 3, byType: { 'bank.transaction': 2, document: 1 }, blobs: 1 });
    const other = await Vault.create({ path: join(t.dir, 'other.mesinfos'), passphrase: TEST_PASSPHRASE });
    try {
      const r = await importArchive(other, a);
      expect(r).toMatchObject({ inserted: 3, unchanged: 0, blobs: 1 });
      const b = join(t.dir, 'b.zip');
      await exportArchive(other, b);
      const [za, zb] = [await readZip(a), await readZip(b)];
      for (const name of za.keys()) if (name !== 'manifest.json') expect(zb.get(name), name).toBe(za.get(name));
      expect([...zb.keys()].sort()).toEqual([...za.keys()].sort());
      const [corrected] = (await other.query({ text: 'boulangerie' })).records;
      expect((await other.revisions(corrected!.id as RecordId)).map((x) => x.revisedBy)).toEqual(['source', 'person']);
      // Importing it again adds nothing.
      expect(await importArchive(other, a)).toMatchObject({ inserted: 0, unchanged: 3 });
    } finally {
      await other.close();
    }
  });

  it('documents its format in the manifest with checksums, and refuses a damaged archive without importing anything', async () => {
    await fill(t.vault);
    const a = join(t.dir, 'a.zip');
    await exportArchive(t.vault, a);
    const files = await readZip(a);
    const manifest = JSON.parse(files.get('manifest.json')!) as { format: string; files: { path: string }[] };
    expect(manifest.format).toBe('mesinfos-archive');
    expect(manifest.files.map((f) => f.path).sort()).toEqual([...files.keys()].filter((k) => k !== 'manifest.json').sort());
    // Flip one stored byte inside the transactions file (stored, since yazl deflates: corrupt the raw zip).
    const bytes = await readFile(a);
    const at = bytes.indexOf(Buffer.from('records/bank.transaction.jsonl')) + 200;
    bytes[at] = bytes[at]! ^ 0xff;
    const damaged = join(t.dir, 'damaged.zip');
    await writeFile(damaged, bytes);
    const other = await Vault.create({ path: join(t.dir, 'other.mesinfos'), passphrase: TEST_PASSPHRASE });
    try {
      await expect(importArchive(other, damaged)).rejects.toBeTruthy();
      expect(await other.store.count()).toBe(0);
      expect((await other.stats()).blobs).toBe(0);
    } finally {
      await other.close();
    }
  });
});
