import type { SqliteDb } from './sqlite-database.ts';

/**
 * Versioned schema migrations, applied in order inside one transaction each. A migration
 * is never edited once released: add a new one. Other modules (consent, rights…) append
 * theirs to `MIGRATIONS` through their own files.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: SqliteDb): void;
}

export const CORE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'records, revisions, blobs, imports, search',
    up(db) {
      db.exec(`
        CREATE TABLE records (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          type TEXT NOT NULL,
          source TEXT NOT NULL,
          source_ref TEXT NOT NULL,
          occurred_at INTEGER NOT NULL,
          occurred_offset TEXT,
          data TEXT NOT NULL,
          source_hash TEXT NOT NULL,
          revision INTEGER NOT NULL,
          revised_by TEXT NOT NULL,
          revision_reason TEXT,
          import_id TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          deleted_at INTEGER,
          deleted_reason TEXT
        );
        CREATE UNIQUE INDEX records_identity ON records (source, type, source_ref);
        CREATE INDEX records_type_time ON records (type, occurred_at, seq);
        CREATE INDEX records_time ON records (occurred_at, seq);
        CREATE TABLE record_revisions (
          record_seq INTEGER NOT NULL REFERENCES records (seq),
          revision INTEGER NOT NULL,
          revised_by TEXT NOT NULL,
          occurred_at INTEGER NOT NULL,
          occurred_offset TEXT,
          data TEXT NOT NULL,
          import_id TEXT,
          reason TEXT,
          at INTEGER NOT NULL,
          PRIMARY KEY (record_seq, revision)
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE records_fts USING fts5 (
          text, content = '', contentless_delete = 1, detail = 'none', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE blobs (
          sha256 TEXT PRIMARY KEY,
          media_type TEXT NOT NULL,
          size INTEGER NOT NULL,
          bytes BLOB NOT NULL,
          created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE imports (
          id TEXT PRIMARY KEY,
          status TEXT NOT NULL,
          format TEXT,
          file_name TEXT,
          file_hash TEXT,
          started_at INTEGER NOT NULL,
          finished_at INTEGER NOT NULL,
          duration_ms INTEGER NOT NULL,
          counts TEXT NOT NULL,
          by_type TEXT NOT NULL,
          by_source TEXT NOT NULL,
          errors TEXT NOT NULL,
          warnings TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      `);
    },
  },
];

const registered: Migration[] = [...CORE_MIGRATIONS];

/** Adds migrations of another module (consent, rights…). Versions must be unique. */
export function registerMigrations(list: Migration[]): void {
  for (const m of list) {
    if (registered.some((r) => r.version === m.version)) {
      if (registered.find((r) => r.version === m.version)!.name === m.name) continue;
      throw new Error(`migration version ${m.version} is taken`);
    }
    registered.push(m);
  }
  registered.sort((a, b) => a.version - b.version);
}

/** Applies every pending migration; returns the versions applied. */
export function migrate(db: SqliteDb): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const applied: number[] = [];
  for (const m of registered) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    })();
    applied.push(m.version);
  }
  return applied;
}
