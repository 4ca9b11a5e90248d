import { z } from 'zod';
import { MesInfosError } from '../domain/errors.ts';
import { registryOf } from '../clients/caller.ts';
import type { OperationContext } from '../operations/operation.ts';
import { complaintAvailable } from './complaint.ts';
import { daysUntil, localDateOf } from './deadlines.ts';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import type { OrganisationLookup } from './requester.ts';
import { answerOutcomeSchema, channelSchema, PENDING_STATUSES, concernedItemSchema, historyEntrySchema, requestOrganisationSchema, rightKindSchema, rightsRequestSchema, rightsStatusSchema, type RightsRequest } from './rights-request.ts';
import type { RightsService } from './rights-service.ts';
import { allowedActions } from './state-machine.ts';

declare module '../operations/operation.ts' {
  interface OperationServices {
    /** The rights requests of the open vault (src/rights/), set by the composition root. */
    rights?: RightsService;
  }
}

/** The rights service of the open vault. */
export function rightsOf(ctx: OperationContext): RightsService {
  const s = ctx.services.rights;
  if (!s) throw new Error('the rights service is not wired: call RightsService.open(vault) in the composition root and set services.rights');
  return s;
}

/** Organisations the person registered (src/clients/), by source, with their link. */
export function organisationLookup(ctx: OperationContext): OrganisationLookup {
  if (!ctx.services.clients) return () => undefined;
  const registry = registryOf(ctx);
  return (source) => {
    const org = registry.list().find((c) => c.kind === 'organisation' && c.source === source);
    if (!org || org.kind !== 'organisation') return undefined;
    const link = registry.links(org.clientId).find((l) => l.revokedAt === null);
    return { source, name: org.name, contact: org.dataProtectionContact, linked: link !== undefined, ...(link ? { customerRef: link.customerRef } : {}) };
  };
}

/** A request as the person sees it: everything, plus what can be done next and the days left. */
export const rightsRequestViewSchema = rightsRequestSchema.extend({
  id: z.string(),
  allowed: z.array(z.string()),
  complaintAvailable: z.boolean(),
  /** Days until the due day (negative once overdue); absent before sending and once answered or closed. */
  daysLeft: z.number().int().optional(),
});
export type RightsRequestView = z.infer<typeof rightsRequestViewSchema>;

export function viewOf(r: RightsRequest, now: number = Date.now()): z.input<typeof rightsRequestViewSchema> {
  const waiting = PENDING_STATUSES.includes(r.status);
  return {
    ...r,
    allowed: allowedActions(r.status),
    complaintAvailable: complaintAvailable(r),
    ...(waiting && r.dueOn ? { daysLeft: daysUntil(r.dueOn, localDateOf(now, DEFAULT_TIME_ZONE)) } : {}),
  };
}

/** A request as its organisation sees it: what is asked and the deadline; not the person's own notes. */
export const orgRequestViewSchema = z.object({
  id: z.string(),
  kind: rightKindSchema,
  organisation: requestOrganisationSchema,
  channel: channelSchema,
  customerRef: z.string(),
  items: z.array(concernedItemSchema.omit({ recordId: true })),
  requestedChange: z.string().optional(),
  status: rightsStatusSchema,
  sentOn: z.string().optional(),
  dueOn: z.string().optional(),
  extensionMonths: z.number().int(),
  answer: z.object({ outcome: answerOutcomeSchema, reason: z.string().optional(), at: z.string() }).optional(),
  history: z.array(historyEntrySchema.omit({ note: true })),
});

export function orgViewOf(r: RightsRequest, customerRef: string): z.input<typeof orgRequestViewSchema> {
  return {
    id: r.id,
    kind: r.kind,
    organisation: r.organisation,
    channel: r.channel,
    customerRef,
    items: r.items.map(({ recordId: _id, ...i }) => i),
    ...(r.requestedChange ? { requestedChange: r.requestedChange } : {}),
    status: r.status,
    ...(r.sentOn ? { sentOn: r.sentOn } : {}),
    ...(r.dueOn ? { dueOn: r.dueOn } : {}),
    extensionMonths: r.extensionMonths,
    ...(r.answer ? { answer: { outcome: r.answer.outcome, ...(r.answer.reason ? { reason: r.answer.reason } : {}), at: r.answer.at } } : {}),
    history: r.history.map(({ note: _n, ...h }) => h),
  };
}

/** One line per request for the CLI. */
export function requestRow(r: RightsRequestView): (string | number)[] {
  return [r.id, r.organisation.name, r.kind, r.status, r.channel, r.sentOn ?? '', r.dueOn ?? '', r.daysLeft ?? ''];
}
export const REQUEST_HEAD = ['id', 'organisation', 'kind', 'status', 'channel', 'sent', 'due', 'days left'];

/** The lines of `rights show`. */
export function renderRequest(r: RightsRequestView): string {
  return [
    `${r.kind} request ${r.id} to ${r.organisation.name} (${r.organisation.source}) — ${r.status}`,
    `  channel    ${r.channel}${r.organisation.contact ? ` (${r.organisation.contact})` : ''}`,
    ...r.items.map((i) => `  item       ${i.what}${i.currentValue !== undefined ? `: "${i.currentValue}" → "${i.requestedValue ?? ''}"` : ''}`),
    ...(r.requestedChange ? [`  asked      ${r.requestedChange}`] : []),
    ...(r.sentOn ? [`  sent       ${r.sentOn}, due ${r.dueOn}${r.extensionMonths ? ` (extended by ${r.extensionMonths} month(s): ${r.extensionReason})` : ''}${r.daysLeft !== undefined ? `, ${r.daysLeft} day(s) left` : ''}`] : []),
    ...(r.answer ? [`  answer     ${r.answer.outcome}${r.answer.reason ? `: ${r.answer.reason}` : ''} (${r.answer.at})`] : []),
    ...r.history.map((h) => `  ${h.at.slice(0, 16).replace('T', ' ')}  ${h.by.padEnd(18)} ${h.action.padEnd(11)} ${h.from ?? '—'} → ${h.to}${h.note ? `  ${h.note}` : ''}`),
    ...(r.allowed.length ? [`  next       ${r.allowed.join(', ')}`] : []),
    ...(r.complaintAvailable ? ['  A complaint to the CNIL is ready: mesinfos rights complaint ' + r.id] : []),
  ].join('\n');
}

/** The request if the calling organisation is its addressee and it was sent; otherwise as if it did not exist (drafts are the person's). */
export function addressedTo(r: RightsRequest, source: string): RightsRequest {
  if (r.organisation.source !== source || r.status === 'draft') throw new MesInfosError('RIGHTS_REQUEST_NOT_FOUND', `No rights request ${r.id} addressed to you.`);
  return r;
}
