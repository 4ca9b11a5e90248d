import type { Migration } from '../store/sqlite/migrations.ts';
import type { SqliteRecordStore } from '../store/sqlite/sqlite-record-store.ts';
import { intentSchema, type Intent } from './intent-schema.ts';
import { offerSchema, type Offer } from './offer-schema.ts';
import type { VrmStore } from './vrm-store.ts';

/** VRM tables: versions 650–699 belong to the vrm module. */
export const VRM_MIGRATIONS: Migration[] = [
  {
    version: 650,
    name: 'vrm intents, vendor terms, offers',
    up(db) {
      db.exec(`
        CREATE TABLE vrm_intents (
          pseudonym TEXT PRIMARY KEY,
          published_at TEXT NOT NULL,
          intent_json TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE vrm_terms (
          pseudonym TEXT NOT NULL,
          client_id TEXT NOT NULL,
          accepted_at TEXT NOT NULL,
          terms_json TEXT NOT NULL,
          PRIMARY KEY (pseudonym, client_id)
        ) WITHOUT ROWID;
        CREATE TABLE vrm_offers (
          id TEXT PRIMARY KEY,
          pseudonym TEXT NOT NULL,
          client_id TEXT NOT NULL,
          posted_at TEXT NOT NULL,
          offer_json TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX vrm_offers_intent ON vrm_offers (pseudonym, posted_at);
        CREATE INDEX vrm_offers_client ON vrm_offers (client_id, posted_at);
        CREATE TABLE vrm_vendors (
          client_id TEXT PRIMARY KEY,
          categories_json TEXT NOT NULL,
          set_at TEXT NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
];

/**
 * The VrmStore in the vault's own encrypted SQLite file. Writes join the record store's
 * single writer (its write session's transaction); reads go through its reader.
 */
export class SqliteVrmStore implements VrmStore {
  private constructor(private readonly records: SqliteRecordStore) {}

  /** Applies the VRM migrations to an open store and returns the adapter. */
  static async open(records: SqliteRecordStore): Promise<SqliteVrmStore> {
    await records.applyMigrations(VRM_MIGRATIONS);
    return new SqliteVrmStore(records);
  }

  private putIntent(i: Intent): void {
    this.records.writer
      .prepare('INSERT INTO vrm_intents (pseudonym, published_at, intent_json) VALUES (?, ?, ?) ON CONFLICT (pseudonym) DO UPDATE SET intent_json = excluded.intent_json')
      .run(i.pseudonym, i.publishedAt, JSON.stringify(i));
  }

  private putOffer(o: Offer): void {
    this.records.writer
      .prepare('INSERT INTO vrm_offers (id, pseudonym, client_id, posted_at, offer_json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET offer_json = excluded.offer_json')
      .run(o.id, o.intent, o.vendor.clientId, o.postedAt, JSON.stringify(o));
  }

  saveIntent(intent: Intent): Promise<void> {
    return this.records.inWriteTransaction(() => this.putIntent(intent));
  }

  async getIntent(pseudonym: string): Promise<Intent | undefined> {
    const row = this.records.reader.prepare('SELECT intent_json FROM vrm_intents WHERE pseudonym = ?').get(pseudonym) as { intent_json: string } | undefined;
    return row ? intentSchema.parse(JSON.parse(row.intent_json)) : undefined;
  }

  async listIntents(): Promise<Intent[]> {
    const rows = this.records.reader.prepare('SELECT intent_json FROM vrm_intents ORDER BY published_at DESC, pseudonym').all() as { intent_json: string }[];
    return rows.map((r) => intentSchema.parse(JSON.parse(r.intent_json)));
  }

  acceptTerms(pseudonym: string, clientId: string, terms: readonly string[], at: string): Promise<void> {
    return this.records.inWriteTransaction(() => {
      this.records.writer
        .prepare('INSERT INTO vrm_terms (pseudonym, client_id, accepted_at, terms_json) VALUES (?, ?, ?, ?) ON CONFLICT (pseudonym, client_id) DO UPDATE SET accepted_at = excluded.accepted_at, terms_json = excluded.terms_json')
        .run(pseudonym, clientId, at, JSON.stringify(terms));
    });
  }

  async acceptedTerms(pseudonym: string, clientId: string): Promise<string[] | undefined> {
    const row = this.records.reader.prepare('SELECT terms_json FROM vrm_terms WHERE pseudonym = ? AND client_id = ?').get(pseudonym, clientId) as { terms_json: string } | undefined;
    return row ? (JSON.parse(row.terms_json) as string[]) : undefined;
  }

  saveOffer(offer: Offer): Promise<void> {
    return this.records.inWriteTransaction(() => this.putOffer(offer));
  }

  async getOffer(id: string): Promise<Offer | undefined> {
    const row = this.records.reader.prepare('SELECT offer_json FROM vrm_offers WHERE id = ?').get(id) as { offer_json: string } | undefined;
    return row ? offerSchema.parse(JSON.parse(row.offer_json)) : undefined;
  }

  async listOffers(filter: { intent?: string; clientId?: string }): Promise<Offer[]> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.intent !== undefined) (where.push('pseudonym = ?'), args.push(filter.intent));
    if (filter.clientId !== undefined) (where.push('client_id = ?'), args.push(filter.clientId));
    const sql = `SELECT offer_json FROM vrm_offers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY posted_at, id`;
    const rows = this.records.reader.prepare(sql).all(...args) as { offer_json: string }[];
    return rows.map((r) => offerSchema.parse(JSON.parse(r.offer_json)));
  }

  setVendorCategories(clientId: string, categories: readonly string[], at: string): Promise<void> {
    return this.records.inWriteTransaction(() => {
      this.records.writer
        .prepare('INSERT INTO vrm_vendors (client_id, categories_json, set_at) VALUES (?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET categories_json = excluded.categories_json, set_at = excluded.set_at')
        .run(clientId, JSON.stringify(categories), at);
    });
  }

  async vendorCategories(): Promise<Map<string, string[]>> {
    const rows = this.records.reader.prepare('SELECT client_id, categories_json FROM vrm_vendors ORDER BY client_id').all() as { client_id: string; categories_json: string }[];
    return new Map(rows.map((r) => [r.client_id, JSON.parse(r.categories_json) as string[]]));
  }

  settle(intent: Intent, offers: readonly Offer[]): Promise<void> {
    return this.records.inWriteTransaction(() => {
      this.putIntent(intent);
      for (const o of offers) this.putOffer(o);
    });
  }
}
