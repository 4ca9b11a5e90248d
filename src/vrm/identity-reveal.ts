import { z } from 'zod';
import { MesInfosError } from '../domain/errors.ts';
import { identityAttributeSchema } from '../domain/types/people.ts';
import type { RecordStore } from '../store/record-store.ts';
import { OTHER_PURPOSES } from '../insights/quality/identity-beliefs.ts';

/**
 * The person's identity as the vault knows it, for two uses: choosing what to reveal to the
 * vendor whose offer is accepted, and refusing to publish an intent whose words would give
 * the person away before that.
 */

export const revealableAttributeSchema = z.enum(['full_name', 'given_name', 'family_name', 'postal_address', 'email', 'phone', 'birth_date', 'iban', 'customer_number']);
export type RevealableAttribute = z.infer<typeof revealableAttributeSchema>;
export const DEFAULT_REVEAL: RevealableAttribute[] = ['full_name', 'email', 'phone', 'postal_address'];

type IdentityData = z.infer<typeof identityAttributeSchema>;

/** Every identity attribute the vault holds (current revisions, every source). */
async function identityRecords(store: RecordStore): Promise<{ source: string; occurredAt: string; data: IdentityData }[]> {
  const out: { source: string; occurredAt: string; data: IdentityData }[] = [];
  for await (const r of store.iterate({ types: ['identity.attribute'] })) {
    const p = identityAttributeSchema.safeParse(r.data);
    if (p.success) out.push({ source: r.source, occurredAt: r.occurredAt, data: p.data });
  }
  return out;
}

type Held = { source: string; occurredAt: string; data: IdentityData };

/** The value of one attribute most sources agree on (ties: the most recently confirmed), or undefined when none holds it. */
function agreedValue(all: readonly Held[], attribute: RevealableAttribute): IdentityData | undefined {
  const votes = new Map<string, { n: number; latest: string; data: IdentityData }>();
  for (const r of all.filter((x) => x.data.attribute === attribute)) {
    const key = r.data.value.trim().toLowerCase();
    const at = r.data.asOf ?? r.occurredAt;
    const v = votes.get(key);
    if (!v) votes.set(key, { n: 1, latest: at, data: r.data });
    else votes.set(key, { n: v.n + 1, latest: at > v.latest ? at : v.latest, data: at > v.latest ? r.data : v.data });
  }
  const best = [...votes.values()].sort((a, b) => b.n - a.n || b.latest.localeCompare(a.latest))[0];
  return best && { attribute, value: best.data.value, ...(best.data.address ? { address: best.data.address } : {}) };
}

/** The identity the person may reveal: what the vault holds, ignoring what earlier VRM disclosures copied. */
async function heldIdentity(store: RecordStore): Promise<Held[]> {
  // Each source counts once per attribute (a delivery or work address apart), with its latest restitution: an
  // organisation that sent a fixed value no longer votes for the old one (as in data quality).
  const latest = new Map<string, Held>();
  for (const r of await identityRecords(store)) {
    if (r.source.startsWith('vrm:')) continue;
    const purpose = r.data.purpose?.toLowerCase();
    const key = `${r.source}\u0000${r.data.attribute}\u0000${purpose && OTHER_PURPOSES.has(purpose) ? purpose : ''}`;
    const before = latest.get(key);
    if (!before || (r.data.asOf ?? r.occurredAt) >= (before.data.asOf ?? before.occurredAt)) latest.set(key, r);
  }
  return [...latest.values()];
}

/**
 * The value of each attribute most sources agree on (ties: the most recently confirmed),
 * ignoring what earlier VRM disclosures copied. The person may override any value.
 */
export async function chooseIdentity(store: RecordStore, attributes: readonly RevealableAttribute[], overrides: Partial<Record<RevealableAttribute, string>> = {}): Promise<IdentityData[]> {
  const all = await heldIdentity(store);
  const out: IdentityData[] = [];
  for (const attribute of attributes) {
    const given = overrides[attribute];
    if (given !== undefined) {
      out.push({ attribute, value: given });
      continue;
    }
    const best = agreedValue(all, attribute);
    if (!best) throw new MesInfosError('INTENT_INVALID', `The vault holds no ${attribute.replaceAll('_', ' ')} to reveal: give it with the offer's acceptance, or leave it out.`, { attribute });
    out.push(best);
  }
  return out;
}

/**
 * Every attribute the person could reveal on accepting an offer, with the exact value
 * chooseIdentity would reveal (attributes the vault does not hold are left out), so that the
 * person sees what a vendor would learn before choosing. Example: [{ attribute: 'email', value: 'c.martin@exemple.fr' }].
 */
export async function revealableIdentity(store: RecordStore): Promise<{ attribute: RevealableAttribute; value: string }[]> {
  const all = await heldIdentity(store);
  return revealableAttributeSchema.options.flatMap((attribute) => {
    const best = agreedValue(all, attribute);
    return best ? [{ attribute, value: best.value }] : [];
  });
}

/** Attributes that point at the person (a nationality, a gender or a first name alone do not). */
const IDENTIFYING = new Set<IdentityData['attribute']>(['full_name', 'family_name', 'birth_date', 'postal_address', 'email', 'phone', 'iban', 'customer_number', 'tax_id', 'social_security_number']);

const squash = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9@]/g, '');

/**
 * Refuses words that would identify the person: any identity value the vault holds (name,
 * address, e-mail, phone, IBAN, customer numbers…) written in the intent's title,
 * requirements or fields, compared without case, accents, spaces or punctuation.
 */
export async function assertNotIdentifying(store: RecordStore, texts: readonly string[]): Promise<void> {
  const haystack = texts.map(squash).join('\u0000');
  for (const r of await identityRecords(store)) {
    if (!IDENTIFYING.has(r.data.attribute)) continue;
    // A phone is matched on its last nine digits, however it is written (+33 6…, 06…).
    const needle = r.data.attribute === 'phone' ? squash(r.data.value).slice(-9) : squash(r.data.value);
    if (needle.length >= 5 && haystack.includes(needle))
      throw new MesInfosError('INTENT_INVALID', `The intent's words contain your ${r.data.attribute.replaceAll('_', ' ')} as ${r.source} knows it: an intent is published pseudonymously, remove it.`, { attribute: r.data.attribute });
  }
}
