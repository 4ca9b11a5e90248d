import { contactSchema } from '../../domain/types/people.ts';
import type { StoredRecord } from '../../domain/record.ts';
import { normaliseEmail, normaliseName, normalisePhone } from '../quality/identity-normalise.ts';

/**
 * Merges contact cards from several address books into people: two cards are the same
 * person when they share a phone number (compared in E.164), an e-mail address (without
 * case), a vCard UID, or a full name (given and family name, without accents, case or word
 * order). Each merged person keeps the evidence: which field matched, on which value.
 * Example: "Sylvie (Maman)" with 06 12 34 56 78 in the phone's book and "Sylvie Martin"
 * with +33612345678 in the webmail are one person, by phone.
 */

export interface ContactCard {
  recordId: string;
  source: string;
  fullName: string;
  phones: string[];
  emails: string[];
  /** Token-sorted folded "given family", when the card has both. */
  nameKey?: string;
  uid?: string;
  organization?: string;
}

export interface MergeEvidence {
  field: 'phone' | 'email' | 'name' | 'uid';
  value: string;
  /** The record ids of the cards that share it. */
  cards: string[];
}

export interface MergedPerson {
  /** `person:` + the smallest record id of its cards: stable while the cards stay. */
  id: string;
  name: string;
  cards: ContactCard[];
  evidence: MergeEvidence[];
  phones: string[];
  emails: string[];
  nameKey?: string;
}

type Contact = ReturnType<typeof contactSchema.parse>;

/** A card's matching keys: phones in E.164 (valid ones), e-mails lower-cased, the full name folded. */
export function cardOf(r: StoredRecord): ContactCard {
  const c: Contact = contactSchema.parse(r.data);
  const given = c.name?.given?.trim();
  const family = c.name?.family?.trim();
  // Numbers outside the numbering plan (not `valid`) still match in E.164.
  const phones = c.phones.map((p) => normalisePhone(p.value).key).filter((k) => k.startsWith('+'));
  const emails = c.emails.map((e) => normaliseEmail(e.value)).filter((n) => n.valid).map((n) => n.key);
  return {
    recordId: r.id,
    source: r.source,
    fullName: c.fullName,
    phones: [...new Set(phones)],
    emails: [...new Set(emails)],
    ...(given && family ? { nameKey: normaliseName(`${given} ${family}`).key } : {}),
    ...(c.uid ? { uid: c.uid } : {}),
    ...(c.organization ? { organization: c.organization } : {}),
  };
}

/** Groups cards into people (union of every shared key), each with the evidence of its merges. */
export function mergeCards(cards: ContactCard[]): MergedPerson[] {
  const parent = cards.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const byKey = new Map<string, number[]>();
  const keysOf = (c: ContactCard) => [
    ...c.phones.map((v) => `phone\u0000${v}`),
    ...c.emails.map((v) => `email\u0000${v}`),
    ...(c.nameKey ? [`name\u0000${c.nameKey}`] : []),
    ...(c.uid ? [`uid\u0000${c.uid}`] : []),
  ];
  cards.forEach((c, i) => {
    for (const k of keysOf(c)) byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  const evidence: { key: string; members: number[] }[] = [];
  for (const [key, members] of byKey) {
    if (members.length < 2) continue;
    evidence.push({ key, members });
    for (const m of members.slice(1)) parent[find(m)] = find(members[0]!);
  }
  const groups = new Map<number, number[]>();
  cards.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const people = [...groups.values()].map((members) => {
    const own = members.map((i) => cards[i]!).sort((a, b) => a.recordId.localeCompare(b.recordId));
    const root = find(members[0]!);
    const ev = evidence
      .filter((e) => find(e.members[0]!) === root)
      .map((e) => {
        const [field, value] = e.key.split('\u0000') as [MergeEvidence['field'], string];
        return { field, value, cards: e.members.map((i) => cards[i]!.recordId).sort() };
      })
      .sort((a, b) => a.field.localeCompare(b.field) || a.value.localeCompare(b.value));
    return {
      id: `person:${own[0]!.recordId}`,
      name: displayName(own),
      cards: own,
      evidence: ev,
      phones: [...new Set(own.flatMap((c) => c.phones))],
      emails: [...new Set(own.flatMap((c) => c.emails))],
      ...(own.find((c) => c.nameKey) ? { nameKey: own.find((c) => c.nameKey)!.nameKey! } : {}),
    };
  });
  return people.sort((a, b) => a.id.localeCompare(b.id));
}

/** The most complete name among a person's cards: one with a given and a family name, else the first. */
function displayName(cards: ContactCard[]): string {
  const full = cards.filter((c) => c.nameKey && !/[()]/.test(c.fullName)).sort((a, b) => b.fullName.length - a.fullName.length)[0];
  return (full ?? cards[0]!).fullName;
}
