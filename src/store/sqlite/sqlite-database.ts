import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { MesInfosError } from '../../domain/errors.ts';

export type SqliteDb = Database.Database;

/**
 * The ciphers of SQLite3 Multiple Ciphers we offer. ChaCha20-Poly1305 is the default: in
 * bench/ it inserted faster than SQLCipher's AES-256-CBC on this kind of machine (see
 * bench/results), and it authenticates every page.
 */
export type VaultCipher = 'chacha20' | 'sqlcipher';
export const DEFAULT_CIPHER: VaultCipher = 'chacha20';

export interface OpenOptions {
  path: string;
  passphrase: string;
  cipher?: VaultCipher;
  /** Create the file if it does not exist (default false: a missing vault is an error). */
  create?: boolean;
  readonly?: boolean;
}

/**
 * Opens (or creates) an encrypted SQLite database. The key is derived from the passphrase
 * by the cipher's own KDF (PBKDF2 with a per-file salt stored in the file's first page).
 * A wrong passphrase fails with VAULT_PASSPHRASE_WRONG before anything is written: the
 * file stays byte-for-byte as it was.
 */
export function openEncryptedDatabase(opts: OpenOptions): SqliteDb {
  const cipher = opts.cipher ?? DEFAULT_CIPHER;
  const exists = opts.path === ':memory:' || existsSync(opts.path);
  if (!exists && !opts.create) throw new MesInfosError('VAULT_NOT_FOUND', `No vault at ${opts.path}. Create one with "mesinfos init".`);
  if (exists && opts.create && opts.path !== ':memory:') throw new MesInfosError('VAULT_EXISTS', `A vault already exists at ${opts.path}.`);
  if (opts.passphrase.length === 0) throw new MesInfosError('VAULT_PASSPHRASE_WRONG', 'The passphrase is empty.');
  const db = new Database(opts.path, { readonly: opts.readonly ?? false, fileMustExist: !opts.create });
  try {
    db.pragma(`cipher='${cipher}'`);
    db.key(Buffer.from(opts.passphrase, 'utf8'));
    try {
      db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    } catch (e) {
      throw new MesInfosError('VAULT_PASSPHRASE_WRONG', undefined, (e as Error).message);
    }
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    // Another process (the CLI beside a running server) may hold the write lock a moment.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Changes the passphrase of an open database (re-encrypts every page). */
export function rekeyDatabase(db: SqliteDb, newPassphrase: string): void {
  if (newPassphrase.length === 0) throw new MesInfosError('VAULT_PASSPHRASE_WEAK', 'The new passphrase is empty.');
  db.pragma('journal_mode = DELETE');
  db.rekey(Buffer.from(newPassphrase, 'utf8'));
  db.pragma('journal_mode = WAL');
}
