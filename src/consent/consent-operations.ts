import { z } from 'zod';
import { recordTypeSchema, sourceSchema, type RecordType } from '../domain/record.ts';
import { defineOperation, type AnyOperation, type OperationContext } from '../operations/operation.ts';
import { dateInputSchema, listOf } from '../operations/schemas.ts';
import { auditReportSchema, accessLogEntrySchema } from './access-log-entry.ts';
import type { ConsentEngine } from './consent-engine.ts';
import { dpvPurposeSchema, legalBasisSchema } from './dpv-purposes.ts';
import { boundInstant, clientIdSchema, formatGranularity, grantSchema, granularityTextSchema, parseGranularity, verbSchema, type Grant } from './grant.ts';
import { readResultSchema, type ReadResult } from './projection.ts';
import { storedReceiptSchema } from './receipt-schema.ts';
import { receiptPayload } from './receipts.ts';
import { publicJwkSchema } from './signing-key.ts';
import { fieldPathsOf } from './type-fields.ts';
import { MesInfosError } from '../domain/errors.ts';

declare module '../operations/operation.ts' {
  interface OperationServices {
    /** The consent engine of the open vault (src/consent/), set by the composition root. */
    consent?: ConsentEngine;
  }
}

function consentOf(ctx: OperationContext): ConsentEngine {
  const engine = ctx.services.consent;
  if (!engine) throw new Error('the consent engine is not wired: call createConsentEngine(vault) in the composition root and set services.consent');
  return engine;
}

const grantIdInput = z.string().min(1, 'a grant id is required');
const grantWithStateSchema = grantSchema.extend({ state: z.enum(['active', 'pending', 'expired', 'revoked']) });
const grantAndReceiptSchema = z.object({ grant: grantWithStateSchema, receipt: storedReceiptSchema });

const day = (s: string) => s.slice(0, 10);
const typesOf = (g: Grant) => g.scopes.map((s) => s.type).join(', ');

/**
 * Splits `--fields energyWh,bank.transaction:amount` per type: `TYPE:path` goes to that
 * type; a bare path goes to every granted type that has it (to all when none has it, so
 * the grant's validation names the unknown field).
 */
function fieldsFor(type: RecordType, types: readonly RecordType[], fields: readonly string[] | undefined): string[] | undefined {
  if (!fields?.length) return undefined;
  const mine = fields.flatMap((f) => {
    const i = f.indexOf(':');
    if (i >= 0) return f.slice(0, i) === type ? [f.slice(i + 1)] : [];
    const owners = types.filter((t) => fieldPathsOf(t).has(f));
    return owners.length === 0 || owners.includes(type) ? [f] : [];
  });
  return mine.length ? mine : undefined;
}

const isUrl = (s: string) => /^https?:\/\/\S+$/.test(s);

export const grantsCreate = defineOperation({
  name: 'grants.create',
  summary: 'Grant an app or an organisation access to chosen record types and fields, for a purpose, until a date; returns the grant and its signed receipt',
  permission: 'owner',
  mutates: true,
  input: z.object({
    grantee: clientIdSchema,
    granteeKind: z.enum(['app', 'organisation']).default('organisation'),
    granteeName: z.string().min(1).optional(),
    type: listOf(recordTypeSchema).pipe(z.array(recordTypeSchema).min(1, 'name at least one record type (--type)')),
    fields: listOf(z.string().min(1)).optional(),
    from: dateInputSchema.optional(),
    to: dateInputSchema.optional(),
    source: listOf(sourceSchema).optional(),
    account: listOf(z.string().min(1)).optional(),
    granularity: granularityTextSchema,
    purpose: dpvPurposeSchema,
    legalBasis: legalBasisSchema.default('Consent'),
    verbs: listOf(verbSchema).default(['read']),
    writeSource: sourceSchema.optional(),
    start: dateInputSchema.optional(),
    until: dateInputSchema,
    terms: z.string().min(1).optional(),
  }),
  output: grantAndReceiptSchema,
  cli: {
    command: ['grants', 'create'],
    help: {
      grantee: 'client id of the app or organisation',
      granteeKind: 'app or organisation',
      type: 'record types, comma-separated',
      fields: 'fields to share, comma-separated (dotted paths; TYPE:path for one type only); default: all',
      from: 'only records from this date',
      to: 'only records before this date',
      granularity: 'raw | day | week | month | year | derived:INSIGHT',
      purpose: 'W3C DPV purpose, e.g. ServiceProvision',
      legalBasis: 'GDPR art. 6 basis (DPV name), default Consent',
      verbs: 'read, write (write: a source pushing its own data)',
      until: 'expiry date (a date means through that day)',
      terms: "the organisation's terms: a URL or a text",
    },
    render: (o) =>
      `Grant ${o.grant.id} given to ${o.grant.grantee.kind} ${o.grant.grantee.clientId}: ${typesOf(o.grant)} (${formatGranularity(o.grant.granularity)}) for ${o.grant.purpose}, until ${o.grant.validUntil}.\nReceipt ${o.receipt.id} signed; print it with: mesinfos grants receipt ${o.grant.id}`,
  },
  handler: async (ctx, i) => {
    const engine = consentOf(ctx);
    const { grant, receipt } = await engine.createGrant({
      grantee: { clientId: i.grantee, kind: i.granteeKind, ...(i.granteeName ? { name: i.granteeName } : {}) },
      scopes: i.type.map((type) => {
        const fields = fieldsFor(type, i.type, i.fields);
        return { type, ...(fields ? { fields } : {}) };
      }),
      filters: { ...(i.from ? { from: i.from } : {}), ...(i.to ? { to: i.to } : {}), ...(i.source ? { sources: i.source } : {}), ...(i.account ? { accounts: i.account } : {}) },
      granularity: parseGranularity(i.granularity),
      purpose: i.purpose,
      legalBasis: i.legalBasis,
      verbs: i.verbs,
      ...(i.writeSource ? { writeSource: i.writeSource } : {}),
      ...(i.start ? { validFrom: i.start } : {}),
      validUntil: i.until,
      ...(i.terms ? { terms: isUrl(i.terms) ? { url: i.terms } : { text: i.terms } } : {}),
    });
    return { grant: { ...grant, state: engine.stateOf(grant) }, receipt };
  },
});

export const grantsList = defineOperation({
  name: 'grants.list',
  summary: 'List grants, newest first, with their state (active, pending, expired, revoked)',
  permission: 'owner',
  mutates: false,
  input: z.object({ grantee: z.string().optional(), live: z.boolean().default(false) }),
  output: z.object({ grants: z.array(grantWithStateSchema) }),
  cli: {
    command: ['grants', 'list'],
    help: { grantee: 'only the grants of this client id', live: 'only active and pending grants' },
    json: (o) => o.grants,
    render: (o) => ({
      head: ['id', 'grantee', 'types', 'granularity', 'purpose', 'until', 'state'],
      table: o.grants.map((g) => [g.id, g.grantee.clientId, typesOf(g), formatGranularity(g.granularity), g.purpose, day(g.validUntil), g.state]),
    }),
  },
  handler: async (ctx, i) => ({ grants: await consentOf(ctx).listGrants({ ...(i.grantee ? { clientId: i.grantee } : {}), live: i.live }) }),
});

export const grantsShow = defineOperation({
  name: 'grants.show',
  summary: 'One grant: who, which types and fields, filters, granularity, purpose, validity, state, and its receipts',
  permission: 'owner',
  mutates: false,
  input: z.object({ id: grantIdInput }),
  output: z.object({ grant: grantWithStateSchema, receipts: z.array(storedReceiptSchema.omit({ jws: true })) }),
  cli: {
    command: ['grants', 'show'],
    positional: ['id'],
    render: ({ grant: g, receipts }) =>
      [
        `Grant ${g.id} (${g.state})`,
        `  grantee      ${g.grantee.kind} ${g.grantee.clientId}${g.grantee.name ? ` (${g.grantee.name})` : ''}`,
        ...g.scopes.map((s) => `  ${s.type.padEnd(12)} ${s.fields.join(', ')}`),
        `  granularity  ${formatGranularity(g.granularity)}`,
        `  filters      ${[g.filters.from && `from ${g.filters.from}`, g.filters.to && `to ${g.filters.to}`, g.filters.sources && `sources ${g.filters.sources.join(', ')}`, g.filters.accounts && `accounts ${g.filters.accounts.join(', ')}`].filter(Boolean).join('; ') || 'none'}`,
        `  purpose      ${g.purpose} (legal basis: ${g.legalBasis})`,
        `  verbs        ${g.verbs.join(', ')}`,
        `  valid        ${g.validFrom} → ${g.validUntil}`,
        ...(g.revokedAt ? [`  revoked      ${g.revokedAt}${g.revocationReason ? ` — ${g.revocationReason}` : ''}`] : []),
        ...(g.terms ? [`  terms        ${g.terms.url ?? g.terms.text}`] : []),
        ...receipts.map((r) => `  receipt      ${r.id} (${r.event}, ${r.issuedAt})`),
      ].join('\n'),
  },
  handler: async (ctx, i) => {
    const engine = consentOf(ctx);
    const grant = await engine.getGrant(i.id);
    const receipts = (await engine.receipts(i.id)).map(({ jws: _jws, ...r }) => r);
    return { grant: { ...grant, state: engine.stateOf(grant) }, receipts };
  },
});

export const grantsRevoke = defineOperation({
  name: 'grants.revoke',
  summary: 'Revoke a grant: access stops from the next request; returns the signed withdrawal receipt',
  permission: 'owner',
  mutates: true,
  input: z.object({ id: grantIdInput, reason: z.string().optional() }),
  output: grantAndReceiptSchema,
  cli: {
    command: ['grants', 'revoke'],
    positional: ['id'],
    help: { reason: 'why (kept in the receipt)' },
    render: (o) => `Grant ${o.grant.id} revoked at ${o.grant.revokedAt}. Receipt ${o.receipt.id} signed.`,
  },
  handler: async (ctx, i) => {
    const engine = consentOf(ctx);
    const { grant, receipt } = await engine.revokeGrant(i.id, i.reason);
    return { grant: { ...grant, state: engine.stateOf(grant) }, receipt };
  },
});

export const grantsReceipt = defineOperation({
  name: 'grants.receipt',
  summary: 'The signed consent receipt of a grant (ISO/IEC TS 27560, compact JWS, EdDSA): the latest, or the one of an event',
  permission: 'owner',
  mutates: false,
  input: z.object({ id: grantIdInput, event: z.enum(['given', 'withdrawn']).optional() }),
  output: storedReceiptSchema.extend({ receipt: z.record(z.string(), z.unknown()) }),
  cli: {
    command: ['grants', 'receipt'],
    positional: ['id'],
    help: { event: 'given or withdrawn (default: the latest)' },
    render: (o) => o.jws,
  },
  handler: async (ctx, i) => {
    const all = await consentOf(ctx).receipts(i.id);
    const r = (i.event ? all.filter((x) => x.event === i.event) : all).pop();
    if (!r) throw new MesInfosError('NOT_FOUND', `Grant ${i.id} has no ${i.event ? `${i.event} ` : ''}receipt.`);
    return { ...r, receipt: receiptPayload(r.jws) };
  },
});

function renderRead(o: ReadResult): { table: (string | number)[][]; head?: string[] } | string {
  if (o.kind === 'records')
    return { head: ['occurred', 'type', 'data', 'id'], table: o.records.map((r) => [r.occurredAt.slice(0, 16).replace('T', ' '), r.type, JSON.stringify(r.data), r.id]) };
  if (o.kind === 'aggregate')
    return {
      head: ['type', 'period', 'group', 'total', 'records'],
      table: o.series.flatMap((s) => s.periods.map((p) => [s.type, p.period, p.group ?? '', p.sum, p.count])),
    };
  return JSON.stringify(o.result, null, 2);
}

export const grantsQuery = defineOperation({
  name: 'grants.query',
  summary: 'See exactly what a grantee would receive under a grant (same decision and projection); the owner’s preview is NOT logged as the grantee’s access',
  permission: 'owner',
  mutates: false,
  input: z.object({
    id: grantIdInput,
    type: listOf(recordTypeSchema).optional(),
    fields: listOf(z.string().min(1)).optional(),
    from: dateInputSchema.optional(),
    to: dateInputSchema.optional(),
    granularity: granularityTextSchema.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
    cursor: z.string().optional(),
  }),
  output: readResultSchema,
  cli: {
    command: ['grants', 'query'],
    positional: ['id'],
    help: { type: 'record types (default: every granted type)', granularity: "default: the grant's" },
    render: renderRead,
  },
  handler: async (ctx, i) => {
    const engine = consentOf(ctx);
    const grant = await engine.getGrant(i.id);
    return engine.preview(grant.id, {
      types: i.type?.length ? i.type : grant.scopes.map((s) => s.type),
      ...(i.fields ? { fields: i.fields } : {}),
      ...(i.from ? { from: i.from } : {}),
      ...(i.to ? { to: i.to } : {}),
      ...(i.granularity ? { granularity: parseGranularity(i.granularity) } : {}),
      limit: i.limit,
      ...(i.cursor ? { cursor: i.cursor } : {}),
    });
  },
});

export const auditList = defineOperation({
  name: 'audit.list',
  summary: 'The access log: every read and write by an app or organisation, newest first, filtered by grantee, type and date',
  permission: 'owner',
  mutates: false,
  input: z.object({
    grantee: z.string().optional(),
    type: recordTypeSchema.optional(),
    from: dateInputSchema.optional(),
    to: dateInputSchema.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
  }),
  output: z.object({ entries: z.array(accessLogEntrySchema) }),
  cli: {
    command: ['audit'],
    help: { grantee: 'only this client id', type: 'only accesses to this record type', from: 'from this date', to: 'before this date' },
    json: (o) => o.entries,
    render: (o) => ({
      head: ['#', 'at', 'who', 'operation', 'types', 'records', 'outcome', 'grant'],
      table: o.entries.map((e) => [e.seq, e.at.slice(0, 19).replace('T', ' '), `${e.principalKind} ${e.clientId}`, e.operation, e.types.join(', '), e.recordCount, e.reason ?? e.outcome, e.grantId ?? '']),
    }),
  },
  handler: async (ctx, i) => ({
    entries: await consentOf(ctx).audit({
      ...(i.grantee ? { grantee: i.grantee } : {}),
      ...(i.type ? { type: i.type } : {}),
      ...(i.from ? { from: boundInstant(i.from) } : {}),
      ...(i.to ? { to: boundInstant(i.to) } : {}),
      limit: i.limit,
    }),
  }),
});

export const auditVerify = defineOperation({
  name: 'audit.verify',
  summary: 'Check the access log’s hash chain; reports the first broken entry (altered, missing, unlinked, truncated)',
  permission: 'owner',
  mutates: false,
  input: z.object({}),
  output: auditReportSchema,
  cli: {
    command: ['audit', 'verify'],
    exitCode: (o) => (o.ok ? 0 : 'AUDIT_BROKEN'),
    render: (o) =>
      o.ok
        ? `The access log is intact: ${o.entries} entries${o.head ? `, last #${o.head.seq} ${o.head.hash}` : ''}.`
        : `The access log is BROKEN at entry #${o.firstBroken!.seq} (${o.firstBroken!.kind}): ${o.firstBroken!.message}\n${o.entries} entries before it are intact.`,
  },
  handler: async (ctx) => consentOf(ctx).verifyAudit(),
});

export const keysShow = defineOperation({
  name: 'keys.show',
  summary: 'The vault’s public signing key (Ed25519 JWK): anyone verifies its consent receipts with it',
  permission: 'public',
  mutates: false,
  input: z.object({}),
  output: publicJwkSchema,
  cli: { command: ['keys', 'show'], render: (o) => JSON.stringify(o, null, 2) },
  handler: async (ctx) => consentOf(ctx).publicJwk,
});

export const consentOperations: AnyOperation[] = [grantsCreate, grantsList, grantsShow, grantsRevoke, grantsReceipt, grantsQuery, auditList, auditVerify, keysShow] as AnyOperation[];
