import type { StoredRecord } from '../../domain/record.ts';
import { identityAttributeSchema } from '../../domain/types/people.ts';
import type { RecordStore } from '../../store/record-store.ts';
import type { z } from 'zod';
import { normaliseIdentity, type IdentityCategory, type Normalised } from './identity-normalise.ts';

/**
 * Reads what each source believes about the person from `identity.attribute` records.
 * The value a source believes is its latest restitution: when the person corrected the
 * record in the vault, the correction says what is right (a declaration) and the source's
 * own revision says what the source still holds.
 */

/** Attribute → the category it is compared in; absent attributes are not compared across sources. */
export const CATEGORY_OF: Record<string, IdentityCategory | undefined> = {
  full_name: 'name',
  given_name: 'name',
  family_name: 'name',
  postal_address: 'postal_address',
  email: 'email',
  phone: 'phone',
  iban: 'iban',
  birth_date: 'birth_date',
  birth_place: 'text',
  tax_id: 'text',
  social_security_number: 'text',
  nationality: 'text',
  gender: 'text',
  // customer_number is each organisation's own; `other` means nothing in common.
};

/** The source the person writes under: what they declare about themselves. */
export const PERSON_SOURCE = 'person';

/** Purposes for which a different postal address is legitimate, not an error. */
export const OTHER_PURPOSES: ReadonlySet<string> = new Set(['delivery', 'shipping', 'livraison', 'work', 'travail']);

export interface RawBelief {
  /** The comparison group: the category, or the attribute name for plain values. */
  group: string;
  category: IdentityCategory;
  source: string;
  attribute: string;
  recordIds: string[];
  sourceRefs: string[];
  value: string;
  norm: Normalised;
  asOf: string;
  purpose?: string;
  otherPurpose: boolean;
  /** A lone given or family name: compared by inclusion in the full name. */
  partial: boolean;
  /** The value the person declared (their own record, or their correction of this one). */
  declared?: { value: string; norm: Normalised; at: string };
  correctedByPerson: boolean;
}

type IdentityAttribute = z.output<typeof identityAttributeSchema>;

/** Records were validated on import; parsing again gives the type without a cast. */
function asAttribute(data: Record<string, unknown>): IdentityAttribute {
  return identityAttributeSchema.parse(data);
}

export async function readBeliefs(store: RecordStore): Promise<{ beliefs: RawBelief[]; records: number }> {
  // A source's latest restitution of an attribute replaces its earlier ones: an organisation
  // that sent a new address no longer holds the old one. A delivery or work address is kept
  // apart: it is another fact, not an older version.
  const latest = new Map<string, RawBelief>();
  let records = 0;
  for await (const r of store.iterate({ types: ['identity.attribute'] })) {
    records++;
    const b = await beliefOf(store, r);
    if (!b) continue;
    const key = `${b.source}\u0000${b.attribute}\u0000${b.otherPurpose ? b.purpose!.toLowerCase() : ''}`;
    const before = latest.get(key);
    // Records come in occurrence order, so on a tie of dates the later record wins.
    if (!before || b.asOf >= before.asOf) latest.set(key, b);
  }
  const beliefs: RawBelief[] = [];
  const names = new Map<string, { given?: RawBelief; family?: RawBelief }>();
  for (const b of latest.values()) {
    if (b.attribute === 'given_name' || b.attribute === 'family_name') {
      const pair = names.get(b.source) ?? {};
      pair[b.attribute === 'given_name' ? 'given' : 'family'] = b;
      names.set(b.source, pair);
    } else beliefs.push(b);
  }
  for (const pair of names.values()) beliefs.push(...composeName(pair));
  return { beliefs, records };
}

async function beliefOf(store: RecordStore, r: StoredRecord): Promise<RawBelief | undefined> {
  let held = asAttribute(r.data);
  let declared: RawBelief['declared'];
  const category = CATEGORY_OF[held.attribute];
  if (!category) return undefined;
  if (r.revisedBy === 'person') {
    const revisions = await store.revisions(r.id);
    const fromSource = revisions.filter((v) => v.revisedBy === 'source').at(-1);
    declared = { value: held.value, norm: normaliseIdentity(category, held.value, held.address), at: r.updatedAt.slice(0, 10) };
    if (fromSource) held = asAttribute(fromSource.data);
  }
  const asOf = held.asOf ?? r.occurredAt.slice(0, 10);
  if (r.source === PERSON_SOURCE) declared ??= { value: held.value, norm: normaliseIdentity(category, held.value, held.address), at: asOf };
  return {
    group: category === 'text' ? held.attribute : category,
    category,
    source: r.source,
    attribute: held.attribute,
    recordIds: [r.id],
    sourceRefs: [r.sourceRef],
    value: held.value,
    norm: normaliseIdentity(category, held.value, held.address),
    asOf,
    ...(held.purpose ? { purpose: held.purpose } : {}),
    otherPurpose: category === 'postal_address' && held.purpose !== undefined && OTHER_PURPOSES.has(held.purpose.toLowerCase()),
    partial: held.attribute === 'given_name' || held.attribute === 'family_name',
    ...(declared ? { declared } : {}),
    correctedByPerson: r.revisedBy === 'person',
  };
}

/** A source's given and family names make one full name; a lone one stays partial. */
function composeName(pair: { given?: RawBelief; family?: RawBelief }): RawBelief[] {
  const { given, family } = pair;
  if (!given || !family) return [given, family].filter((b): b is RawBelief => b !== undefined);
  const value = `${given.value} ${family.value}`;
  const declaredParts = given.declared || family.declared;
  const declaredValue = `${given.declared?.value ?? given.value} ${family.declared?.value ?? family.value}`;
  return [
    {
      ...given,
      attribute: 'given_name+family_name',
      recordIds: [...given.recordIds, ...family.recordIds],
      sourceRefs: [...given.sourceRefs, ...family.sourceRefs],
      value,
      norm: normaliseIdentity('name', value),
      asOf: given.asOf < family.asOf ? given.asOf : family.asOf,
      partial: false,
      correctedByPerson: given.correctedByPerson || family.correctedByPerson,
      ...(declaredParts ? { declared: { value: declaredValue, norm: normaliseIdentity('name', declaredValue), at: declaredParts.at } } : {}),
    },
  ];
}
