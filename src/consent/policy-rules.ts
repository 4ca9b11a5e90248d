import { toEpochMs } from '../domain/time.ts';
import type { RecordType } from '../domain/record.ts';
import { BUCKET_ORDER, grantState, writeSourceOf, type Grant, type GrantFilters, type Granularity } from './grant.ts';
import { deny, reasonRank, type Decision, type PolicyInput, type Projection, type QueryResource, type RecordResource } from './policy-types.ts';
import { AGGREGATES, isFieldCovered } from './type-fields.ts';

/**
 * The consent policy's building blocks. A `PolicyRule` looks at the whole input and
 * allows, denies or abstains. A `GrantCheck` looks at one grant for that input and
 * either lets it through or denies with a reason; `grantRule` runs the checks over each
 * grant the principal holds and allows with the projection of the first grant that
 * passes them all. `union` composes rules: the first allow wins, else the most specific
 * deny. Rules MUST be pure (no I/O, no clock: the time is in the input).
 */
export type RuleResult = Decision | 'abstain';

export interface PolicyRule {
  readonly name: string;
  evaluate(input: PolicyInput): RuleResult;
}

export interface GrantCheck {
  readonly name: string;
  /** Returns a denial, or undefined when this grant passes the check. */
  check(grant: Grant, input: PolicyInput): (Decision & { allow: false }) | undefined;
}

/** The owner of the vault may do anything in it. */
export const ownerRule: PolicyRule = {
  name: 'owner',
  evaluate: (input) => (input.principal.kind === 'owner' ? { allow: true, rule: 'owner', projection: { kind: 'all' } } : 'abstain'),
};

// ---- grant checks, in the order they run -------------------------------------------

export const granteeCheck: GrantCheck = {
  name: 'grantee',
  check: (g, { principal }) =>
    principal.kind === 'owner' || g.grantee.clientId !== principal.clientId || g.grantee.kind !== principal.kind
      ? deny('GRANT_NOT_YOURS', `Grant ${g.id} was given to ${g.grantee.kind} ${g.grantee.clientId}.`, g.id)
      : undefined,
};

export const vaultCheck: GrantCheck = {
  name: 'vault',
  check: (g, { resource }) => (g.vaultId !== resource.vaultId ? deny('WRONG_VAULT', undefined, g.id) : undefined),
};

export const revokedCheck: GrantCheck = {
  name: 'revoked',
  check: (g) => (g.revokedAt !== null ? deny('GRANT_REVOKED', `Revoked at ${g.revokedAt}.`, g.id) : undefined),
};

export const expiryCheck: GrantCheck = {
  name: 'expiry',
  check: (g, { nowMs }) => {
    const s = grantState(g, nowMs);
    if (s === 'expired') return deny('GRANT_EXPIRED', `Expired at ${g.validUntil}.`, g.id);
    if (s === 'pending') return deny('GRANT_NOT_STARTED', `Starts at ${g.validFrom}.`, g.id);
    return undefined;
  },
};

export const verbCheck: GrantCheck = {
  name: 'verb',
  check: (g, { action }) => (g.verbs.includes(action) ? undefined : deny('VERB_NOT_GRANTED', `The grant allows ${g.verbs.join(' and ')}, not ${action}.`, g.id)),
};

/** A source may write records of its own source only, never another's. */
export const sourceWritesOwnDataCheck: GrantCheck = {
  name: 'source-writes-own-data',
  check: (g, { action, resource }) => {
    if (action !== 'write') return undefined;
    if (resource.kind !== 'record') return deny('DEFAULT_DENY', 'A write names the record it writes.', g.id);
    const own = writeSourceOf(g);
    return resource.source === own ? undefined : deny('NOT_OWN_SOURCE', `This grantee writes as ${own}, not ${resource.source}.`, g.id);
  },
};

const typesOf = (r: QueryResource | RecordResource): RecordType[] => (r.kind === 'query' ? r.types : [r.type]);

export const typeCheck: GrantCheck = {
  name: 'type',
  check: (g, { resource }) => {
    const missing = typesOf(resource).filter((t) => !g.scopes.some((s) => s.type === t));
    return missing.length ? deny('TYPE_NOT_GRANTED', `Not granted: ${missing.join(', ')}.`, g.id) : undefined;
  },
};

export const fieldsCheck: GrantCheck = {
  name: 'fields',
  check: (g, { action, resource }) => {
    if (action !== 'read' || !resource.fields) return undefined;
    for (const t of typesOf(resource)) {
      const granted = g.scopes.find((s) => s.type === t)?.fields ?? [];
      const missing = resource.fields.filter((f) => !isFieldCovered(f, granted));
      if (missing.length) return deny('FIELD_NOT_GRANTED', `Not granted for ${t}: ${missing.join(', ')}.`, g.id);
    }
    return undefined;
  },
};

export const timeRangeCheck: GrantCheck = {
  name: 'filter-range',
  check: (g, { action, resource }) => {
    if (action !== 'read') return undefined;
    const gFrom = g.filters.from ? toEpochMs(g.filters.from) : -Infinity;
    const gTo = g.filters.to ? toEpochMs(g.filters.to) : Infinity;
    const range = `${g.filters.from ?? 'the beginning'} to ${g.filters.to ?? 'now'}`;
    if (resource.kind === 'record') {
      const t = toEpochMs(resource.occurredAt);
      return t < gFrom || t >= gTo ? deny('OUTSIDE_TIME_RANGE', `Granted: ${range}.`, g.id) : undefined;
    }
    const qFrom = resource.from ? toEpochMs(resource.from) : -Infinity;
    const qTo = resource.to ? toEpochMs(resource.to) : Infinity;
    // A query without bounds is narrowed to the grant's range; explicit bounds must lie inside it.
    if ((resource.from && qFrom < gFrom) || (resource.to && qTo > gTo) || (resource.from && qFrom >= gTo) || (resource.to && qTo <= gFrom))
      return deny('OUTSIDE_TIME_RANGE', `Granted: ${range}.`, g.id);
    return undefined;
  },
};

function listCheck(name: string, reason: 'SOURCE_NOT_GRANTED' | 'ACCOUNT_NOT_GRANTED', key: 'sources' | 'accounts', one: (r: RecordResource) => string | undefined): GrantCheck {
  return {
    name,
    check: (g, { action, resource }) => {
      const granted = g.filters[key];
      if (action !== 'read' || !granted) return undefined;
      const asked = resource.kind === 'query' ? resource[key] : [one(resource)];
      if (!asked) return undefined;
      const missing = asked.filter((a) => a === undefined || !granted.includes(a));
      return missing.length ? deny(reason, `Granted: ${granted.join(', ')}.`, g.id) : undefined;
    },
  };
}

export const sourceFilterCheck = listCheck('filter-source', 'SOURCE_NOT_GRANTED', 'sources', (r) => r.source);
export const accountFilterCheck = listCheck('filter-account', 'ACCOUNT_NOT_GRANTED', 'accounts', (r) => r.account);

/** Whether data at `asked` granularity may be given under a grant at `granted`. */
export function granularityAllows(granted: Granularity, asked: Granularity): 'ok' | 'GRANULARITY_TOO_FINE' | 'GRANULARITY_NOT_GRANTED' {
  if (granted.kind === 'raw') return asked.kind === 'derived' ? 'GRANULARITY_NOT_GRANTED' : 'ok';
  if (asked.kind === 'raw') return 'GRANULARITY_TOO_FINE';
  if (granted.kind === 'aggregate') {
    if (asked.kind !== 'aggregate') return 'GRANULARITY_NOT_GRANTED';
    return BUCKET_ORDER.indexOf(asked.bucket) >= BUCKET_ORDER.indexOf(granted.bucket) ? 'ok' : 'GRANULARITY_TOO_FINE';
  }
  return asked.kind === 'derived' && asked.insight === granted.insight ? 'ok' : 'GRANULARITY_NOT_GRANTED';
}

export const granularityCheck: GrantCheck = {
  name: 'granularity',
  check: (g, { action, resource }) => {
    if (action !== 'read') return undefined;
    const asked: Granularity = resource.kind === 'record' ? { kind: 'raw' } : resource.granularity;
    const verdict = granularityAllows(g.granularity, asked);
    if (verdict !== 'ok') return deny(verdict, `Granted: ${describe(g.granularity)}; asked: ${describe(asked)}.`, g.id);
    if (asked.kind === 'aggregate') {
      const none = typesOf(resource).filter((t) => !AGGREGATES[t]);
      if (none.length) return deny('GRANULARITY_NOT_GRANTED', `No totals exist for ${none.join(', ')}.`, g.id);
    }
    return undefined;
  },
};

function describe(g: Granularity): string {
  return g.kind === 'raw' ? 'raw records' : g.kind === 'aggregate' ? `totals per ${g.bucket}` : `the insight ${g.insight}`;
}

/**
 * Every check a grant must pass, in order: who and where first, then whether the grant
 * covers the types at all (so that, among several grants, the one about these types gives
 * the reason), then its life, then the details of the access.
 */
export const GRANT_CHECKS: readonly GrantCheck[] = [
  granteeCheck,
  vaultCheck,
  typeCheck,
  revokedCheck,
  expiryCheck,
  verbCheck,
  sourceWritesOwnDataCheck,
  fieldsCheck,
  timeRangeCheck,
  sourceFilterCheck,
  accountFilterCheck,
  granularityCheck,
];

/** What a grant that passed every check lets through for this input. */
export function projectionFor(g: Grant, input: PolicyInput): Projection {
  const { resource } = input;
  if (input.action === 'write') return { kind: 'write', grantId: g.id, source: writeSourceOf(g) };
  const types = typesOf(resource);
  const scopes = g.scopes.filter((s) => types.includes(s.type)).map((s) => ({ type: s.type, fields: resource.fields ?? s.fields }));
  const filters: GrantFilters = { ...g.filters };
  if (resource.kind === 'query') {
    if (resource.from) filters.from = resource.from;
    if (resource.to) filters.to = resource.to;
    if (resource.sources) filters.sources = resource.sources;
    if (resource.accounts) filters.accounts = resource.accounts;
  }
  const granularity: Granularity = resource.kind === 'query' ? resource.granularity : { kind: 'raw' };
  return { kind: 'read', grantId: g.id, scopes, filters, granularity };
}

/**
 * The grant rule: an app or organisation acts through the grant it presents (or, when it
 * presents none, any of its grants). Denies NO_GRANT when it holds none.
 */
export function grantRule(checks: readonly GrantCheck[] = GRANT_CHECKS): PolicyRule {
  return {
    name: 'grant',
    evaluate(input) {
      const p = input.principal;
      if (p.kind === 'owner') return 'abstain';
      const candidates = p.grantId ? input.grants.filter((g) => g.id === p.grantId) : input.grants.filter((g) => g.grantee.clientId === p.clientId);
      if (candidates.length === 0) return deny('NO_GRANT', p.grantId ? `No grant ${p.grantId}.` : `Client ${p.clientId} holds no grant.`);
      return union(
        candidates.map((g) => ({
          name: `grant ${g.id}`,
          evaluate: (i: PolicyInput): RuleResult => {
            for (const c of checks) {
              const d = c.check(g, i);
              if (d) return d;
            }
            return { allow: true, rule: 'grant', projection: projectionFor(g, i) };
          },
        })),
      ).evaluate(input);
    },
  };
}

/**
 * Tries each rule in turn: the first allow wins. When none allows, the most specific
 * deny is returned (see DENY_REASONS' order); when all abstain, the union abstains.
 */
export function union(rules: readonly PolicyRule[]): PolicyRule {
  return {
    name: `union(${rules.map((r) => r.name).join(', ')})`,
    evaluate(input) {
      let best: (Decision & { allow: false }) | undefined;
      for (const r of rules) {
        const d = r.evaluate(input);
        if (d === 'abstain') continue;
        if (d.allow) return d;
        if (!best || reasonRank(d.reason) > reasonRank(best.reason)) best = d;
      }
      return best ?? 'abstain';
    },
  };
}
