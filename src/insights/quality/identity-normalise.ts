import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { normaliseHeader } from '../../connectors/bank-csv/bank-csv-layouts.ts';
import { isRealDate } from '../../domain/time.ts';
import type { Address } from '../../domain/types/common.ts';

/**
 * Normal forms of identity values, so that "06 12 34 56 78" and "+33612345678", or
 * "27, r. de Marseille 69007 LYON 7E" and "27 rue de Marseille, 69007 Lyon", compare equal.
 * Each normaliser returns a comparison `key` (equal keys ⇔ the same value), a `display`
 * form for people, and whether the value is well-formed (`problem` says what is wrong).
 * Example: normalisePhone('06 12 34 56 78') → { key: '+33612345678', display: '+33612345678', valid: true }.
 */
export interface Normalised {
  key: string;
  display: string;
  valid: boolean;
  problem?: string;
}

/** The kinds of identity value the data-quality insight compares across sources. */
export type IdentityCategory = 'name' | 'postal_address' | 'email' | 'phone' | 'iban' | 'birth_date' | 'text';

/** Lower case, accents removed, punctuation turned into spaces, spaces collapsed (as bank CSV headers are read). */
export const fold: (s: string) => string = normaliseHeader;

/** Phone numbers in E.164 (`+33612345678`), national numbers read in `defaultCountry`. */
export function normalisePhone(raw: string, defaultCountry: CountryCode = 'FR'): Normalised {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  if (parsed?.isValid()) return { key: parsed.number, display: parsed.number, valid: true };
  // A number outside the numbering plan still compares in E.164 when it can be read as one.
  const key = parsed?.number ?? (raw.replace(/[^\d+]/g, '') || raw.trim());
  return { key, display: raw.trim(), valid: false, problem: `“${raw}” is not a valid phone number` };
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** E-mail addresses compare without case or surrounding spaces (and without a `mailto:` prefix). */
export function normaliseEmail(raw: string): Normalised {
  const v = raw.trim().replace(/^mailto:/i, '').normalize('NFC').toLowerCase();
  return EMAIL_RE.test(v) ? { key: v, display: v, valid: true } : { key: v, display: raw.trim(), valid: false, problem: `“${raw}” is not a well-formed e-mail address` };
}

/** True when an IBAN's check digits are right (ISO 13616, mod 97). */
export function ibanChecks(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const c of moved) {
    const n = c >= 'A' ? String(c.charCodeAt(0) - 55) : c;
    for (const d of n) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** IBANs without spaces, upper case, check digits verified; shown in groups of four. */
export function normaliseIban(raw: string): Normalised {
  const key = raw.replace(/[\s-]/g, '').toUpperCase();
  const display = key.replace(/(.{4})(?=.)/g, '$1 ');
  return ibanChecks(key) ? { key, display, valid: true } : { key, display, valid: false, problem: `“${raw}” is not a valid IBAN (its check digits do not match)` };
}

/** Birth dates as ISO dates; also reads 17/04/1991, 17.04.1991 and 17-04-1991 (day first). */
export function normaliseBirthDate(raw: string): Normalised {
  const v = raw.trim();
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  const iso = dayFirst ? `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}` : v.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isRealDate(iso) ? { key: iso, display: iso, valid: true } : { key: v, display: v, valid: false, problem: `“${raw}” is not a real date` };
}

/** Names compare without case, accents, punctuation or word order ("MARTIN Camille" = "Camille Martin"). */
export function normaliseName(raw: string): Normalised {
  const words = fold(raw).split(' ').filter(Boolean);
  const display = raw.trim().replace(/\s+/g, ' ');
  return words.length > 0 ? { key: [...words].sort().join(' '), display, valid: true } : { key: '', display, valid: false, problem: 'the name is empty' };
}

/** Plain values (birth place, tax number…): compared folded. */
export function normaliseText(raw: string): Normalised {
  return { key: fold(raw), display: raw.trim(), valid: fold(raw).length > 0 };
}

const STREET_WORDS: Record<string, string> = {
  r: 'rue',
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  boul: 'boulevard',
  pl: 'place',
  ch: 'chemin',
  chem: 'chemin',
  imp: 'impasse',
  all: 'allee',
  rte: 'route',
  fg: 'faubourg',
  fbg: 'faubourg',
  qu: 'quai',
  crs: 'cours',
  sq: 'square',
  st: 'saint',
  ste: 'sainte',
};

function streetKey(lines: string[]): string {
  return fold(lines.join(' '))
    .split(' ')
    .map((w) => STREET_WORDS[w] ?? w)
    .join(' ');
}

/** "Lyon 7e", "LYON 07", "Paris Cedex 15" → "lyon" / "paris": the postal code already says the district. */
function localityKey(locality: string): string {
  return fold(locality)
    .replace(/\bcedex\b.*$/, '')
    .replace(/\s+\d+\s*(e|er|eme|ème)?$/, '')
    .trim();
}

const LABEL_RE = /^(.*?)[,\s]+(\d{5})\s+([^,]+?)(?:,\s*(.+))?$/;
const FRANCE = new Set(['fr', 'france']);

/**
 * Postal addresses from their parts when the source gives them, else parsed from the label
 * ("12 rue des Lilas, 69003 Lyon"): street words expanded (r. → rue, bd → boulevard),
 * accents and case folded, the district suffix of the town dropped, France implied.
 */
export function normaliseAddress(raw: string, given?: Address): Normalised {
  // Parts whose own label says another address were left behind by an edit of the value: ignore them.
  const parts = given?.label !== undefined && fold(given.label) !== fold(raw) ? undefined : given;
  let street: string[] = parts?.street ?? [];
  let postalCode = parts?.postalCode ?? '';
  let locality = parts?.locality ?? '';
  let country = parts?.countryCode ?? parts?.country ?? '';
  if (!postalCode || !locality || street.length === 0) {
    const m = LABEL_RE.exec(raw.trim().replace(/\s+/g, ' '));
    if (m) {
      if (street.length === 0) street = [m[1]!];
      postalCode ||= m[2]!;
      locality ||= m[3]!;
      country ||= m[4] ?? '';
    }
  }
  const countryKey = country && !FRANCE.has(fold(country)) ? fold(country) : 'fr';
  const display = raw.trim().replace(/\s+/g, ' ');
  if (!postalCode || !locality || street.length === 0) {
    return { key: fold(raw), display, valid: false, problem: `“${raw}” lacks a street, a postal code or a town` };
  }
  return { key: `${streetKey(street)}|${postalCode}|${localityKey(locality)}|${countryKey}`, display, valid: true };
}

/** Normalises a value of one category. */
export function normaliseIdentity(category: IdentityCategory, raw: string, parts?: Address): Normalised {
  switch (category) {
    case 'phone':
      return normalisePhone(raw);
    case 'email':
      return normaliseEmail(raw);
    case 'iban':
      return normaliseIban(raw);
    case 'birth_date':
      return normaliseBirthDate(raw);
    case 'name':
      return normaliseName(raw);
    case 'postal_address':
      return normaliseAddress(raw, parts);
    case 'text':
      return normaliseText(raw);
  }
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions): how many
 * one-letter edits turn `a` into `b`. Used to tell a mistyped value from a different one.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
