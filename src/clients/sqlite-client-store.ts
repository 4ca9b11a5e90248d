import type { SqliteRecordStore } from '../store/sqlite/sqlite-record-store.ts';
import type { Migration } from '../store/sqlite/migrations.ts';
import { bumpMetaCounter } from '../store/sqlite/sqlite-write-session.ts';
import { clientSchema, linkSchema, type Client, type Link } from './client-schemas.ts';

/** The meta key counting client and link changes (another process may make them). */
export const CLIENTS_VERSION_META = 'clients.version';

/** Tables of organisations, apps, links, pairing codes and OAuth artefacts: versions 500–599. */
export const CLIENT_MIGRATIONS: Migration[] = [
  {
    version: 500,
    name: 'oauth clients, links, pairing codes, oauth artefacts',
    up(db) {
      db.exec(`
        CREATE TABLE oauth_clients (
          client_id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          client_json TEXT NOT NULL,
          secret_salt TEXT,
          created_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE org_links (
          id TEXT PRIMARY KEY,
          client_id TEXT NOT NULL,
          customer_ref TEXT NOT NULL,
          grant_id TEXT NOT NULL,
          linked_at TEXT NOT NULL,
          revoked_at TEXT
        ) WITHOUT ROWID;
        CREATE INDEX org_links_client ON org_links (client_id);
        CREATE TABLE pairing_codes (
          code_hash TEXT PRIMARY KEY,
          client_id TEXT NOT NULL,
          grant_until TEXT NOT NULL,
          expires_at INTEGER NOT NULL,
          used_at INTEGER
        ) WITHOUT ROWID;
        CREATE TABLE oauth_artifacts (
          model TEXT NOT NULL,
          id TEXT NOT NULL,
          payload TEXT NOT NULL,
          grant_id TEXT,
          expires_at INTEGER,
          PRIMARY KEY (model, id)
        ) WITHOUT ROWID;
        CREATE INDEX oauth_artifacts_grant ON oauth_artifacts (grant_id);
      `);
    },
  },
];

export interface PairingCodeRow {
  clientId: string;
  grantUntil: string;
  expiresAtMs: number;
  usedAtMs: number | null;
}

interface LinkRow {
  id: string;
  client_id: string;
  customer_ref: string;
  grant_id: string;
  linked_at: string;
  revoked_at: string | null;
}

const toLink = (r: LinkRow): Link =>
  linkSchema.parse({ id: r.id, clientId: r.client_id, customerRef: r.customer_ref, grantId: r.grant_id, linkedAt: r.linked_at, revokedAt: r.revoked_at });

/**
 * Where a vault keeps its clients, links, pairing codes and the OAuth server's lasting
 * artefacts (grants, refresh tokens), in its own encrypted SQLite file. Writes go through
 * the record store's write queue; each change of a client or link bumps a version in
 * `meta` in the same transaction, so a cache elsewhere sees another process's changes.
 */
export class SqliteClientStore {
  private readonly st;

  private constructor(private readonly records: SqliteRecordStore) {
    const w = records.writer;
    const r = records.reader;
    this.st = {
      insertClient: w.prepare('INSERT INTO oauth_clients (client_id, kind, client_json, secret_salt, created_at) VALUES (?, ?, ?, ?, ?)'),
      deleteClient: w.prepare('DELETE FROM oauth_clients WHERE client_id = ?'),
      clients: r.prepare('SELECT client_json, secret_salt FROM oauth_clients ORDER BY created_at, client_id'),
      insertLink: w.prepare('INSERT INTO org_links (id, client_id, customer_ref, grant_id, linked_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)'),
      revokeLink: w.prepare('UPDATE org_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      links: r.prepare('SELECT * FROM org_links ORDER BY linked_at, id'),
      insertCode: w.prepare('INSERT INTO pairing_codes (code_hash, client_id, grant_until, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)'),
      code: w.prepare('SELECT client_id, grant_until, expires_at, used_at FROM pairing_codes WHERE code_hash = ?'),
      useCode: w.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL'),
      purgeCodes: w.prepare('DELETE FROM pairing_codes WHERE expires_at < ?'),
      upsertArtifact: w.prepare(
        'INSERT INTO oauth_artifacts (model, id, payload, grant_id, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id, expires_at = excluded.expires_at',
      ),
      artifact: r.prepare('SELECT payload, expires_at FROM oauth_artifacts WHERE model = ? AND id = ?'),
      deleteArtifact: w.prepare('DELETE FROM oauth_artifacts WHERE model = ? AND id = ?'),
      deleteGrantArtifacts: w.prepare('DELETE FROM oauth_artifacts WHERE grant_id = ?'),
      purgeArtifacts: w.prepare('DELETE FROM oauth_artifacts WHERE expires_at IS NOT NULL AND expires_at < ?'),
    };
  }

  /** Applies the migrations to an open store and returns the adapter. */
  static async open(records: SqliteRecordStore): Promise<SqliteClientStore> {
    await records.applyMigrations(CLIENT_MIGRATIONS);
    const store = new SqliteClientStore(records);
    await store.write(() => {
      const now = Date.now();
      store.st.purgeCodes.run(now);
      store.st.purgeArtifacts.run(Math.floor(now / 1000));
    });
    return store;
  }

  /** Runs `fn` in one write transaction (the record store's write queue). */
  write<T>(fn: () => T): Promise<T> {
    return this.records.inWriteTransaction(fn);
  }

  /** The version of clients and links: changes with every committed change. */
  version(): number {
    return this.records.metaCounter(CLIENTS_VERSION_META);
  }

  // ---- clients and links ---------------------------------------------------------

  async insertClient(c: Client, secretSalt: string | null): Promise<void> {
    await this.write(() => {
      this.st.insertClient.run(c.clientId, c.kind, JSON.stringify(c), secretSalt, c.createdAt);
      bumpMetaCounter(this.records.writer, CLIENTS_VERSION_META);
    });
  }

  /** Deletes a client and revokes its links, in one transaction. */
  async deleteClient(clientId: string, nowIso: string): Promise<void> {
    await this.write(() => {
      this.st.deleteClient.run(clientId);
      for (const l of this.links()) if (l.clientId === clientId && l.revokedAt === null) this.st.revokeLink.run(nowIso, l.id);
      bumpMetaCounter(this.records.writer, CLIENTS_VERSION_META);
    });
  }

  clients(): { client: Client; secretSalt: string | null }[] {
    return (this.st.clients.all() as { client_json: string; secret_salt: string | null }[]).map((r) => ({ client: clientSchema.parse(JSON.parse(r.client_json)), secretSalt: r.secret_salt }));
  }

  links(): Link[] {
    return (this.st.links.all() as LinkRow[]).map(toLink);
  }

  async insertLink(l: Link): Promise<void> {
    await this.write(() => {
      this.st.insertLink.run(l.id, l.clientId, l.customerRef, l.grantId, l.linkedAt);
      bumpMetaCounter(this.records.writer, CLIENTS_VERSION_META);
    });
  }

  async revokeLink(id: string, nowIso: string): Promise<void> {
    await this.write(() => {
      this.st.revokeLink.run(nowIso, id);
      bumpMetaCounter(this.records.writer, CLIENTS_VERSION_META);
    });
  }

  // ---- pairing codes -------------------------------------------------------------

  async insertPairingCode(codeHash: string, row: Omit<PairingCodeRow, 'usedAtMs'>): Promise<void> {
    await this.write(() => this.st.insertCode.run(codeHash, row.clientId, row.grantUntil, row.expiresAtMs));
  }

  /**
   * Marks a code used and returns it, in one transaction, if it exists and was unused;
   * `accept` decides (expiry, client) before it is spent. Returns undefined otherwise.
   */
  async spendPairingCode(codeHash: string, nowMs: number, accept: (row: PairingCodeRow) => boolean): Promise<PairingCodeRow | undefined> {
    return this.write(() => {
      const r = this.st.code.get(codeHash) as { client_id: string; grant_until: string; expires_at: number; used_at: number | null } | undefined;
      if (!r || r.used_at !== null) return undefined;
      const row: PairingCodeRow = { clientId: r.client_id, grantUntil: r.grant_until, expiresAtMs: r.expires_at, usedAtMs: null };
      if (!accept(row)) return undefined;
      this.st.useCode.run(nowMs, codeHash);
      return row;
    });
  }

  // ---- OAuth artefacts (the oidc-provider adapter's lasting models) ----------------

  async upsertArtifact(model: string, id: string, payload: string, grantId: string | null, expiresAtS: number | null): Promise<void> {
    await this.write(() => this.st.upsertArtifact.run(model, id, payload, grantId, expiresAtS));
  }

  artifact(model: string, id: string): { payload: string; expiresAtS: number | null } | undefined {
    const r = this.st.artifact.get(model, id) as { payload: string; expires_at: number | null } | undefined;
    return r ? { payload: r.payload, expiresAtS: r.expires_at } : undefined;
  }

  async deleteArtifact(model: string, id: string): Promise<void> {
    await this.write(() => this.st.deleteArtifact.run(model, id));
  }

  async deleteGrantArtifacts(grantId: string): Promise<void> {
    await this.write(() => this.st.deleteGrantArtifacts.run(grantId));
  }
}
