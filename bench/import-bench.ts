import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import type { ConnectorRecord } from '../src/connectors/connector.ts';
import type { VaultCipher } from '../src/store/sqlite/sqlite-database.ts';
import { Vault } from '../src/vault/vault.ts';
import { PeakRss, fmt, ratio, saveResult, scratch, timed } from './bench-util.ts';

/**
 * Import benchmark (issue 2): N bank.transaction records through the vault pipeline
 * (validate, dedup, store, encrypted), against the bare limit — a prepared-statement bulk
 * insert of the same rows into a plain table in one transaction, in a database encrypted
 * with the same cipher and key — and the same into an unencrypted database, for
 * information. Then the re-import of the same N (0 new). For each cipher.
 */
const PASSPHRASE = 'bench passphrase for the vault';
const MERCHANTS = ['CB CARREFOUR MARKET LYON', 'PRLV SEPA EDF', 'CB MONOPRIX', 'VIR SALAIRE ACME SAS', 'CB SNCF INTERNET', 'PRLV SEPA FREE MOBILE', 'CB BOULANGERIE DU PARC', 'CB PHARMACIE CENTRALE'];

/** The same N records every time: deterministic, generated lazily. */
export function* transactions(n: number): Generator<ConnectorRecord> {
  const start = Date.UTC(2016, 0, 1);
  for (let i = 0; i < n; i++) {
    const day = new Date(start + Math.floor(i / 30) * 86_400_000).toISOString().slice(0, 10);
    const amount = -((i * 7919) % 25_000) - 100;
    yield {
      type: 'bank.transaction',
      source: 'org:banque-bench',
      sourceRef: `FITID${i}`,
      occurredAt: `${day}T11:00:00.000Z`,
      data: {
        accountRef: 'FR7630001007941234567890185',
        amount: { amountMinor: i % 97 === 0 ? -amount * 20 : amount, currency: 'EUR' },
        bookingDate: day,
        label: `${MERCHANTS[i % MERCHANTS.length]} ${i % 1000}`,
        transactionType: 'DEBIT',
      },
    };
  }
}

async function* lazily(n: number): AsyncIterable<ConnectorRecord> {
  yield* transactions(n);
}

/** The bare limit: a prepared-statement insert of the same rows into a plain table, one transaction. */
export function bareInsert(path: string, n: number, cipher: VaultCipher | null): number {
  const db = new Database(path);
  if (cipher) {
    db.pragma(`cipher='${cipher}'`);
    db.key(Buffer.from(PASSPHRASE));
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, type TEXT, source TEXT, source_ref TEXT, occurred_at INTEGER, data TEXT)');
  const ins = db.prepare('INSERT INTO rows (type, source, source_ref, occurred_at, data) VALUES (?, ?, ?, ?, ?)');
  const t0 = process.hrtime.bigint();
  db.transaction(() => {
    for (const r of transactions(n)) ins.run(r.type, r.source, r.sourceRef, Date.parse(r.occurredAt), JSON.stringify(r.data));
  })();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  db.close();
  return n / seconds;
}

export async function runImportBench(n: number): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { records: n, ciphers: {} as Record<string, unknown> };
  const { dir, done } = await scratch();
  try {
    const plain = bareInsert(join(dir, 'plain.db'), n, null);
    out.bareUnencryptedPerSecond = Math.round(plain);
    console.log(`  bare insert, unencrypted     ${fmt(plain)} rows/s`);
    for (const cipher of ['chacha20', 'sqlcipher'] as const) {
      const bare = bareInsert(join(dir, `bare-${cipher}.db`), n, cipher);
      const peak = new PeakRss();
      const vault = await Vault.create({ path: join(dir, `vault-${cipher}.mesinfos`), passphrase: PASSPHRASE, cipher });
      const first = await timed(() =>
        vault.importRecords({ meta: { format: 'bench', fileName: null, fileHash: null }, records: () => lazily(n), onProgress: () => peak.sample() }),
      );
      const again = await timed(() =>
        vault.importRecords({ meta: { format: 'bench', fileName: null, fileHash: null }, records: () => lazily(n), onProgress: () => peak.sample() }),
      );
      await vault.close();
      const firstRate = n / first.seconds;
      const againRate = n / again.seconds;
      const r = {
        bareEncryptedPerSecond: Math.round(bare),
        vaultImportPerSecond: Math.round(firstRate),
        vaultReimportPerSecond: Math.round(againRate),
        reimportNew: again.value.counts.inserted,
        ratioVaultToBareEncrypted: ratio(firstRate, bare),
        ratioReimportToImport: ratio(againRate, firstRate),
        ratioBareEncryptedToPlain: ratio(bare, plain),
        peakRssMiB: peak.mib,
      };
      (out.ciphers as Record<string, unknown>)[cipher] = r;
      console.log(`  [${cipher}] bare insert, encrypted  ${fmt(bare)} rows/s (${r.ratioBareEncryptedToPlain} × unencrypted)`);
      console.log(`  [${cipher}] vault import            ${fmt(firstRate)} records/s — ratio to bare encrypted ${r.ratioVaultToBareEncrypted} (target ≥ 0.5)`);
      console.log(`  [${cipher}] vault re-import         ${fmt(againRate)} records/s, ${r.reimportNew} new — ${r.ratioReimportToImport} × first import (target ≥ 2)`);
      console.log(`  [${cipher}] peak RSS during imports ${r.peakRssMiB} MiB`);
    }
    return out;
  } finally {
    await done();
  }
}
