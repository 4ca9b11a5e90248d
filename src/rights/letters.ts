import type { LocalDate } from '../domain/time.ts';
import { ATTRIBUTE_LABELS, FRAME, RIGHT_TEXTS, longDate, type Lang } from './letter-texts.ts';
import type { ConcernedItem, RightsRequest } from './rights-request.ts';

/**
 * Rights letters and e-mails, composed once as a `LetterDoc` and rendered as text (here)
 * or as PDF (letter-pdf.ts). A letter carries the identity elements the organisation needs
 * to find the person and answer, and nothing more: the name, the customer reference held
 * by that organisation, and the address to answer to (the postal address for a letter;
 * none for an e-mail, which is answered to its sender). Values being rectified appear
 * because they are the object of the request.
 */

/** Who signs: the elements a letter may use. Absent ones are left out. */
export interface Requester {
  fullName: string;
  /** The person's customer number or reference at this organisation. */
  customerRef?: string;
  /** Where a letter's answer goes. Used only for letters. */
  postalAddress?: string;
  /** Used only where an e-mail address is the way to answer (a complaint sent by e-mail). */
  email?: string;
}

export type Medium = 'letter' | 'email';

/** A letter or e-mail ready to render. `sender` and `recipient` are address blocks (empty for an e-mail). */
export interface LetterDoc {
  lang: Lang;
  medium: Medium;
  subject: string;
  sender: string[];
  recipient: string[];
  /** "Lyon, le 3 mars 2026" / "3 March 2026". */
  dateLine: string;
  /** For an e-mail, the address to send it to when known. */
  to?: string;
  paragraphs: string[];
  signature: string[];
}

/** "Objet : " in French typography, "Subject: " in English. */
export function labelled(name: string, lang: Lang): string {
  return lang === 'fr' ? `${name} : ` : `${name}: `;
}

function itemLabel(item: ConcernedItem, lang: Lang): string {
  return ATTRIBUTE_LABELS[lang][item.what] ?? item.what;
}

/** The sentence listing the items concerned by a request that is not a rectification. */
function itemsClause(items: readonly ConcernedItem[], lang: Lang): string {
  return items.length ? `${FRAME[lang].itemsAbout}${items.map((i) => itemLabel(i, lang)).join(', ')}` : '';
}

function rectificationLines(items: readonly ConcernedItem[], lang: Lang): string {
  return items.map((i) => `\n${FRAME[lang].wrongToRight(itemLabel(i, lang), i.currentValue ?? '?', i.requestedValue ?? '?')}`).join('');
}

/** The date line of a letter: place (the town of the sender, when known) and date. */
export function dateLine(today: LocalDate, lang: Lang, town?: string): string {
  const d = longDate(today, lang);
  if (lang === 'fr') return town ? `${town}, le ${d}` : `Le ${d}`;
  return town ? `${town}, ${d}` : d;
}

/** The town of a French postal address ("27 rue de Marseille, 69007 Lyon" → "Lyon"). */
export function townOf(address: string | undefined): string | undefined {
  const m = address ? /\b\d{5}\s+([^,\d][^,]*)$/.exec(address.trim()) : null;
  return m?.[1]?.trim();
}

/** The sender's address block: name, reply address for a letter, and the customer reference. */
export function senderBlock(who: Requester, medium: Medium): string[] {
  return [who.fullName, ...(medium === 'letter' && who.postalAddress ? who.postalAddress.split(/,\s*/) : [])];
}

/** Composes the letter or e-mail of a rights request. */
export function composeRequestLetter(r: RightsRequest, who: Requester, opts: { lang: Lang; medium: Medium; today: LocalDate }): LetterDoc {
  const { lang, medium } = opts;
  const text = RIGHT_TEXTS[lang][r.kind];
  const f = FRAME[lang];
  const items = r.kind === 'rectification' ? rectificationLines(r.items, lang) : itemsClause(r.items, lang);
  const paragraphs = [
    f.greeting,
    text.ask.replace('{items}', items),
    ...(r.requestedChange ? [`${labelled(f.requestedChange, lang)}${r.requestedChange}`] : []),
    text.detail,
    r.dueOn ? f.deadline(longDate(r.dueOn, lang)) : f.deadlineUnsent,
    f.complaintNotice,
    f.closing,
  ];
  const contactIsEmail = r.organisation.contact?.includes('@') ?? false;
  return {
    lang,
    medium,
    subject: text.subject,
    sender: medium === 'letter' ? senderBlock(who, medium) : [],
    recipient: medium === 'letter' ? [r.organisation.name, ...(r.organisation.contact && !contactIsEmail ? r.organisation.contact.split(/,\s*/) : [])] : [],
    // A request already sent is shown as it was sent: dated the day it went out.
    dateLine: dateLine(r.sentOn ?? opts.today, lang, medium === 'letter' ? townOf(who.postalAddress) : undefined),
    ...(medium === 'email' && contactIsEmail ? { to: r.organisation.contact } : {}),
    paragraphs,
    signature: [who.fullName, ...(who.customerRef ? [f.customerRef(who.customerRef)] : [])],
  };
}

/** The plain text of a letter or e-mail (an e-mail starts with its To and Subject lines). */
export function letterText(doc: LetterDoc): string {
  const f = FRAME[doc.lang];
  const head =
    doc.medium === 'email'
      ? [...(doc.to ? [`To: ${doc.to}`] : []), `${labelled(f.objectLine, doc.lang)}${doc.subject}`, '']
      : [...doc.sender, '', ...doc.recipient.map((l) => `${' '.repeat(40)}${l}`), '', `${' '.repeat(40)}${doc.dateLine}`, '', `${labelled(f.objectLine, doc.lang)}${doc.subject}`, ''];
  return [...head, ...doc.paragraphs.flatMap((p) => [p, '']), ...doc.signature].join('\n') + '\n';
}
