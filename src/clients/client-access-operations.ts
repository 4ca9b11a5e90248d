import { z } from 'zod';
import type { ConsentEngine } from '../consent/consent-engine.ts';
import { granularityTextSchema, parseGranularity } from '../consent/grant.ts';
import { projectedRecordSchema, readResultSchema } from '../consent/projection.ts';
import { MesInfosError } from '../domain/errors.ts';
import type { RecordId } from '../domain/ids.ts';
import { recordInputSchema, recordTypeSchema, type StoredRecord } from '../domain/record.ts';
import { defineOperation, type AnyOperation, type OperationContext } from '../operations/operation.ts';
import { dateInputSchema, importSummarySchema, listOf, storedRecordSchema } from '../operations/schemas.ts';
import './audiences.ts';
import { callingOrganisation, registryOf } from './caller.ts';
import { customerRefSchema, linkSchema } from './client-schemas.ts';
import { readOneUnderGrant } from './read-one.ts';

/** Operations organisations (/api/org) and apps (/api/app) call with their OAuth tokens. */

export const MAX_PUSH_RECORDS = 10_000;

function consentOf(ctx: OperationContext): ConsentEngine {
  const c = ctx.services.consent;
  if (!c) throw new Error('the consent engine is not wired (services.consent)');
  return c;
}

export const linksClaim = defineOperation({
  name: 'links.claim',
  summary: 'The organisation claims the pairing code the person gave it, with its own customer reference: the link is made and it may push its declared types',
  permission: 'grant',
  mutates: true,
  faces: ['http'],
  audiences: ['organisation'],
  input: z.object({ code: z.string().min(1, 'the pairing code the person gave you'), customerRef: customerRefSchema }),
  output: z.object({ link: linkSchema, source: z.string(), declaredTypes: z.array(recordTypeSchema) }),
  handler: async (ctx, i) => {
    const org = callingOrganisation(ctx);
    return { link: await registryOf(ctx).claim(org.clientId, i.code, i.customerRef), source: org.source, declaredTypes: org.declaredTypes };
  },
});

/** A pushed record: a record input whose source, if given, is ignored (the organisation's own is forced). */
const pushedRecordSchema = recordInputSchema.extend({ source: z.string().optional() });

export const recordsPush = defineOperation({
  name: 'records.push',
  summary: `Restitution: push up to ${MAX_PUSH_RECORDS.toLocaleString('en')} records of the declared types for a linked customer, all or nothing, idempotent by sourceRef; each record's source is the organisation's`,
  permission: 'grant',
  mutates: true,
  faces: ['http'],
  audiences: ['organisation'],
  httpBodyLimitBytes: 32 * 1024 * 1024,
  input: z.object({
    customerRef: customerRefSchema,
    records: z.array(pushedRecordSchema).min(1, 'push at least one record').max(MAX_PUSH_RECORDS, `at most ${MAX_PUSH_RECORDS} records a request: split the batch`),
  }),
  output: importSummarySchema,
  handler: async (ctx, i) => {
    const org = callingOrganisation(ctx);
    const link = org.linkFor(i.customerRef);
    const records = i.records.map((r) => ({ ...r, source: org.source }));
    return consentOf(ctx).write({ kind: 'organisation', clientId: org.clientId, grantId: link.grantId }, records, 'records.push');
  },
});

export const recordsPushed = defineOperation({
  name: 'records.pushed',
  summary: 'Read back what this organisation pushed for a linked customer (its own source only, as it sent it), newest first, paginated',
  permission: 'grant',
  mutates: false,
  faces: ['http'],
  audiences: ['organisation'],
  input: z.object({
    customerRef: customerRefSchema,
    type: listOf(recordTypeSchema).optional(),
    from: dateInputSchema.optional(),
    to: dateInputSchema.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().optional(),
  }),
  output: z.object({ records: z.array(storedRecordSchema), nextCursor: z.string().nullable() }),
  handler: async (ctx, i) => {
    const org = callingOrganisation(ctx);
    const link = org.linkFor(i.customerRef);
    const engine = consentOf(ctx);
    const types = i.type?.length ? i.type : org.declaredTypes;
    const principal = { kind: 'organisation' as const, clientId: org.clientId, grantId: link.grantId };
    // Reading back its own pushes needs its link's grant to be alive (revoked or expired → 403 with the reason).
    const grant = await engine.getGrant(link.grantId);
    const state = engine.stateOf(grant);
    if (state !== 'active') {
      const reason = state === 'revoked' ? 'GRANT_REVOKED' : state === 'expired' ? 'GRANT_EXPIRED' : 'GRANT_NOT_STARTED';
      await engine.log.append({ principalKind: 'organisation', clientId: org.clientId, grantId: grant.id, operation: 'records.pushed', action: 'read', types, recordCount: 0, outcome: 'denied', reason });
      throw new MesInfosError('CONSENT_DENIED', `The link's grant is ${state}.`, { reason });
    }
    const page = await ctx.vault.query({ sources: [org.source], types, ...(i.from ? { from: i.from } : {}), ...(i.to ? { to: i.to } : {}), limit: i.limit, ...(i.cursor ? { cursor: i.cursor } : {}), order: 'desc' });
    // The person's corrections are the person's: the organisation sees what it sent.
    const records = await Promise.all(page.records.map((r) => asSent(ctx, r)));
    await engine.log.append({ principalKind: principal.kind, clientId: principal.clientId, grantId: grant.id, operation: 'records.pushed', action: 'read', types, recordCount: records.length, outcome: 'allowed', reason: null });
    return { records, nextCursor: page.nextCursor };
  },
});

async function asSent(ctx: OperationContext, r: StoredRecord): Promise<StoredRecord> {
  if (r.revisedBy !== 'person') return r;
  const original = (await ctx.vault.revisions(r.id)).filter((v) => v.revisedBy === 'source').pop();
  if (!original) return r;
  const { revisionReason: _reason, ...rest } = r;
  return { ...rest, data: original.data as StoredRecord['data'], occurredAt: original.occurredAt, revision: original.revision, revisedBy: 'source' };
}

export const dataRead = defineOperation({
  name: 'data.read',
  summary: 'Read what a grant allows: records stripped to the granted fields, or totals per period, or an insight — decided by the policy and logged',
  permission: 'grant',
  mutates: false,
  faces: ['http'],
  audiences: ['organisation', 'app'],
  input: z.object({
    type: listOf(recordTypeSchema).pipe(z.array(recordTypeSchema).min(1, 'name at least one record type')),
    fields: listOf(z.string().min(1)).optional(),
    from: dateInputSchema.optional(),
    to: dateInputSchema.optional(),
    granularity: granularityTextSchema.optional().describe("raw | day | week | month | year | derived:INSIGHT (default: the grant's)"),
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
    cursor: z.string().optional(),
  }),
  output: readResultSchema,
  handler: async (ctx, i) => {
    const p = ctx.principal;
    // The token resolver has checked that the client is registered as this kind; the policy decides the rest.
    if (p.kind === 'owner') throw new MesInfosError('CONSENT_DENIED', 'data.read is for apps and organisations; the person reads with records.list.', { reason: 'DEFAULT_DENY' });
    return consentOf(ctx).read(
      p,
      {
        types: i.type,
        ...(i.fields?.length ? { fields: i.fields } : {}),
        ...(i.from ? { from: i.from } : {}),
        ...(i.to ? { to: i.to } : {}),
        ...(i.granularity ? { granularity: parseGranularity(i.granularity) } : {}),
        limit: i.limit,
        ...(i.cursor ? { cursor: i.cursor } : {}),
      },
      'data.read',
    );
  },
});

export const dataGet = defineOperation({
  name: 'data.get',
  summary: 'One record by id, under a raw grant: decided by the policy on the record itself, stripped to the granted fields, and logged',
  permission: 'grant',
  mutates: false,
  faces: ['http'],
  audiences: ['app', 'organisation'],
  input: z.object({ id: z.string().min(1, 'a record id is required') }),
  output: z.object({ record: projectedRecordSchema }),
  handler: async (ctx, i) => {
    const p = ctx.principal;
    if (p.kind === 'owner') throw new MesInfosError('CONSENT_DENIED', 'data.get is for apps and organisations; the person reads with records.get.', { reason: 'DEFAULT_DENY' });
    return { record: await readOneUnderGrant(consentOf(ctx), ctx.vault, p, i.id as RecordId, 'data.get') };
  },
});

export const clientAccessOperations: AnyOperation[] = [linksClaim, recordsPush, recordsPushed, dataRead, dataGet] as AnyOperation[];
