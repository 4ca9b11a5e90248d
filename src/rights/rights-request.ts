import { z } from 'zod';
import { uuidSchema } from '../domain/ids.ts';
import { sourceSchema } from '../domain/record.ts';
import { instantSchema, localDateSchema } from '../domain/time.ts';

/**
 * A rights request under the GDPR (RGPD), from the person to one organisation, and its
 * life: draft → sent → acknowledged → answered → closed, or overdue when the organisation
 * lets the deadline of art. 12(3) pass; closed-verified when a later restitution of that
 * organisation carries the corrected value (rectification).
 */
export type RightsRequestId = string & { readonly __brand: 'RightsRequestId' };
export const rightsRequestIdSchema = uuidSchema.transform((s) => s as RightsRequestId);

/** The right exercised, named after the GDPR article: access (15) … objection (21). */
export const RIGHT_KINDS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'] as const;
export const rightKindSchema = z.enum(RIGHT_KINDS);
export type RightKind = z.infer<typeof rightKindSchema>;

/** The article of the GDPR (RGPD) each right comes from. */
export const ARTICLE_OF: Record<RightKind, number> = { access: 15, rectification: 16, erasure: 17, restriction: 18, portability: 20, objection: 21 };

export const RIGHTS_STATUSES = ['draft', 'sent', 'acknowledged', 'answered', 'overdue', 'closed', 'closed-verified'] as const;
export const rightsStatusSchema = z.enum(RIGHTS_STATUSES);
export type RightsStatus = z.infer<typeof rightsStatusSchema>;

/** How the request reaches the organisation: its API (a linked organisation), an e-mail or a letter. */
export const channelSchema = z.enum(['api', 'email', 'letter']);
export type Channel = z.infer<typeof channelSchema>;

/** Who did something to a request: the person, the organisation (its source), or MesInfos itself. */
export const actorSchema = z.union([z.literal('person'), z.literal('system'), sourceSchema]);
export type Actor = z.infer<typeof actorSchema>;

/** What one concerned item is: an identity attribute held by the organisation (rectification), or a record type. */
export const concernedItemSchema = z.strictObject({
  /** `identity.attribute` kind ("postal_address") or a record type ("bank.transaction"). */
  what: z.string().min(1),
  /** The record holding the value at the organisation, when known. */
  recordId: z.string().optional(),
  /** The value the organisation holds (rectification). */
  currentValue: z.string().optional(),
  /** The value it should hold (rectification). */
  requestedValue: z.string().optional(),
  /** Since when the organisation has held the wrong value (its own "as of" date, or the record's date). */
  since: z.string().optional(),
});
export type ConcernedItem = z.infer<typeof concernedItemSchema>;

/** The organisation a request goes to. `contact` is its data-protection contact (DPO address or e-mail) when known. */
export const requestOrganisationSchema = z.strictObject({
  source: sourceSchema,
  name: z.string().min(1),
  contact: z.string().optional(),
  linked: z.boolean(),
});
export type RequestOrganisation = z.infer<typeof requestOrganisationSchema>;

export const answerOutcomeSchema = z.enum(['done', 'refused']);
export type AnswerOutcome = z.infer<typeof answerOutcomeSchema>;

/** The actions that change a request; `overdue` and `verify` are MesInfos's own. */
export const rightsActionSchema = z.enum(['create', 'send', 'acknowledge', 'extend', 'answer', 'close', 'verify', 'overdue']);
export type RightsAction = z.infer<typeof rightsActionSchema>;

/** One entry of a request's history: every transition, who, when, and why. */
export const historyEntrySchema = z.strictObject({
  at: instantSchema,
  by: actorSchema,
  action: rightsActionSchema,
  from: rightsStatusSchema.nullable(),
  to: rightsStatusSchema,
  note: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const rightsRequestSchema = z.strictObject({
  id: rightsRequestIdSchema,
  kind: rightKindSchema,
  organisation: requestOrganisationSchema,
  channel: channelSchema,
  items: z.array(concernedItemSchema),
  /** The change asked for, in the person's words (beside the items' requested values). */
  requestedChange: z.string().optional(),
  status: rightsStatusSchema,
  createdAt: instantSchema,
  sentAt: instantSchema.optional(),
  /** The day the request was sent, in the person's time zone: the deadline counts from it. */
  sentOn: localDateSchema.optional(),
  /** The last day the organisation has to answer: one month after sentOn (art. 12(3)). */
  dueOn: localDateSchema.optional(),
  /** Further months the organisation took (0–2, art. 12(3)), and why. */
  extensionMonths: z.number().int().min(0).max(2).default(0),
  extensionReason: z.string().optional(),
  answer: z.strictObject({ outcome: answerOutcomeSchema, reason: z.string().optional(), at: instantSchema, by: actorSchema }).optional(),
  closedAt: instantSchema.optional(),
  history: z.array(historyEntrySchema),
});
export type RightsRequest = z.infer<typeof rightsRequestSchema>;

/** Statuses in which the organisation still owes an answer. */
export const PENDING_STATUSES: readonly RightsStatus[] = ['sent', 'acknowledged', 'overdue'];
/** Statuses after which nothing more happens (save a verification of a closed rectification). */
export const FINAL_STATUSES: readonly RightsStatus[] = ['closed', 'closed-verified'];
