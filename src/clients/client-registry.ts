import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import type { ConsentEngine } from '../consent/consent-engine.ts';
import { expiryInstant } from '../consent/grant.ts';
import { MesInfosError } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import { SqliteRecordStore } from '../store/sqlite/sqlite-record-store.ts';
import type { Vault } from '../vault/vault.ts';
import { registerInputSchema, type Client, type Link, type OrganisationClient, type RegisterInput } from './client-schemas.ts';
import { SqliteClientStore } from './sqlite-client-store.ts';

/** The meta key of the key that derives client secrets (never leaves the vault). */
export const CLIENT_SECRET_KEY_META = 'clients.secretKey';
/** A pairing code lives ten minutes. */
export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;
/** A link's write grant lasts this long unless the person says otherwise. */
const DEFAULT_LINK_DAYS = 365;
/** Crockford's base32: no I, L, O, U, so a code read aloud or typed is hard to get wrong. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "Gaz Réseau" → "gaz-reseau". */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'client';
}

/** A code as typed by a person: upper-cased, dashes and spaces dropped, O→0 and I/L→1. */
export function normalisePairingCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The vault's organisations and apps, the person's links to organisations, and pairing
 * codes. Registering returns a client secret once (organisations only; it is derived from
 * a key kept in the vault, never stored). Linking an organisation gives it a WRITE grant
 * (its declared types, its own source) with a signed receipt. Reads come from a cache
 * refreshed when another process changed clients or links.
 *
 * Example:
 *   const { client, clientSecret } = await registry.register({ kind: 'organisation', name: 'Banque Exemple', … });
 *   const { code } = await registry.createPairingCode(client.clientId);
 *   await registry.claim(client.clientId, code, 'C-0042'); // the organisation, with its token
 */
export class ClientRegistry {
  private cache = { version: -1, clients: new Map<string, { client: Client; secretSalt: string | null }>(), links: [] as Link[] };

  private constructor(
    private readonly store: SqliteClientStore,
    private readonly consent: ConsentEngine,
    private readonly secretKey: Buffer,
    private readonly now: () => number,
  ) {}

  /** Opens the registry of an open vault (applies its migrations, creates the secret key once). */
  static async open(vault: Vault, consent: ConsentEngine, now: () => number = Date.now): Promise<ClientRegistry> {
    if (!(vault.store instanceof SqliteRecordStore)) throw new Error('the client registry needs the SQLite vault');
    const store = await SqliteClientStore.open(vault.store);
    let key = await vault.store.getMeta(CLIENT_SECRET_KEY_META);
    if (key === undefined) {
      key = randomBytes(32).toString('base64url');
      await vault.store.setMeta(CLIENT_SECRET_KEY_META, key);
    }
    return new ClientRegistry(store, consent, Buffer.from(key, 'base64url'), now);
  }

  /** The store, for the OAuth server's adapter (grants and refresh tokens live beside the clients). */
  get artifacts(): SqliteClientStore {
    return this.store;
  }

  private fresh(): typeof this.cache {
    const version = this.store.version();
    if (version !== this.cache.version) {
      this.cache = { version, clients: new Map(this.store.clients().map((c) => [c.client.clientId, c])), links: this.store.links() };
    }
    return this.cache;
  }

  private secretFor(clientId: string, salt: string): string {
    return createHmac('sha256', this.secretKey).update(`${clientId}:${salt}`).digest('base64url');
  }

  // ---- clients -------------------------------------------------------------------

  async register(input: RegisterInput): Promise<{ client: Client; clientSecret?: string }> {
    const parsed = registerInputSchema.safeParse(input);
    if (!parsed.success) {
      const faults = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
      throw new MesInfosError('CLIENT_INVALID', `The registration is not valid: ${faults.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { faults });
    }
    const r = parsed.data;
    const taken = this.fresh().clients;
    const base = slugOf(r.name);
    let clientId = base;
    for (let n = 2; taken.has(clientId); n++) clientId = `${base}-${n}`;
    const createdAt = new Date(this.now()).toISOString();
    if (r.kind === 'app') {
      const client: Client = { clientId, kind: 'app', name: r.name, description: r.description, redirectUris: r.redirectUris, createdAt };
      await this.store.insertClient(client, null);
      return { client };
    }
    const client: Client = {
      clientId,
      kind: 'organisation',
      name: r.name,
      sector: r.sector,
      dataProtectionContact: r.dataProtectionContact,
      declaredTypes: [...new Set(r.declaredTypes)],
      roles: [...new Set(r.roles)],
      source: `org:${clientId}`,
      createdAt,
    };
    const salt = randomBytes(16).toString('base64url');
    await this.store.insertClient(client, salt);
    return { client, clientSecret: this.secretFor(clientId, salt) };
  }

  list(): Client[] {
    return [...this.fresh().clients.values()].map((c) => c.client);
  }

  get(clientId: string): Client | undefined {
    return this.fresh().clients.get(clientId)?.client;
  }

  getOrThrow(clientId: string): Client {
    const c = this.get(clientId);
    if (!c) throw new MesInfosError('CLIENT_NOT_FOUND', `No organisation or app "${clientId}" is registered in this vault.`);
    return c;
  }

  organisationOrThrow(clientId: string): OrganisationClient {
    const c = this.getOrThrow(clientId);
    if (c.kind !== 'organisation') throw new MesInfosError('CLIENT_INVALID', `"${clientId}" is an app, not an organisation.`);
    return c;
  }

  /** The secret of a confidential client (organisations), for the OAuth server only. */
  secretOf(clientId: string): string | undefined {
    const c = this.fresh().clients.get(clientId);
    return c?.secretSalt ? this.secretFor(clientId, c.secretSalt) : undefined;
  }

  /**
   * Removes a client: its live grants are revoked (withdrawal receipts), its links end,
   * its refresh tokens are deleted; its tokens stop working at the next request.
   */
  async remove(clientId: string): Promise<{ revokedGrants: string[] }> {
    this.getOrThrow(clientId);
    const revokedGrants: string[] = [];
    for (const g of await this.consent.listGrants({ clientId, live: true })) {
      await this.consent.revokeGrant(g.id, 'the person removed this client');
      await this.store.deleteGrantArtifacts(g.id);
      revokedGrants.push(g.id);
    }
    await this.store.deleteClient(clientId, new Date(this.now()).toISOString());
    return { revokedGrants };
  }

  // ---- links ---------------------------------------------------------------------

  /** A one-time pairing code for this organisation: 8 characters, 10 minutes, single use, kept only as a hash. */
  async createPairingCode(clientId: string, until?: string): Promise<{ code: string; expiresAt: string; grantUntil: string }> {
    this.organisationOrThrow(clientId);
    const grantUntil = until ? expiryInstant(until) : new Date(this.now() + DEFAULT_LINK_DAYS * 86_400_000).toISOString();
    if (Date.parse(grantUntil) <= this.now()) throw new MesInfosError('INPUT_INVALID', `The link would already be over (until ${grantUntil}).`);
    const raw = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const expiresAtMs = this.now() + PAIRING_CODE_TTL_MS;
    await this.store.insertPairingCode(sha256(raw), { clientId, grantUntil, expiresAtMs });
    return { code: `${raw.slice(0, 4)}-${raw.slice(4)}`, expiresAt: new Date(expiresAtMs).toISOString(), grantUntil };
  }

  /**
   * The organisation claims a pairing code made for it: the link is stored with its
   * customer reference and a write grant (its declared types, its own source) is given.
   */
  async claim(clientId: string, code: string, customerRef: string): Promise<Link> {
    const org = this.organisationOrThrow(clientId);
    const now = this.now();
    const row = await this.store.spendPairingCode(sha256(normalisePairingCode(code)), now, (r) => r.clientId === clientId && r.expiresAtMs > now);
    if (!row) throw new MesInfosError('PAIRING_CODE_INVALID', 'This pairing code is unknown, already used, expired, or was made for another organisation: ask the person for a new one.');
    const { grant } = await this.consent.createGrant({
      grantee: { clientId, kind: 'organisation', name: org.name },
      scopes: org.declaredTypes.map((type) => ({ type })),
      granularity: { kind: 'raw' },
      purpose: 'ServiceProvision',
      verbs: ['write'],
      writeSource: org.source,
      validUntil: row.grantUntil,
      terms: { text: `Restitution: ${org.name} gives back the data it holds about its customer ${customerRef}.` },
    });
    const link: Link = { id: newId(), clientId, customerRef: customerRef.trim(), grantId: grant.id, linkedAt: new Date(now).toISOString(), revokedAt: null };
    await this.store.insertLink(link);
    return link;
  }

  /** Every link (revoked ones too), oldest first; of one organisation when given. */
  links(clientId?: string): Link[] {
    const all = this.fresh().links;
    return clientId ? all.filter((l) => l.clientId === clientId) : [...all];
  }

  /** Ends a link: its write grant is revoked (a withdrawal receipt), pushes stop at once. */
  async revokeLink(id: string): Promise<Link> {
    const link = this.fresh().links.find((l) => l.id === id);
    if (!link) throw new MesInfosError('LINK_NOT_FOUND', `No link ${id}.`);
    if (link.revokedAt !== null) throw new MesInfosError('INPUT_INVALID', `Link ${id} was already revoked at ${link.revokedAt}.`);
    const grant = await this.consent.getGrant(link.grantId);
    if (grant.revokedAt === null) await this.consent.revokeGrant(grant.id, 'the person ended the link');
    const revokedAt = new Date(this.now()).toISOString();
    await this.store.revokeLink(id, revokedAt);
    return { ...link, revokedAt };
  }
}
