import { z } from 'zod';
import type { AppClient } from '../../clients/client-schemas.ts';
import { dpvPurposeSchema } from '../../consent/dpv-purposes.ts';
import { grantRequestSchema, parseGranularity, type Granularity, type GrantRequest } from '../../consent/grant.ts';
import { recordTypeSchema, type RecordType } from '../../domain/record.ts';

/**
 * What an app asks for, in its authorization request (documented in docs/organisations-and-apps.md):
 *
 *   scope    = one or more  read:<record type>:<granularity>[:<field>,<field>…]
 *              granularity = raw | day | week | month | year | derived.<insight>; one granularity per request
 *              (plus offline_access, which changes nothing: apps always get a refresh token)
 *   purpose  = a W3C DPV purpose, e.g. ServiceProvision (required)
 *   duration = how many days the grant lasts, 1 to 730 (default 90)
 *
 * Example: scope=read:energy.reading:month&purpose=ServiceProvision&duration=30
 */
export interface AccessRequest {
  scopes: { type: RecordType; fields?: string[] }[];
  granularity: Granularity;
  purpose: string;
  durationDays: number;
}

export const DEFAULT_DURATION_DAYS = 90;
const IGNORED_SCOPES = new Set(['openid', 'offline_access']);

/** A request the app made wrong: the app gets `invalid_scope` / `invalid_request` with this text. */
export class AccessRequestError extends Error {
  constructor(
    readonly oauthError: 'invalid_scope' | 'invalid_request',
    message: string,
  ) {
    super(message);
  }
}

/** Parses the scope, purpose and duration parameters of an authorization request. */
export function parseAccessRequest(params: { scope?: unknown; purpose?: unknown; duration?: unknown }): AccessRequest {
  const tokens = (typeof params.scope === 'string' ? params.scope.split(' ') : []).filter((t) => t && !IGNORED_SCOPES.has(t));
  if (tokens.length === 0) throw new AccessRequestError('invalid_scope', 'Ask for at least one scope read:<type>:<granularity>, e.g. read:energy.reading:month.');
  const scopes: AccessRequest['scopes'] = [];
  let granularity: Granularity | undefined;
  for (const token of tokens) {
    const [verb, type, gran, fields, ...rest] = token.split(':');
    if (verb !== 'read' || !type || !gran || rest.length) throw new AccessRequestError('invalid_scope', `"${token}" is not read:<type>:<granularity>[:<fields>].`);
    const t = recordTypeSchema.safeParse(type);
    if (!t.success) throw new AccessRequestError('invalid_scope', `"${type}" is not a record type.`);
    let g: Granularity;
    try {
      g = parseGranularity(gran.replace(/^derived\./, 'derived:'));
    } catch {
      throw new AccessRequestError('invalid_scope', `"${gran}" is not a granularity (raw, day, week, month, year, derived.<insight>).`);
    }
    if (granularity && JSON.stringify(granularity) !== JSON.stringify(g)) throw new AccessRequestError('invalid_scope', 'Every scope of one request must ask for the same granularity.');
    granularity = g;
    scopes.push({ type: t.data, ...(fields ? { fields: fields.split(',').filter(Boolean) } : {}) });
  }
  const purpose = dpvPurposeSchema.safeParse(params.purpose);
  if (!purpose.success) throw new AccessRequestError('invalid_request', 'Say why with purpose=<W3C DPV purpose>, e.g. purpose=ServiceProvision.');
  const duration = params.duration === undefined ? DEFAULT_DURATION_DAYS : z.coerce.number().int().min(1).max(730).safeParse(params.duration).data;
  if (duration === undefined) throw new AccessRequestError('invalid_request', 'duration is a number of days from 1 to 730.');
  return { scopes, granularity: granularity!, purpose: purpose.data, durationDays: duration };
}

/** The consent-engine grant the person gives when approving, checked against the record types' schemas. */
export function grantRequestFor(app: AppClient, r: AccessRequest, nowMs: number): GrantRequest {
  const request: GrantRequest = {
    grantee: { clientId: app.clientId, kind: 'app', name: app.name },
    scopes: r.scopes,
    granularity: r.granularity,
    purpose: r.purpose as GrantRequest['purpose'],
    verbs: ['read'],
    validUntil: new Date(nowMs + r.durationDays * 86_400_000).toISOString(),
  };
  const checked = grantRequestSchema.safeParse(request);
  if (!checked.success) throw new AccessRequestError('invalid_scope', checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return request;
}
