import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newImportId, type RecordId } from '../../src/domain/ids.ts';
import type { PreparedRecord, RecordStore } from '../../src/store/record-store.ts';
import { prepareRecord } from '../../src/vault/prepare.ts';
import { tx } from '../support/temp-vault.ts';

/**
 * The contract every RecordStore adapter must pass. An adapter's test calls
 * `describeRecordStoreContract('Name', factory)`; the factory returns a fresh, empty
 * store and a cleanup function. Nothing here knows which database is behind the port.
 */
export function describeRecordStoreContract(name: string, factory: () => Promise<{ store: RecordStore; cleanup: () => Promise<void> }>) {
  describe(`RecordStore contract: ${name}`, () => {
    let store: RecordStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => {
      await cleanup();
    });

    const valid = (raw: unknown): PreparedRecord => {
      const v = prepareRecord(raw, 0);
      if (!v.ok) throw new Error(JSON.stringify(v.faults));
      return v.record;
    };
    const write = async (records: PreparedRecord[]) => {
      const w = await store.beginWrite();
      const c = await w.upsertBatch(records, newImportId());
      await w.commit();
      return c;
    };

    it('upserts idempotently on (source, type, sourceRef)', async () => {
      const batch = [valid(tx(1)), valid(tx(2)), valid(tx(3))];
      expect(await write(batch)).toEqual({ inserted: 3, updated: 0, unchanged: 0, deleted: 0 });
      expect(await write(batch)).toEqual({ inserted: 0, updated: 0, unchanged: 3, deleted: 0 });
      expect(await store.count()).toBe(3);
    });

    it('keeps the same sourceRef from two sources, or two types, apart', async () => {
      await write([valid(tx(1)), valid(tx(1, { source: 'org:autre-banque' }))]);
      expect(await store.count()).toBe(2);
    });

    it('turns a changed record into a new revision and keeps the previous one', async () => {
      await write([valid(tx(1, { label: 'CB CARREFOUR' }))]);
      const c = await write([valid(tx(1, { label: 'CB CARREFOUR MARKET LYON' }))]);
      expect(c).toEqual({ inserted: 0, updated: 1, unchanged: 0, deleted: 0 });
      const [rec] = (await store.query({})).records;
      expect(rec!.revision).toBe(2);
      expect((rec!.data as { label: string }).label).toBe('CB CARREFOUR MARKET LYON');
      const revs = await store.revisions(rec!.id);
      expect(revs.map((r) => (r.data as { label: string }).label)).toEqual(['CB CARREFOUR', 'CB CARREFOUR MARKET LYON']);
    });

    it('applies a correction as a person revision without destroying the source original', async () => {
      await write([valid(tx(1, { label: 'CB CARFOUR' }))]);
      const [rec] = (await store.query({})).records;
      const w = await store.beginWrite();
      const corrected = await w.correct(rec!.id, { ...(rec!.data as object), label: 'CB CARREFOUR' }, 'typo in the label');
      await w.commit();
      expect(corrected.revisedBy).toBe('person');
      expect(corrected.revision).toBe(2);
      const revs = await store.revisions(rec!.id);
      expect(revs[0]!.revisedBy).toBe('source');
      expect((revs[0]!.data as { label: string }).label).toBe('CB CARFOUR');
      expect(revs[1]!.reason).toBe('typo in the label');
      // The same restitution again does not undo the person's correction…
      expect(await write([valid(tx(1, { label: 'CB CARFOUR' }))])).toMatchObject({ unchanged: 1 });
      expect(((await store.get(rec!.id))!.data as { label: string }).label).toBe('CB CARREFOUR');
      // …but a changed one from the source is a new source revision.
      expect(await write([valid(tx(1, { label: 'CB CARREFOUR CITY' }))])).toMatchObject({ updated: 1 });
      const now = (await store.get(rec!.id))!;
      expect(now.revisedBy).toBe('source');
      expect((await store.revisions(rec!.id)).length).toBe(3);
    });

    it('rolls a write session back completely', async () => {
      await write([valid(tx(1))]);
      const w = await store.beginWrite();
      await w.upsertBatch([valid(tx(2)), valid(tx(1, { label: 'changed' }))], newImportId());
      await w.putBlob(new TextEncoder().encode('a bill'), 'text/plain');
      await w.rollback();
      expect(await store.count()).toBe(1);
      expect(((await store.query({})).records[0]!.data as { label: string }).label).toBe('CB COMMERCE 1');
      expect((await store.stats()).blobs).toBe(0);
    });

    it('hides an uncommitted session from readers', async () => {
      const w = await store.beginWrite();
      await w.upsertBatch([valid(tx(1))], newImportId());
      expect(await store.count()).toBe(0);
      await w.commit();
      expect(await store.count()).toBe(1);
    });

    it('queries by type, source, time range and text, with stable cursor pagination', async () => {
      const batch: PreparedRecord[] = [];
      for (let i = 0; i < 25; i++) batch.push(valid(tx(i, { label: i % 5 === 0 ? `PRLV SEPA ÉLECTRICITÉ ${i}` : `CB BOULANGERIE ${i}` })));
      batch.push(
        valid({
          type: 'energy.reading',
          source: 'enedis:12345678901234',
          sourceRef: 'r1',
          occurredAt: '2025-03-05T10:00:00Z',
          data: { meterId: '12345678901234', commodity: 'electricity', kind: 'interval', start: '2025-03-05T09:30:00Z', end: '2025-03-05T10:00:00Z', energyWh: 600 },
        }),
      );
      await write(batch);
      expect(await store.count({ types: ['bank.transaction'] })).toBe(25);
      expect(await store.count({ sources: ['enedis:12345678901234'] })).toBe(1);
      expect(await store.count({ from: '2025-03-05', to: '2025-03-06' })).toBe(1 + 1);
      // Accents are folded: "electricite" finds "ÉLECTRICITÉ"; prefixes match.
      expect(await store.count({ text: 'electricite' })).toBe(5);
      expect(await store.count({ text: 'boulang' })).toBe(20);
      expect(await store.count({ text: 'boulangerie sepa' })).toBe(0);
      // Pages of 7 cover everything once, in order, even with inserts between pages.
      const seen: string[] = [];
      let cursor: string | undefined;
      let first = true;
      do {
        const page = await store.query({ types: ['bank.transaction'], limit: 7, ...(cursor ? { cursor } : {}) });
        seen.push(...page.records.map((r) => r.sourceRef));
        cursor = page.nextCursor ?? undefined;
        if (first) {
          // An insert before the cursor position must not shift later pages.
          await write([valid(tx(100, { day: '2025-03-01' }))]);
          first = false;
        }
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(25);
      const times = (await store.query({ types: ['bank.transaction'], limit: 1000 })).records.map((r) => r.occurredAt);
      expect([...times].sort()).toEqual(times);
      const desc = (await store.query({ types: ['bank.transaction'], limit: 1000, order: 'desc' })).records.map((r) => r.occurredAt);
      expect(desc).toEqual([...times].reverse());
    });

    it('deletes with a tombstone that re-imports do not resurrect', async () => {
      await write([valid(tx(1)), valid(tx(2))]);
      const [rec] = (await store.query({})).records;
      const w = await store.beginWrite();
      await w.tombstone(rec!.id, 'not mine');
      await w.commit();
      expect(await store.get(rec!.id)).toBeUndefined();
      expect(await store.count()).toBe(1);
      expect(await write([valid(tx(1)), valid(tx(2))])).toEqual({ inserted: 0, updated: 0, unchanged: 1, deleted: 1 });
      expect(await store.count({ text: 'commerce' })).toBe(1);
    });

    it('stores blobs content-addressed', async () => {
      const bytes = new TextEncoder().encode('%PDF-1.4 facture');
      const w = await store.beginWrite();
      const a = await w.putBlob(bytes, 'application/pdf', 'facture.pdf');
      const b = await w.putBlob(bytes, 'application/pdf');
      await w.commit();
      expect(a.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(b.sha256).toBe(a.sha256);
      expect((await store.stats()).blobs).toBe(1);
      const got = await store.getBlob(a.sha256);
      expect(new TextDecoder().decode(got!.bytes)).toBe('%PDF-1.4 facture');
      expect(got!.mediaType).toBe('application/pdf');
    });

    it('records imports with their counts, errors and timings', async () => {
      const id = newImportId();
      await store.recordImport({
        id,
        status: 'refused',
        format: 'ofx',
        fileName: 'releve.ofx',
        fileHash: 'ab'.repeat(32),
        startedAt: '2025-03-01T10:00:00.000Z',
        finishedAt: '2025-03-01T10:00:01.500Z',
        durationMs: 1500,
        counts: { received: 3, inserted: 0, updated: 0, unchanged: 0, deleted: 0 },
        byType: { 'bank.transaction': 2 },
        bySource: { 'org:banque-test': 2 },
        errors: [{ index: 2, field: 'data.amount', message: 'expected an integer' }],
        warnings: [],
      });
      const got = await store.getImport(id);
      expect(got).toMatchObject({ status: 'refused', fileName: 'releve.ofx', bySource: { 'org:banque-test': 2 }, durationMs: 1500, errors: [{ index: 2, field: 'data.amount' }] });
      expect((await store.listImports()).map((i) => i.id)).toContain(id);
    });

    it('sums a numeric field per period, in a time zone', async () => {
      const readings: PreparedRecord[] = [];
      // Readings are stamped at their start. 2025-03-31 22:00Z is 2025-04-01 00:00 in Paris
      // (+02:00): the reading starting then counts in April there, in March in UTC.
      for (const [i, end] of ['2025-03-31T21:30:00Z', '2025-03-31T22:00:00Z', '2025-03-31T22:30:00Z', '2025-04-15T12:00:00Z'].entries()) {
        const start = new Date(Date.parse(end) - 1_800_000).toISOString();
        readings.push(
          valid({
            type: 'energy.reading',
            source: 'enedis:12345678901234',
            sourceRef: `r${i}`,
            occurredAt: start,
            data: { meterId: '12345678901234', commodity: 'electricity', kind: 'interval', start, end, energyWh: 100 * (i + 1) },
          }),
        );
      }
      await write(readings);
      const utc = await store.aggregate({ type: 'energy.reading', field: 'energyWh', bucket: 'month' });
      expect(utc.map((r) => [r.period, r.sum, r.count])).toEqual([
        ['2025-03', 100 + 200 + 300, 3],
        ['2025-04', 400, 1],
      ]);
      const paris = await store.aggregate({ type: 'energy.reading', field: 'energyWh', bucket: 'month', timeZone: 'Europe/Paris' });
      expect(paris.map((r) => [r.period, r.sum])).toEqual([
        ['2025-03', 100 + 200],
        ['2025-04', 300 + 400],
      ]);
      const byDay = await store.aggregate({ type: 'energy.reading', field: 'energyWh', bucket: 'day', timeZone: 'Europe/Paris', from: '2025-03-31T22:00:00Z' });
      expect(byDay[0]).toMatchObject({ period: '2025-04-01', sum: 300, min: 300, max: 300, count: 1 });
    });

    it('changes its data version with every commit, and only then', async () => {
      const v0 = await store.dataVersion();
      expect(await store.dataVersion()).toBe(v0);
      const w = await store.beginWrite();
      await w.upsertBatch([valid(tx(1))], newImportId());
      expect(await store.dataVersion()).toBe(v0);
      await w.commit();
      const v1 = await store.dataVersion();
      expect(v1).not.toBe(v0);
      const r = await store.beginWrite();
      await r.upsertBatch([valid(tx(2))], newImportId());
      await r.rollback();
      expect(await store.dataVersion()).toBe(v1);
      // A session that changes nothing of the records (another module's table) keeps it.
      const other = await store.beginWrite();
      await other.commit();
      expect(await store.dataVersion()).toBe(v1);
      await store.setMeta('k', 'v');
      expect(await store.dataVersion()).not.toBe(v1);
    });

    it('counts per type and per source', async () => {
      await write([valid(tx(1)), valid(tx(2)), valid(tx(3, { source: 'org:autre' }))]);
      expect(await store.stats()).toMatchObject({ total: 3, byType: { 'bank.transaction': 3 }, bySource: { 'org:banque-test': 2, 'org:autre': 1 } });
    });

    it('keeps meta values, and a meta write is not swallowed by another write session', async () => {
      await store.setMeta('k', 'v1');
      await store.setMeta('k', 'v2');
      expect(await store.getMeta('k')).toBe('v2');
      const w = await store.beginWrite();
      const pending = store.setMeta('k', 'v3');
      await w.upsertBatch([valid(tx(1))], newImportId());
      await w.rollback();
      await pending;
      expect(await store.getMeta('k')).toBe('v3');
      expect(await store.count()).toBe(0);
      expect(await store.getMeta('absent')).toBeUndefined();
    });

    it('restores an exported record with its id and history, once', async () => {
      await write([valid(tx(1, { label: 'a' }))]);
      await write([valid(tx(1, { label: 'b' }))]);
      const [rec] = (await store.query({})).records;
      const history = (await store.revisions(rec!.id)).slice(0, -1);
      const { store: other, cleanup: c2 } = await factory();
      try {
        const w = await other.beginWrite();
        expect(await w.restore(rec!, history)).toBe('inserted');
        expect(await w.restore(rec!, history)).toBe('unchanged');
        await w.commit();
        const back = await other.get(rec!.id as RecordId);
        expect(back).toEqual(rec);
        expect(await other.revisions(rec!.id)).toEqual(await store.revisions(rec!.id));
      } finally {
        await other.close();
        await c2();
      }
    });
  });
}
