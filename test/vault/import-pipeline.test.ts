import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError, type ConnectorRecord } from '../../src/connectors/connector.ts';
import type { RecordId } from '../../src/domain/ids.ts';
import { Vault } from '../../src/vault/vault.ts';
import { asAsync, tempVault, tx, TEST_PASSPHRASE } from '../support/temp-vault.ts';

describe('the import pipeline', () => {
  let t: Awaited<ReturnType<typeof tempVault>>;
  beforeEach(async () => {
    t = await tempVault();
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const importAll = (records: unknown[], fileName = 'test.jsonl') =>
    t.vault.importRecords({ meta: { format: 'test', fileName, fileHash: null }, records: () => asAsync(records) });

  it('saves a valid import with provenance and counts per type', async () => {
    const s = await importAll([tx(1), tx(2), tx(3)]);
    expect(s).toMatchObject({ status: 'committed', counts: { received: 3, inserted: 3, unchanged: 0 }, byType: { 'bank.transaction': 3 }, bySource: { 'org:banque-test': 3 } });
    const page = await t.vault.query({});
    expect(page.records.every((r) => r.importId === s.id)).toBe(true);
    expect((await t.vault.imports())[0]).toMatchObject({ id: s.id, status: 'committed', fileName: 'test.jsonl' });
  });

  it('refuses the whole import when one record is malformed, listing every fault, and changes nothing', async () => {
    await importAll([tx(1)]);
    const bad = [tx(2), { ...tx(3), data: { ...tx(3).data, amount: { amountMinor: 12.5, currency: 'EUR' } } }, tx(4), { ...tx(5), occurredAt: '2025-03-05 11:00' }, tx(6)];
    const err = await importAll(bad, 'releve.jsonl').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'IMPORT_INVALID' });
    const details = (err as { details: { faults: { index: number; field: string; message: string }[] } }).details;
    expect(details.faults.map((f) => [f.index, f.field])).toEqual([
      [1, 'data.amount.amountMinor'],
      [3, 'occurredAt'],
    ]);
    expect((err as Error).message).toContain('releve.jsonl');
    expect((err as Error).message).toContain('Nothing was imported');
    expect(await t.vault.store.count()).toBe(1);
    const log = await t.vault.imports();
    expect(log[0]).toMatchObject({ status: 'refused', fileName: 'releve.jsonl', counts: { received: 5, inserted: 0 } });
    expect(log[0]!.errors).toHaveLength(2);
  });

  it('refuses everything, blobs included, when a connector fails half-way', async () => {
    const s = await t.vault
      .importRecords({
        meta: { format: 'test', fileName: 'broken.vcf', fileHash: null },
        records: (session) =>
          (async function* () {
            await session.putBlob(new TextEncoder().encode('photo'), 'image/jpeg');
            yield tx(1) as ConnectorRecord;
            yield tx(2) as ConnectorRecord;
            throw new ConnectorError('broken.vcf, line 12: the card has no END:VCARD (the file is truncated)', { file: 'broken.vcf', line: 12 });
          })(),
      })
      .catch((e: unknown) => e);
    expect(s).toMatchObject({ code: 'IMPORT_MALFORMED', details: { where: { line: 12 } } });
    expect(await t.vault.store.count()).toBe(0);
    expect((await t.vault.stats()).blobs).toBe(0);
    expect((await t.vault.imports())[0]).toMatchObject({ status: 'refused', errors: [{ location: 'line 12' }] });
  });

  it('is idempotent: the same records again add nothing; an overlapping batch adds only the new ones', async () => {
    await importAll([tx(1), tx(2), tx(3)]);
    expect((await importAll([tx(1), tx(2), tx(3)])).counts).toMatchObject({ inserted: 0, unchanged: 3 });
    expect((await importAll([tx(2), tx(3), tx(4), tx(5)])).counts).toMatchObject({ inserted: 2, unchanged: 2 });
    expect(await t.vault.store.count()).toBe(5);
  });

  it('handles a large import through the worker thread: exact counts, and a fault deep inside named by its index', async () => {
    const many = (n: number, badAt?: number) =>
      (function* () {
        for (let i = 0; i < n; i++) yield i === badAt ? { ...tx(i), sourceRef: '' } : tx(i, { sourceRef: `L${i}` });
      })();
    const err = await t.vault.importRecords({ meta: { format: 'test', fileName: 'big.jsonl', fileHash: null }, records: () => asAsync(many(30_000, 27_123)) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'IMPORT_INVALID', details: { faultCount: 1, faults: [{ index: 27_123, field: 'sourceRef' }] } });
    expect(await t.vault.store.count()).toBe(0);
    const ok = await t.vault.importRecords({ meta: { format: 'test', fileName: 'big.jsonl', fileHash: null }, records: () => asAsync(many(30_000)) });
    expect(ok.counts).toMatchObject({ received: 30_000, inserted: 30_000 });
    expect(ok.byType).toEqual({ 'bank.transaction': 30_000 });
    const again = await t.vault.importRecords({ meta: { format: 'test', fileName: 'big.jsonl', fileHash: null }, records: () => asAsync(many(30_000)) });
    expect(again.counts).toMatchObject({ inserted: 0, unchanged: 30_000 });
  });

  it('forces the source of every record when an organisation pushes its own data', async () => {
    const s = await t.vault.importRecords({ meta: { format: 'api', fileName: null, fileHash: null, forceSource: 'org:edf' }, records: () => asAsync([tx(1, { source: 'org:other' })]) });
    expect(s.status).toBe('committed');
    expect((await t.vault.stats()).bySource).toEqual({ 'org:edf': 1 });
  });

  it('tells its import listeners of each committed import, not of a refused one, until they are removed', async () => {
    const heard: { id: string; inserted: number; bySource: Record<string, number> }[] = [];
    const remove = t.vault.onImport(async (s) => {
      heard.push({ id: s.id, inserted: s.counts.inserted, bySource: s.bySource });
    });
    const first = await importAll([tx(1), tx(2, { source: 'org:edf' })]);
    await importAll([tx(3), { ...tx(4), occurredAt: 'yesterday' }]).catch(() => undefined);
    expect(heard).toEqual([{ id: first.id, inserted: 2, bySource: { 'org:banque-test': 1, 'org:edf': 1 } }]);
    remove();
    await importAll([tx(5)]);
    expect(heard).toHaveLength(1);
    expect(await t.vault.store.count()).toBe(3);
  });

  it('reports a listener\'s failure to the importer as a warning, the import staying committed', async () => {
    t.vault.onImport(async () => {
      throw new Error('the listener broke');
    });
    const s = await importAll([tx(1)]);
    expect(s.status).toBe('committed');
    expect(s.warnings.join('\n')).toContain('the listener broke');
    expect(await t.vault.store.count()).toBe(1);
    expect((await t.vault.imports())[0]).toMatchObject({ status: 'committed', counts: { inserted: 1 } });
  });

  it('corrects a record as a new revision with a reason, and refuses a correction that breaks the schema', async () => {
    await importAll([tx(1, { label: 'CB CARFOUR' })]);
    const [rec] = (await t.vault.query({})).records;
    const id = rec!.id as RecordId;
    const c = await t.vault.correct(id, { label: 'CB CARREFOUR', 'amount.amountMinor': '-1250' }, 'the bank misspelt it');
    expect(c).toMatchObject({ revision: 2, revisedBy: 'person', revisionReason: 'the bank misspelt it', data: { label: 'CB CARREFOUR', amount: { amountMinor: -1250 } } });
    const revs = await t.vault.revisions(id);
    expect(revs.map((r) => [r.revisedBy, (r.data as { label: string }).label])).toEqual([
      ['source', 'CB CARFOUR'],
      ['person', 'CB CARREFOUR'],
    ]);
    await expect(t.vault.correct(id, { 'amount.currency': 'EURO' }, 'x')).rejects.toMatchObject({ code: 'CORRECTION_INVALID', message: expect.stringContaining('data.amount.currency') });
    await expect(t.vault.correct(id, { label: 'x' }, ' ')).rejects.toMatchObject({ code: 'CORRECTION_INVALID' });
    await expect(t.vault.correct('01900000-0000-7000-8000-000000000000' as RecordId, { label: 'x' }, 'r')).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
    expect((await t.vault.revisions(id)).length).toBe(2);
  });

  it('reopens only with the right passphrase, leaving the file untouched otherwise', async () => {
    await importAll([tx(1)]);
    await t.vault.close();
    const before = createHash('sha256').update(await readFile(t.path)).digest('hex');
    await expect(Vault.open({ path: t.path, passphrase: 'wrong passphrase' })).rejects.toMatchObject({ code: 'VAULT_PASSPHRASE_WRONG' });
    expect(createHash('sha256').update(await readFile(t.path)).digest('hex')).toBe(before);
    t.vault = await Vault.open({ path: t.path, passphrase: TEST_PASSPHRASE });
    expect(await t.vault.store.count()).toBe(1);
  });

  it('changes the passphrase', async () => {
    await importAll([tx(1)]);
    await t.vault.changePassphrase('a brand new passphrase');
    await t.vault.close();
    await expect(Vault.open({ path: t.path, passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'VAULT_PASSPHRASE_WRONG' });
    t.vault = await Vault.open({ path: t.path, passphrase: 'a brand new passphrase' });
    expect(await t.vault.store.count()).toBe(1);
  });
});
