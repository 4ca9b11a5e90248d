import { z } from 'zod';
import '../clients/audiences.ts';
import { callingOrganisation, type OrganisationCaller } from '../clients/caller.ts';
import type { GrantId } from '../domain/ids.ts';
import { MesInfosError } from '../domain/errors.ts';
import { sourceSchema } from '../domain/record.ts';
import { localDateSchema } from '../domain/time.ts';
import { computeDataQuality } from '../insights/quality/data-quality.ts';
import { defineOperation, type AnyOperation, type OperationContext } from '../operations/operation.ts';
import { listOf } from '../operations/schemas.ts';
import { MAX_EXTENSION_MONTHS } from './deadlines.ts';
import { rightsLetterOperations } from './rights-letter-operations.ts';
import { remindersOf } from './reminders.ts';
import { answerOutcomeSchema, channelSchema, concernedItemSchema, PENDING_STATUSES, rightKindSchema, rightsStatusSchema, type ConcernedItem, type RightsRequest } from './rights-request.ts';
import { RightsService, type RightsEventInput } from './rights-service.ts';
import type { Vault } from '../vault/vault.ts';
import { REQUEST_HEAD, addressedTo, organisationLookup, orgRequestViewSchema, orgViewOf, renderRequest, requestRow, rightsOf, rightsRequestViewSchema, viewOf } from './rights-views.ts';

/**
 * The operations of rights requests. The person creates, sends, follows and closes them
 * (CLI `mesinfos rights …`, HTTP /api/me/rights/…); a linked organisation lists the
 * requests addressed to it and acknowledges, extends or answers them (/api/org/rights/…),
 * each access written to the access log.
 */

const idInput = z.string().min(1, 'a request id is required');
const customerRefInput = z.string().min(1).optional();
const requestList = z.object({ requests: z.array(rightsRequestViewSchema) });

/** Logs an organisation's access to rights requests in the vault's access log. */
async function logOrganisation(ctx: OperationContext, org: OrganisationCaller, grantId: string, operation: string, action: 'read' | 'write', count: number): Promise<void> {
  await ctx.services.consent?.log.append({
    principalKind: 'organisation',
    clientId: org.clientId,
    grantId: grantId as GrantId,
    operation,
    action,
    types: ['rights.request'],
    recordCount: count,
    outcome: 'allowed',
    reason: null,
  });
}

/**
 * Runs an action as the person, or as the calling organisation on a request addressed to
 * it for its linked customer; returns the view each is entitled to.
 */
async function actAs(ctx: OperationContext, operation: string, id: string, customerRef: string | undefined, event: (by: string) => RightsEventInput) {
  const service = rightsOf(ctx);
  if (ctx.principal.kind === 'owner') return viewOf(await service.act(id, event('person')));
  const org = callingOrganisation(ctx);
  if (!customerRef) throw new MesInfosError('INPUT_INVALID', 'customerRef: say which linked customer the request belongs to.');
  const link = org.linkFor(customerRef);
  addressedTo(await service.get(id), org.source);
  const r = await service.act(id, event(org.source));
  await logOrganisation(ctx, org, link.grantId, operation, 'write', 1);
  return orgViewOf(r, link.customerRef);
}

/** An item typed on the command line as JSON; left as it is when not JSON, so validation names the problem. */
function jsonItem(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

const actionOutput = z.union([rightsRequestViewSchema, orgRequestViewSchema]);

export const rightsCreate = defineOperation({
  name: 'rights.create',
  summary: 'Draft a GDPR request to an organisation: access (art. 15), rectification (16), erasure (17), restriction (18), portability (20) or objection (21)',
  permission: 'owner',
  mutates: true,
  input: z.object({
    kind: rightKindSchema,
    organisation: sourceSchema,
    channel: channelSchema.optional(),
    what: listOf(z.string().min(1)).optional(),
    current: z.string().min(1).optional(),
    requested: z.string().min(1).optional(),
    change: z.string().min(1).optional(),
    items: z.preprocess((v) => (Array.isArray(v) ? v.map(jsonItem) : typeof v === 'string' ? [jsonItem(v)] : v), z.array(concernedItemSchema)).optional(),
  }),
  output: rightsRequestViewSchema,
  cli: {
    command: ['rights', 'create'],
    help: {
      kind: 'access | rectification | erasure | restriction | portability | objection',
      organisation: 'its source, e.g. org:gaz-reseau',
      channel: 'api (a linked organisation) | email | letter; default: api when linked, else e-mail or letter',
      what: 'attributes or record types concerned, comma-separated (postal_address, email, bank.transaction…)',
      current: 'rectification: the wrong value the organisation holds',
      requested: 'rectification: the value it should hold',
      change: 'the change asked for, in your words',
      items: 'instead of --what: one item as JSON, e.g. {"what":"email","currentValue":"a@x.fr","requestedValue":"b@x.fr"}',
    },
    render: (o) => `Draft ${o.kind} request ${o.id} to ${o.organisation.name} (${o.channel}). Send it with: mesinfos rights send ${o.id}`,
  },
  handler: async (ctx, i) => {
    if (i.items && i.what) throw new MesInfosError('INPUT_INVALID', 'Give either items or what (with current and requested), not both.');
    if ((i.current || i.requested) && i.what?.length !== 1) throw new MesInfosError('INPUT_INVALID', '--current and --requested go with exactly one --what.');
    const items: ConcernedItem[] = i.items ?? (i.what ?? []).map((what) => ({ what, ...(i.current ? { currentValue: i.current } : {}), ...(i.requested ? { requestedValue: i.requested } : {}) }));
    const r = await rightsOf(ctx).create({ kind: i.kind, source: i.organisation, ...(i.channel ? { channel: i.channel } : {}), items, ...(i.change ? { requestedChange: i.change } : {}) }, organisationLookup(ctx));
    return viewOf(r);
  },
});

export const rightsList = defineOperation({
  name: 'rights.list',
  summary: 'Your rights requests, newest first, with their status, due day and days left',
  permission: 'owner',
  mutates: false,
  input: z.object({ organisation: sourceSchema.optional(), status: listOf(rightsStatusSchema).optional() }),
  output: requestList,
  cli: {
    command: ['rights', 'list'],
    help: { organisation: 'only requests to this source', status: 'only these statuses, comma-separated' },
    json: (o) => o.requests,
    render: (o) => ({ head: REQUEST_HEAD, table: o.requests.map(requestRow) }),
  },
  handler: async (ctx, i) => {
    const list = await rightsOf(ctx).list({ ...(i.organisation ? { source: i.organisation } : {}), ...(i.status?.length ? { statuses: i.status } : {}) });
    return { requests: list.map((r) => viewOf(r)) };
  },
});

export const rightsReminders = defineOperation({
  name: 'rights.reminders',
  summary: 'What needs your attention: answers due within a week, deadlines passed (a CNIL complaint is ready), refusals, drafts not sent',
  permission: 'owner',
  mutates: false,
  input: z.object({}),
  output: z.object({
    reminders: z.array(z.object({ id: z.string(), organisation: z.string(), kind: rightKindSchema, status: rightsStatusSchema, dueOn: z.string().optional(), level: z.enum(['urgent', 'soon', 'info']), message: z.string() })),
  }),
  cli: {
    command: ['rights', 'reminders'],
    json: (o) => o.reminders,
    render: (o) => (o.reminders.length ? o.reminders.map((r) => `${r.level.padEnd(6)} ${r.message}  (${r.id})`).join('\n') : 'Nothing needs your attention.'),
  },
  handler: async (ctx) => ({ reminders: remindersOf(await rightsOf(ctx).list(), Date.now()) }),
});

export const rightsShow = defineOperation({
  name: 'rights.show',
  summary: 'One rights request: what is asked, to whom, the deadline, the answer and its whole history',
  permission: 'owner',
  mutates: false,
  input: z.object({ id: idInput }),
  output: rightsRequestViewSchema,
  cli: { command: ['rights', 'show'], positional: ['id'], render: renderRequest },
  handler: async (ctx, i) => viewOf(await rightsOf(ctx).get(i.id)),
});

export const rightsSend = defineOperation({
  name: 'rights.send',
  summary: 'Mark a request sent (through the API it reaches the organisation now): the one-month deadline of art. 12(3) GDPR starts',
  permission: 'owner',
  mutates: true,
  input: z.object({ id: idInput, on: localDateSchema.optional() }),
  output: rightsRequestViewSchema,
  cli: {
    command: ['rights', 'send'],
    positional: ['id'],
    help: { on: 'the day you posted the letter or sent the e-mail (default: today)' },
    render: (o) => `Request ${o.id} sent on ${o.sentOn}; ${o.organisation.name} must answer by ${o.dueOn}.`,
  },
  handler: async (ctx, i) => {
    const service = rightsOf(ctx);
    const r = await service.get(i.id);
    if (r.channel === 'api' && !organisationLookup(ctx)(r.organisation.source)?.linked)
      throw new MesInfosError('RIGHTS_REQUEST_INVALID', `${r.organisation.name} is no longer linked: its API cannot receive request ${r.id}. Create it again by e-mail or letter.`);
    return viewOf(await service.act(i.id, { action: 'send', by: 'person', ...(i.on ? { sentOn: i.on } : {}) }));
  },
});

export const rightsAcknowledge = defineOperation({
  name: 'rights.acknowledge',
  summary: 'The organisation acknowledges receipt of a request (the organisation through its API, or the person recording its letter)',
  permission: 'grant',
  mutates: true,
  audiences: ['person', 'organisation'],
  input: z.object({ id: idInput, customerRef: customerRefInput, note: z.string().optional() }),
  output: actionOutput,
  cli: { command: ['rights', 'acknowledge'], positional: ['id'], help: { customerRef: '(organisations only)' }, render: (o) => `Request ${o.id} acknowledged.` },
  handler: (ctx, i) => actAs(ctx, 'rights.acknowledge', i.id, i.customerRef, (by) => ({ action: 'acknowledge', by, ...(i.note ? { note: i.note } : {}) })),
});

export const rightsExtend = defineOperation({
  name: 'rights.extend',
  summary: 'The organisation extends the deadline by one or two further months, with its reasons, within the first month (art. 12(3) GDPR)',
  permission: 'grant',
  mutates: true,
  audiences: ['person', 'organisation'],
  input: z.object({ id: idInput, customerRef: customerRefInput, months: z.coerce.number().int().min(1).max(MAX_EXTENSION_MONTHS), reason: z.string().trim().min(1, 'an extension gives its reasons') }),
  output: actionOutput,
  cli: { command: ['rights', 'extend'], positional: ['id'], help: { months: '1 or 2', reason: 'the reasons the organisation gave', customerRef: '(organisations only)' }, render: (o) => `Request ${o.id} now due ${o.dueOn}.` },
  handler: (ctx, i) => actAs(ctx, 'rights.extend', i.id, i.customerRef, (by) => ({ action: 'extend', by, months: i.months, reason: i.reason })),
});

export const rightsAnswer = defineOperation({
  name: 'rights.answer',
  summary: 'The organisation answers a request: done, or refused with its reason',
  permission: 'grant',
  mutates: true,
  audiences: ['person', 'organisation'],
  input: z.object({ id: idInput, customerRef: customerRefInput, outcome: answerOutcomeSchema, reason: z.string().trim().min(1).optional() }),
  output: actionOutput,
  cli: { command: ['rights', 'answer'], positional: ['id'], help: { outcome: 'done | refused', reason: 'why (required for a refusal)', customerRef: '(organisations only)' }, render: (o) => `Request ${o.id} answered: ${o.answer?.outcome}.` },
  handler: (ctx, i) => actAs(ctx, 'rights.answer', i.id, i.customerRef, (by) => ({ action: 'answer', by, outcome: i.outcome, ...(i.reason ? { reason: i.reason } : {}) })),
});

export const rightsClose = defineOperation({
  name: 'rights.close',
  summary: 'Close a request (satisfied, abandoned, or settled otherwise)',
  permission: 'owner',
  mutates: true,
  input: z.object({ id: idInput, note: z.string().optional() }),
  output: rightsRequestViewSchema,
  cli: { command: ['rights', 'close'], positional: ['id'], help: { note: 'why' }, render: (o) => `Request ${o.id} closed.` },
  handler: async (ctx, i) => viewOf(await rightsOf(ctx).act(i.id, { action: 'close', by: 'person', ...(i.note ? { note: i.note } : {}) })),
});

export const rightsFromQuality = defineOperation({
  name: 'rights.fromQuality',
  summary: 'The rectification loop: one rectification request per organisation for every stale or conflicting value the data-quality insight finds',
  permission: 'owner',
  mutates: true,
  input: z.object({ send: z.boolean().default(false) }),
  output: z.object({ created: z.array(rightsRequestViewSchema), skipped: z.array(z.object({ source: z.string(), attribute: z.string(), reason: z.string() })) }),
  cli: {
    command: ['rights', 'from-quality'],
    help: { send: 'also send those that go through a linked organisation’s API' },
    json: (o) => o,
    render: (o) => ({
      head: ['id', 'organisation', 'items', 'channel', 'status'],
      table: [...o.created.map((r) => [r.id, r.organisation.name, r.items.map((x) => x.what).join(', '), r.channel, r.status]), ...o.skipped.map((s) => ['—', s.source, s.attribute, '', s.reason])],
    }),
  },
  handler: async (ctx, i) => {
    const service = rightsOf(ctx);
    const quality = await computeDataQuality(ctx.vault.store);
    const { created, skipped } = await service.fromFindings(quality.findings, organisationLookup(ctx));
    const out: RightsRequest[] = [];
    for (const r of created) out.push(i.send && r.channel === 'api' ? await service.act(r.id, { action: 'send', by: 'person' }) : r);
    return { created: out.map((r) => viewOf(r)), skipped };
  },
});

export const rightsPending = defineOperation({
  name: 'rights.pending',
  summary: 'For an organisation: the rights requests of its linked customer that await its answer, with their due day',
  permission: 'grant',
  mutates: false,
  faces: ['http'],
  audiences: ['organisation'],
  input: z.object({ customerRef: z.string().min(1, 'customerRef: the customer whose requests to list') }),
  output: z.object({ requests: z.array(orgRequestViewSchema) }),
  handler: async (ctx, i) => {
    const org = callingOrganisation(ctx);
    const link = org.linkFor(i.customerRef);
    const pending = await rightsOf(ctx).list({ source: org.source, statuses: PENDING_STATUSES });
    await logOrganisation(ctx, org, link.grantId, 'rights.pending', 'read', pending.length);
    return { requests: pending.map((r) => orgViewOf(r, link.customerRef)) };
  },
});

/** The service factory for the composition root (src/operations/table.ts): opens the rights requests and hooks the vault's imports. */
export async function rightsServiceFactory(vault: Vault): Promise<{ rights: RightsService }> {
  return { rights: await RightsService.open(vault) };
}

export const rightsOperations: AnyOperation[] = [
  rightsCreate,
  rightsList,
  rightsReminders,
  rightsShow,
  rightsSend,
  rightsAcknowledge,
  rightsExtend,
  rightsAnswer,
  rightsClose,
  rightsFromQuality,
  rightsPending,
  ...rightsLetterOperations,
] as AnyOperation[];
