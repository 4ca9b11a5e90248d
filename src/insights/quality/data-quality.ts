import type { RecordStore } from '../../store/record-store.ts';
import { cachedByVersion } from '../insight-cache.ts';
import { editDistance, normaliseIdentity } from './identity-normalise.ts';
import { CATEGORY_OF, readBeliefs, type RawBelief } from './identity-beliefs.ts';
import type { AttributeQuality, Belief, DataQualityResult, QualityFinding } from './quality-schema.ts';

/**
 * The data-quality insight: compares what each organisation believes about the person
 * (identity.attribute records) with the person's current value and with each other.
 *
 * The current value of an attribute is, in order: what the person declared (their own
 * `person` record or their correction of a record); else the value most sources hold; else,
 * when sources split evenly, the one confirmed last. Every source holding another value gets
 * a finding, classified:
 * - `invalid`: not a well-formed value (bad IBAN check digits, impossible phone number);
 * - `stale`: the source last confirmed it before anyone confirmed the current value;
 * - `typo`: within two one-letter edits of the current value;
 * - `conflict`: another value, confirmed after the current one appeared.
 * Example: a gas supplier confirming the old address 40 days before the move, while the
 * bank confirmed the new one after it, is `stale` since the bank's date.
 */

/** At most this many one-letter edits (and short values never) make a typo. */
const TYPO_MAX_EDITS = 2;
const TYPO_MIN_LENGTH = 6;

const LABEL: Record<string, string> = {
  name: 'name',
  postal_address: 'postal address',
  email: 'e-mail address',
  phone: 'phone number',
  iban: 'IBAN',
  birth_date: 'birth date',
};

interface Current {
  value: string;
  key: string;
  display: string;
  basis: 'person' | 'consensus' | 'most-recent';
  since: string;
  sources: string[];
  agreeing: { source: string; asOf: string }[];
}

/** The data-quality result for a vault's records, computed once per data version. */
export async function computeDataQuality(store: RecordStore): Promise<DataQualityResult> {
  return cachedByVersion(store, 'quality', async () => {
    const { beliefs, records } = await readBeliefs(store);
    return assessBeliefs(beliefs, records);
  });
}

/** Compares beliefs already read (exported for tests on hand-made beliefs). */
export function assessBeliefs(beliefs: RawBelief[], records: number): DataQualityResult {
  const groups = new Map<string, RawBelief[]>();
  for (const b of beliefs) groups.set(b.group, [...(groups.get(b.group) ?? []), b]);
  const attributes: AttributeQuality[] = [];
  const findings: QualityFinding[] = [];
  const unresolved: string[] = [];
  for (const [group, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    members.sort((a, b) => a.source.localeCompare(b.source) || a.attribute.localeCompare(b.attribute));
    const current = currentValue(members);
    if (!current) unresolved.push(group);
    const shown: Belief[] = [];
    for (const b of members) {
      const finding = current ? assess(b, current) : b.norm.valid ? undefined : invalidFinding(b, null);
      if (finding) findings.push(finding);
      shown.push(showBelief(b, current, finding !== undefined));
    }
    attributes.push({
      attribute: group,
      category: members[0]!.category,
      current: current ? { value: current.value, normalised: current.display, basis: current.basis, since: current.since, sources: current.sources } : null,
      values: distinctValues(members, current?.key),
      beliefs: shown,
    });
  }
  findings.sort((a, b) => a.source.localeCompare(b.source) || a.attribute.localeCompare(b.attribute));
  const byOrganisation = new Map<string, string[]>();
  for (const f of findings) byOrganisation.set(f.source, [...(byOrganisation.get(f.source) ?? []), f.id]);
  return {
    records,
    sources: [...new Set(beliefs.map((b) => b.source))].sort(),
    attributes,
    findings,
    byOrganisation: [...byOrganisation].map(([source, ids]) => ({ source, findings: ids })),
    unresolved,
  };
}

function currentValue(members: RawBelief[]): Current | undefined {
  const declared = members.filter((b) => b.declared?.norm.valid).sort((a, b) => (a.declared!.at < b.declared!.at ? 1 : -1))[0]?.declared;
  const candidates = members.filter((b) => b.norm.valid && !b.partial && !b.otherPurpose);
  const byKey = new Map<string, RawBelief[]>();
  for (const b of candidates) byKey.set(b.norm.key, [...(byKey.get(b.norm.key) ?? []), b]);
  const agreeingWith = (key: string) => (byKey.get(key) ?? []).map((b) => ({ source: b.source, asOf: b.asOf }));
  if (declared) {
    const agreeing = agreeingWith(declared.norm.key);
    const since = [declared.at, ...agreeing.map((a) => a.asOf)].sort()[0]!;
    return { value: declared.value, key: declared.norm.key, display: declared.norm.display, basis: 'person', since, sources: unique(agreeing.map((a) => a.source)), agreeing };
  }
  const ranked = [...byKey.values()]
    .map((bs) => ({ bs, n: new Set(bs.map((b) => b.source)).size, last: bs.map((b) => b.asOf).sort().at(-1)! }))
    .sort((a, b) => b.n - a.n || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0));
  const [top, second] = ranked;
  if (!top || (second && second.n === top.n && second.last === top.last)) return undefined;
  const agreeing = agreeingWith(top.bs[0]!.norm.key);
  return {
    value: top.bs[0]!.value,
    key: top.bs[0]!.norm.key,
    display: top.bs[0]!.norm.display,
    basis: second && second.n === top.n ? 'most-recent' : 'consensus',
    since: agreeing.map((a) => a.asOf).sort()[0]!,
    sources: unique(agreeing.map((a) => a.source)),
    agreeing,
  };
}

function agrees(b: RawBelief, current: Current): boolean {
  if (b.partial) return b.norm.key.split(' ').every((w) => current.key.split(' ').includes(w));
  return b.norm.key === current.key;
}

function assess(b: RawBelief, current: Current): QualityFinding | undefined {
  if (!b.norm.valid) return invalidFinding(b, current);
  if (agrees(b, current) || b.otherPurpose) return undefined;
  const distance = editDistance(b.norm.key, current.key);
  const kind: QualityFinding['kind'] =
    b.asOf < current.since ? 'stale' : distance <= TYPO_MAX_EDITS && Math.max(b.norm.key.length, current.key.length) >= TYPO_MIN_LENGTH ? 'typo' : 'conflict';
  const what = LABEL[b.group] ?? b.group.replaceAll('_', ' ');
  const others = current.basis === 'person' ? 'you said' : `${current.sources.length} other source${current.sources.length > 1 ? 's' : ''} hold`;
  const explanation =
    kind === 'stale'
      ? `${b.source} still holds “${b.value}” as your ${what}, last confirmed on ${b.asOf}; since ${current.since} ${others} “${current.value}”.`
      : kind === 'typo'
        ? `${b.source} holds “${b.value}” as your ${what}: ${distance} letter${distance > 1 ? 's' : ''} away from “${current.value}”, which ${others}.`
        : `${b.source} holds “${b.value}” as your ${what} (confirmed ${b.asOf}), but ${others} “${current.value}”.`;
  return finding(b, kind, current, { basis: current.basis, agreeing: current.agreeing, editDistance: distance }, explanation);
}

function invalidFinding(b: RawBelief, current: Current | null): QualityFinding {
  const what = LABEL[b.group] ?? b.group.replaceAll('_', ' ');
  const explanation = `${b.source} holds “${b.value}” as your ${what}: ${b.norm.problem ?? 'not a well-formed value'}.`;
  return finding(b, 'invalid', current, { basis: 'format', agreeing: current?.agreeing ?? [], ...(b.norm.problem ? { problem: b.norm.problem } : {}) }, explanation);
}

function finding(b: RawBelief, kind: QualityFinding['kind'], current: Current | null, evidence: QualityFinding['evidence'], explanation: string): QualityFinding {
  return {
    id: `${b.source}|${b.attribute}|${b.norm.key}`,
    kind,
    source: b.source,
    attribute: b.attribute,
    category: b.category,
    recordIds: b.recordIds,
    sourceRefs: b.sourceRefs,
    believed: b.value,
    believedNormalised: b.norm.display,
    expected: current?.value ?? null,
    expectedNormalised: current?.display ?? null,
    heldSince: b.asOf,
    outdatedSince: current?.since ?? null,
    evidence,
    explanation,
  };
}

function showBelief(b: RawBelief, current: Current | undefined, flagged: boolean): Belief {
  const status: Belief['status'] = flagged ? 'differs' : !current ? 'unresolved' : b.otherPurpose && !agrees(b, current) ? 'other-purpose' : 'agrees';
  return {
    source: b.source,
    attribute: b.attribute,
    recordIds: b.recordIds,
    sourceRefs: b.sourceRefs,
    value: b.value,
    normalised: b.norm.display,
    valid: b.norm.valid,
    ...(b.norm.problem ? { problem: b.norm.problem } : {}),
    asOf: b.asOf,
    ...(b.purpose ? { purpose: b.purpose } : {}),
    status,
    correctedByPerson: b.correctedByPerson,
  };
}

function distinctValues(members: RawBelief[], currentKey: string | undefined): AttributeQuality['values'] {
  const byKey = new Map<string, RawBelief[]>();
  for (const b of members) byKey.set(b.norm.key, [...(byKey.get(b.norm.key) ?? []), b]);
  return [...byKey].map(([key, bs]) => ({ normalised: bs[0]!.norm.display, sources: unique(bs.map((b) => b.source)), current: key === currentKey }));
}

const unique = (xs: string[]) => [...new Set(xs)].sort();

/**
 * True when two values of an identity attribute are the same once normalised: the
 * rectification loop uses it to tell whether an organisation's new restitution carries
 * the corrected value. Attributes not compared across sources compare folded.
 */
export function sameIdentityValue(attribute: string, a: string, b: string): boolean {
  const category = CATEGORY_OF[attribute] ?? 'text';
  return normaliseIdentity(category, a).key === normaliseIdentity(category, b).key;
}
