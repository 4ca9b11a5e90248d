import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PASSPHRASE, tempVault } from '../../test/support/temp-vault.ts';
import type { Principal } from '../operations/operation.ts';
import { SqliteRecordStore } from '../store/sqlite/sqlite-record-store.ts';
import { Vault } from '../vault/vault.ts';
import { entryHash, type AccessLogEntry } from './access-log-entry.ts';
import { createConsentEngine } from './consent-engine.ts';
import { logRowToEntry } from './sqlite-consent-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A vault whose log holds `n` entries: reads by an app, alternately allowed and denied. */
async function loggedVault(n: number) {
  const t = await tempVault();
  const engine = await createConsentEngine(t.vault);
  cleanups.push(async () => {
    await engine.close();
    await t.cleanup();
  });
  const { grant } = await engine.createGrant({
    grantee: { clientId: 'budget-app', kind: 'app' },
    scopes: [{ type: 'bank.transaction' }],
    granularity: { kind: 'raw' },
    purpose: 'ServiceProvision',
    validUntil: '2099-01-01',
  });
  const app: Principal = { kind: 'app', clientId: 'budget-app', grantId: grant.id };
  for (let i = 0; i < n; i++) {
    const types = i % 2 === 0 ? (['bank.transaction'] as const) : (['contact'] as const);
    await engine.read(app, { types: [...types] }).catch((e: unknown) => e);
  }
  const store = t.vault.store;
  if (!(store instanceof SqliteRecordStore)) throw new Error('expected SQLite');
  return { engine, db: store.writer, grant, app, vault: t.vault, path: t.path };
}

describe('access log', () => {
  it('logs every read by a non-owner, allowed or denied, and verifies', async () => {
    const { engine, grant } = await loggedVault(4);
    const entries = await engine.audit({ order: 'asc' });
    expect(entries.map((e) => [e.seq, e.clientId, e.grantId, e.operation, e.types, e.recordCount, e.outcome, e.reason])).toEqual([
      [1, 'budget-app', grant.id, 'records.read', ['bank.transaction'], 0, 'allowed', null],
      [2, 'budget-app', grant.id, 'records.read', ['contact'], 0, 'denied', 'TYPE_NOT_GRANTED'],
      [3, 'budget-app', grant.id, 'records.read', ['bank.transaction'], 0, 'allowed', null],
      [4, 'budget-app', grant.id, 'records.read', ['contact'], 0, 'denied', 'TYPE_NOT_GRANTED'],
    ]);
    expect(await engine.verifyAudit()).toEqual({ ok: true, entries: 4, head: { seq: 4, hash: entries[3]!.hash } });
  });

  it('filters by grantee, type and date', async () => {
    const { engine } = await loggedVault(4);
    expect(await engine.audit({ grantee: 'budget-app', type: 'contact' })).toHaveLength(2);
    expect(await engine.audit({ grantee: 'someone-else' })).toHaveLength(0);
    expect(await engine.audit({ from: '2000-01-01T00:00:00.000Z', to: '2001-01-01T00:00:00.000Z' })).toHaveLength(0);
    expect((await engine.audit({ limit: 3 })).map((e) => e.seq)).toEqual([4, 3, 2]);
  });

  it('names an altered entry', async () => {
    const { engine, db } = await loggedVault(6);
    db.prepare('UPDATE access_log SET record_count = 999 WHERE seq = 3').run();
    expect((await engine.verifyAudit()).firstBroken).toEqual({ seq: 3, kind: 'altered', message: 'Entry 3 was altered: its content does not match its hash.' });
  });

  it('names the entry after one altered and re-hashed', async () => {
    const { engine, db } = await loggedVault(6);
    const row = logRowToEntry(db.prepare('SELECT * FROM access_log WHERE seq = 3').get() as never) as AccessLogEntry;
    expect(row.recordCount).toBe(0);
    const { hash: _old, ...rest } = { ...row, recordCount: 42 };
    db.prepare('UPDATE access_log SET record_count = 42, hash = ? WHERE seq = 3').run(entryHash(rest));
    const report = await engine.verifyAudit();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 4, kind: 'unlinked' });
  });

  it('names a deleted entry', async () => {
    const { engine, db } = await loggedVault(6);
    db.prepare('DELETE FROM access_log WHERE seq = 2').run();
    expect((await engine.verifyAudit()).firstBroken).toEqual({ seq: 2, kind: 'missing', message: 'Entry 2 was deleted.' });
  });

  it('names reordered entries', async () => {
    const { engine, db } = await loggedVault(6);
    db.exec('UPDATE access_log SET seq = -2 WHERE seq = 2; UPDATE access_log SET seq = 2 WHERE seq = 5; UPDATE access_log SET seq = 5 WHERE seq = -2;');
    const report = await engine.verifyAudit();
    expect(report).toMatchObject({ ok: false, entries: 1, firstBroken: { seq: 2, kind: 'altered' } });
  });

  it('names entries deleted from the end', async () => {
    const { engine, db } = await loggedVault(6);
    db.prepare('DELETE FROM access_log WHERE seq >= 5').run();
    expect((await engine.verifyAudit()).firstBroken).toEqual({ seq: 5, kind: 'truncated', message: 'Entries from 5 to 6 were deleted from the end of the log.' });
  });

  it('names an entry that is not an entry any more', async () => {
    const { engine, db } = await loggedVault(3);
    db.prepare("UPDATE access_log SET types = 'not json' WHERE seq = 2").run();
    expect((await engine.verifyAudit()).firstBroken).toMatchObject({ seq: 2, kind: 'unreadable' });
  });

  it('keeps one chain under a burst of concurrent appends, in few transactions', async () => {
    const { engine } = await loggedVault(0);
    const appends = Array.from({ length: 500 }, (_, i) =>
      engine.log.append({ principalKind: 'organisation', clientId: `org-${i % 7}`, grantId: null, operation: 'records.read', action: 'read', types: ['energy.reading'], recordCount: i, outcome: 'allowed', reason: null }),
    );
    const entries = await Promise.all(appends);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(await engine.verifyAudit()).toMatchObject({ ok: true, entries: 500 });
  });

  // Two connections in ONE thread cannot contend for the write lock without blocking each
  // other, so the appends alternate here; what is tested is that each continues the chain
  // from the store's last entry, not from the one it remembers.
  it('two processes appending to one vault never fork the chain', async () => {
    const { engine, path } = await loggedVault(2);
    const second = await Vault.open({ path, passphrase: TEST_PASSPHRASE });
    const engine2 = await createConsentEngine(second);
    cleanups.push(async () => {
      await engine2.close();
      await second.close();
    });
    const ev = (clientId: string) => ({ principalKind: 'app' as const, clientId, grantId: null, operation: 'records.read', action: 'read' as const, types: [], recordCount: 1, outcome: 'allowed' as const, reason: null });
    for (let i = 0; i < 5; i++) {
      await engine.log.append(ev('a'));
      await engine2.log.append(ev('b'));
    }
    expect(await engine.verifyAudit()).toMatchObject({ ok: true, entries: 12 });
  });
});
