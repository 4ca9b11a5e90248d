import { MesInfosError } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import { toInstant } from '../domain/time.ts';
import type { QualityFinding } from '../insights/quality/quality-schema.ts';
import type { ImportSummary } from '../store/record-store.ts';
import { SqliteRecordStore } from '../store/sqlite/sqlite-record-store.ts';
import type { Vault } from '../vault/vault.ts';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import { describeOrganisation, type OrganisationLookup } from './requester.ts';
import { verifiedBy } from './restitution-check.ts';
import { FINAL_STATUSES, type Channel, type ConcernedItem, type RightKind, type RightsRequest, type RightsRequestId, type RightsStatus } from './rights-request.ts';
import { SqliteRightsStore, type RightsStore } from './sqlite-rights-store.ts';
import { allowedActions, applyAction, withOverdue, type RightsEvent } from './state-machine.ts';

/** What the person asks for when creating a request. */
export interface CreateRequestInput {
  kind: RightKind;
  source: string;
  channel?: Channel;
  items?: ConcernedItem[];
  requestedChange?: string;
}

/** An event as a caller gives it: MesInfos stamps the time. */
type WithoutTime<E> = E extends RightsEvent ? Omit<E, 'at'> : never;
export type RightsEventInput = WithoutTime<RightsEvent>;

export interface RightsServiceOptions {
  now?: () => number;
  timeZone?: string;
}

/**
 * The rights requests of one vault: creation, the person's and the organisations' actions
 * through the state machine, the loop from data-quality findings, and the verification
 * of restitutions. Every read brings requests up to date (overdue once the due day passed).
 * Opening it hooks the vault's imports: after an import that brings identity attributes
 * from an organisation with an open rectification, the request closes itself
 * (closed-verified) when the organisation now holds the requested values.
 */
export class RightsService {
  private readonly now: () => number;
  private readonly timeZone: string;
  private unhook: () => void = () => undefined;

  constructor(
    private readonly vault: Vault,
    private readonly store: RightsStore,
    opts: RightsServiceOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** Opens the service on an open vault (applies the rights migrations) and hooks its imports. */
  static async open(vault: Vault, opts: RightsServiceOptions = {}): Promise<RightsService> {
    if (!(vault.store instanceof SqliteRecordStore)) throw new Error('the rights requests need the SQLite vault');
    const service = new RightsService(vault, await SqliteRightsStore.open(vault.store), opts);
    service.unhook = vault.onImport((summary) => service.afterImport(summary));
    return service;
  }

  close(): void {
    this.unhook();
  }

  /** Creates a draft request to one organisation. */
  async create(input: CreateRequestInput, lookup: OrganisationLookup): Promise<RightsRequest> {
    const request = await this.draft(input, lookup);
    await this.store.save(request);
    return request;
  }

  private async draft(input: CreateRequestInput, lookup: OrganisationLookup): Promise<RightsRequest> {
    const items = input.items ?? [];
    if (input.kind === 'rectification' && (items.length === 0 || items.some((i) => !i.requestedValue?.trim())))
      throw new MesInfosError('RIGHTS_REQUEST_INVALID', 'A rectification names each wrong value and the value it should be (--what, --current, --requested).');
    const { customerRef: _ref, ...organisation } = await describeOrganisation(this.vault, input.source, lookup);
    const channel = input.channel ?? (organisation.linked ? 'api' : organisation.contact?.includes('@') ? 'email' : 'letter');
    if (channel === 'api' && !organisation.linked)
      throw new MesInfosError('RIGHTS_REQUEST_INVALID', `${organisation.name} (${input.source}) is not linked to your vault: send this request by e-mail or letter (--channel email|letter).`);
    const at = toInstant(this.now());
    return {
      id: newId() as RightsRequestId,
      kind: input.kind,
      organisation,
      channel,
      items,
      ...(input.requestedChange ? { requestedChange: input.requestedChange } : {}),
      status: 'draft',
      createdAt: at,
      extensionMonths: 0,
      history: [{ at, by: 'person', action: 'create', from: null, to: 'draft', note: `${input.kind} request via ${channel}` }],
    };
  }

  /** Requests, newest first, as they stand now; of one organisation or in some statuses when asked. */
  async list(filter: { source?: string; statuses?: readonly RightsStatus[] } = {}): Promise<RightsRequest[]> {
    const now = this.now();
    const all = (await this.store.list(filter.source ? { source: filter.source } : {})).map((r) => withOverdue(r, now, this.timeZone));
    return filter.statuses ? all.filter((r) => filter.statuses!.includes(r.status)) : all;
  }

  /** One request as it stands now, or RIGHTS_REQUEST_NOT_FOUND. */
  async get(id: string): Promise<RightsRequest> {
    const r = await this.store.get(id);
    if (!r) throw new MesInfosError('RIGHTS_REQUEST_NOT_FOUND', `No rights request ${id}.`);
    return withOverdue(r, this.now(), this.timeZone);
  }

  /** Applies an action (the state machine checks it) and saves the request with its history. */
  async act(id: string, event: RightsEventInput): Promise<RightsRequest> {
    const stored = await this.store.get(id);
    if (!stored) throw new MesInfosError('RIGHTS_REQUEST_NOT_FOUND', `No rights request ${id}.`);
    const next = applyAction(stored, { ...event, at: this.now() } as RightsEvent, this.timeZone);
    await this.store.save(next);
    return next;
  }

  /**
   * The rectification loop: one draft rectification per organisation holding wrong values,
   * with one item per value. A value already covered by an open request (same source,
   * attribute and requested value) is skipped, so running it again creates nothing new.
   */
  async fromFindings(findings: readonly QualityFinding[], lookup: OrganisationLookup): Promise<{ created: RightsRequest[]; skipped: { source: string; attribute: string; reason: string }[] }> {
    const open = await this.list();
    const covered = (f: QualityFinding) =>
      open.some((r) => r.kind === 'rectification' && r.organisation.source === f.source && !FINAL_STATUSES.includes(r.status) && r.items.some((i) => i.what === f.attribute && i.requestedValue === f.expected));
    const bySource = new Map<string, ConcernedItem[]>();
    const skipped: { source: string; attribute: string; reason: string }[] = [];
    for (const f of findings) {
      if (f.expected === null) skipped.push({ source: f.source, attribute: f.attribute, reason: 'no current value to ask for: tell MesInfos the right one first' });
      else if (covered(f)) skipped.push({ source: f.source, attribute: f.attribute, reason: 'already asked in an open request' });
      else {
        const item: ConcernedItem = { what: f.attribute, currentValue: f.believed, requestedValue: f.expected, since: f.outdatedSince ?? f.heldSince, ...(f.recordIds[0] ? { recordId: f.recordIds[0] } : {}) };
        bySource.set(f.source, [...(bySource.get(f.source) ?? []), item]);
      }
    }
    const created: RightsRequest[] = [];
    for (const [source, items] of bySource) created.push(await this.draft({ kind: 'rectification', source, items }, lookup));
    await this.store.saveAll(created);
    return { created, skipped };
  }

  /**
   * Closes (closed-verified) every open rectification to one of `sources` that their
   * identity attributes now satisfy. Returns the requests it closed.
   */
  async verifyRestitutions(sources: readonly string[]): Promise<RightsRequest[]> {
    const closed: RightsRequest[] = [];
    for (const source of sources) {
      const open = (await this.store.list({ source })).filter((r) => r.kind === 'rectification' && allowedActions(r.status).includes('verify'));
      if (open.length === 0) continue;
      const records = (await this.vault.query({ types: ['identity.attribute'], sources: [source], limit: 1000 })).records;
      for (const r of open) {
        const note = verifiedBy(r, records);
        if (note) closed.push(await this.act(r.id, { action: 'verify', by: 'system', note }));
      }
    }
    return closed;
  }

  private async afterImport(summary: ImportSummary): Promise<void> {
    if (!summary.byType['identity.attribute']) return;
    await this.verifyRestitutions(Object.keys(summary.bySource));
  }
}
