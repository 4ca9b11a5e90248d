import type { ConnectorContext } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import type { VcardProperty } from './vcard-lines.ts';
import { param, typesOf } from './vcard-lines.ts';
import { photoOf } from './vcard-photo.ts';
import { parseRev, parseVcardDate, splitEscaped, textOf, unescapeText } from './vcard-values.ts';

/** Where a card is, for messages. */
export interface CardPlace {
  file: string;
  line: number;
}

type Typed = { value: string; types: string[]; pref?: boolean; label?: string };

/**
 * Maps one card's properties to `contact` data (see src/domain/types/people.ts). Groups
 * (`item1.EMAIL` + `item1.X-ABLabel`) give their label to the grouped values; FN missing is
 * built from N, then ORG, then the first e-mail or phone.
 */
export async function contactData(props: VcardProperty[], place: CardPlace, ctx: ConnectorContext): Promise<{ data: Record<string, unknown>; uid?: string; rev?: string }> {
  const text = (p: VcardProperty) => textOf(p);
  const labels = new Map<string, string>();
  for (const p of props) if (p.name === 'X-ABLABEL' && p.group) labels.set(p.group, abLabel(unescapeText(text(p))));
  const typed = (p: VcardProperty, value: string): Typed => {
    const types = typesOf(p);
    const t: Typed = { value, types: types.filter((x) => x !== 'pref') };
    if (types.includes('pref') || (param(p, 'PREF') !== undefined && param(p, 'PREF') !== '')) t.pref = true;
    const label = (p.group && labels.get(p.group)) || param(p, 'LABEL');
    if (label) t.label = label;
    return t;
  };
  const d: Record<string, unknown> = { nicknames: [], emails: [], phones: [], addresses: [], urls: [], categories: [], related: [] };
  const push = (k: string, v: unknown) => (d[k] as unknown[]).push(v);
  let fn: string | undefined;
  let uid: string | undefined;
  let rev: string | undefined;
  let orgParts: string[] = [];
  const where = (p: VcardProperty) => `${place.file}, line ${p.line}`;

  for (const p of props) {
    switch (p.name) {
      case 'FN':
        fn ??= unescapeText(text(p)).trim() || undefined;
        break;
      case 'N': {
        const [family, given, additional, prefix, suffix] = splitEscaped(text(p), ';').map((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== '').join(' '));
        const name: Record<string, string> = {};
        for (const [k, v] of Object.entries({ family, given, additional, prefix, suffix })) if (v) name[k] = v;
        if (Object.keys(name).length > 0) d.name = name;
        break;
      }
      case 'NICKNAME':
        for (const n of splitEscaped(text(p), ',')) if (n.trim()) push('nicknames', n.trim());
        break;
      case 'ORG':
        orgParts = splitEscaped(text(p), ';').map((s) => s.trim()).filter((s) => s !== '');
        if (orgParts.length > 0) d.organization = orgParts.join(', ');
        break;
      case 'TITLE':
      case 'ROLE':
      case 'NOTE': {
        const v = unescapeText(text(p)).trim();
        if (v) d[p.name.toLowerCase()] = v;
        break;
      }
      case 'EMAIL': {
        const v = unescapeText(text(p)).trim().replace(/^mailto:/i, '');
        if (v) push('emails', { ...typed(p, v), types: typed(p, v).types.filter((t) => t !== 'internet' && t !== 'x400') });
        break;
      }
      case 'TEL': {
        const v = unescapeText(text(p)).trim().replace(/^tel:/i, '');
        if (v) push('phones', typed(p, v));
        break;
      }
      case 'ADR':
        push('addresses', address(p, text(p), typed(p, '')));
        break;
      case 'URL': {
        const v = unescapeText(text(p)).trim();
        if (v) push('urls', v);
        break;
      }
      case 'CATEGORIES':
        for (const c of splitEscaped(text(p), ',')) if (c.trim()) push('categories', c.trim());
        break;
      case 'BDAY':
      case 'ANNIVERSARY':
      case 'X-ANNIVERSARY': {
        const raw = unescapeText(text(p));
        const v = parseVcardDate(raw, param(p, 'X-APPLE-OMIT-YEAR'));
        const key = p.name === 'BDAY' ? 'birthday' : 'anniversary';
        if (v && (key === 'birthday' || !v.startsWith('--'))) d[key] ??= v;
        else ctx.warn(`${where(p)}: ${p.name} "${raw}" is not a date; left out`);
        break;
      }
      case 'GENDER':
      case 'X-GENDER': {
        const g = splitEscaped(text(p), ';').map((s) => s.trim()).filter((s) => s !== '');
        if (g.length > 0) d.gender = g.join(' ');
        break;
      }
      case 'KIND':
      case 'X-ADDRESSBOOKSERVER-KIND': {
        const k = text(p).trim().toLowerCase();
        if (k === 'individual' || k === 'organization' || k === 'group' || k === 'location') d.kind = k;
        else if (k === 'org') d.kind = 'organization';
        break;
      }
      case 'X-ABSHOWAS':
        if (text(p).trim().toUpperCase() === 'COMPANY') d.kind ??= 'organization';
        break;
      case 'RELATED':
      case 'X-ABRELATEDNAMES': {
        const v = unescapeText(text(p)).trim();
        if (v) push('related', typed(p, v));
        break;
      }
      case 'PHOTO':
        d.photo ??= await photoOf(p, text(p), { file: place.file, line: p.line }, ctx);
        break;
      case 'UID':
        uid = unescapeText(text(p)).trim() || undefined;
        break;
      case 'REV': {
        const r = parseRev(text(p));
        if (r) rev = r;
        else ctx.warn(`${where(p)}: REV "${text(p)}" is not a date and time; left out`);
        break;
      }
      default:
        break;
    }
  }
  const name = d.name as Record<string, string> | undefined;
  const full =
    fn ||
    (name ? [name.prefix, name.given, name.additional, name.family, name.suffix].filter(Boolean).join(' ') : '') ||
    orgParts[0] ||
    (d.emails as Typed[])[0]?.value ||
    (d.phones as Typed[])[0]?.value;
  if (!full) throw new ConnectorError(`${place.file}, line ${place.line}: this card has no name: no FN, N, ORG, EMAIL or TEL`, { file: place.file, line: place.line, element: 'VCARD', field: 'FN' });
  d.fullName = full;
  if (uid) d.uid = uid;
  if (rev) d.revisedAt = rev;
  return { data: d, ...(uid ? { uid } : {}), ...(rev ? { rev } : {}) };
}

/** Apple's "_$!<Mobile>!$_" labels → "Mobile". */
function abLabel(s: string): string {
  const m = /^_\$!<(.*)>!\$_$/.exec(s.trim());
  return m ? m[1]! : s.trim();
}

function address(p: VcardProperty, value: string, t: Typed): Record<string, unknown> {
  const [poBox, extended, street, locality, region, postalCode, country] = splitEscaped(value, ';').map((s) => s.trim());
  const a: Record<string, unknown> = { types: t.types };
  if (t.pref) a.pref = true;
  const streetLines = (street ?? '').split(/\n/).map((s) => s.trim()).filter((s) => s !== '');
  if (streetLines.length > 0) a.street = streetLines;
  for (const [k, v] of Object.entries({ poBox, extended, locality, region, postalCode, country })) if (v) a[k] = v;
  // A group label (item2.X-ABLabel) names the kind of address; LABEL= is the address as printed.
  if (t.label && t.label !== param(p, 'LABEL') && !t.types.includes(t.label.toLowerCase())) a.types = [...t.types, t.label.toLowerCase()];
  const label = param(p, 'LABEL');
  if (label) a.label = unescapeText(label);
  return a;
}
