import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newImportId } from '../../src/domain/ids.ts';
import type { PreparedRecord } from '../../src/store/record-store.ts';
import { prepareRecord } from '../../src/vault/prepare.ts';
import { SqliteRecordStore } from '../../src/store/sqlite/sqlite-record-store.ts';
import { TEST_PASSPHRASE, tempDir, tx } from '../support/temp-vault.ts';
import { describeRecordStoreContract } from './record-store-contract.ts';

for (const cipher of ['chacha20', 'sqlcipher'] as const) {
  describeRecordStoreContract(`SqliteRecordStore (${cipher})`, async () => {
    const t = await tempDir();
    const store = SqliteRecordStore.open({ path: join(t.dir, 'v.mesinfos'), passphrase: TEST_PASSPHRASE, cipher, create: true });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await t.cleanup();
      },
    };
  });
}

describe('SqliteRecordStore encryption', () => {
  it('writes nothing readable: no label, no source, no SQLite header in the file or its WAL', async () => {
    const t = await tempDir();
    try {
      const path = join(t.dir, 'v.mesinfos');
      const store = SqliteRecordStore.open({ path, passphrase: TEST_PASSPHRASE, create: true });
      const w = await store.beginWrite();
      const r = prepareRecord(tx(1, { label: 'BOULANGERIE DUPONT SECRETE' }), 0);
      await w.upsertBatch([(r as { record: PreparedRecord }).record], newImportId());
      await w.commit();
      // Check the WAL before the checkpoint, then the main file after close.
      for (const name of await readdir(t.dir)) {
        const bytes = await readFile(join(t.dir, name));
        expect(bytes.includes(Buffer.from('BOULANGERIE')), name).toBe(false);
      }
      await store.close();
      const bytes = await readFile(path);
      expect(bytes.includes(Buffer.from('BOULANGERIE'))).toBe(false);
      expect(bytes.includes(Buffer.from('org:banque-test'))).toBe(false);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    } finally {
      await t.cleanup();
    }
  });

  it('refuses a wrong passphrase and leaves the file byte-for-byte unchanged', async () => {
    const t = await tempDir();
    try {
      const path = join(t.dir, 'v.mesinfos');
      const store = SqliteRecordStore.open({ path, passphrase: TEST_PASSPHRASE, create: true });
      await store.close();
      const before = createHash('sha256').update(await readFile(path)).digest('hex');
      const filesBefore = (await readdir(t.dir)).sort();
      expect(() => SqliteRecordStore.open({ path, passphrase: 'not the passphrase' })).toThrow(expect.objectContaining({ code: 'VAULT_PASSPHRASE_WRONG' }));
      expect(() => SqliteRecordStore.open({ path, passphrase: TEST_PASSPHRASE, cipher: 'sqlcipher' })).toThrow(expect.objectContaining({ code: 'VAULT_PASSPHRASE_WRONG' }));
      expect(createHash('sha256').update(await readFile(path)).digest('hex')).toBe(before);
      expect((await readdir(t.dir)).sort()).toEqual(filesBefore);
      const again = SqliteRecordStore.open({ path, passphrase: TEST_PASSPHRASE });
      expect(await again.count()).toBe(0);
      await again.close();
    } finally {
      await t.cleanup();
    }
  });

  it('says clearly when there is no vault, or the file is not one', async () => {
    const t = await tempDir();
    try {
      expect(() => SqliteRecordStore.open({ path: join(t.dir, 'absent'), passphrase: 'x' })).toThrow(expect.objectContaining({ code: 'VAULT_NOT_FOUND' }));
      const junk = join(t.dir, 'junk');
      await import('node:fs/promises').then((fs) => fs.writeFile(junk, 'this is not a database, just text '.repeat(200)));
      expect(() => SqliteRecordStore.open({ path: junk, passphrase: 'x' })).toThrow(expect.objectContaining({ code: 'VAULT_PASSPHRASE_WRONG' }));
    } finally {
      await t.cleanup();
    }
  });
});
