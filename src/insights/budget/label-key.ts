/**
 * Bank labels read the way the rules read them. French and English banks write the kind
 * of operation first ("CB", "CARTE", "PRLV SEPA", "VIR SEPA", "CARD PAYMENT TO",
 * "DIRECT DEBIT"), then the counterparty, then dates, card numbers and references that
 * change at every occurrence.
 */

/** Upper case, no accents, punctuation other than . & ' + as spaces, single spaces. */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9.&'+/*-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Operation prefixes, longest first, as banks print them. */
const PREFIXES = [
  'PAIEMENT PAR CARTE',
  'PAIEMENT CB',
  'FACTURE CARTE',
  'ACHAT CB',
  'CARTE X\\d{4}',
  'CARTE \\d{4}X+\\d{4}',
  'CARTE',
  'CB\\*?\\d{0,4}',
  'PRLV SEPA',
  'PRELEVEMENT SEPA',
  'PRELEVEMENT',
  'PRLV',
  'VIR SEPA RECU',
  'VIR SEPA EMIS',
  'VIR SEPA',
  'VIR INST',
  'VIREMENT SEPA',
  'VIREMENT RECU',
  'VIREMENT EMIS',
  'VIREMENT',
  'VIR',
  'RETRAIT DAB',
  'RETRAIT',
  'CARD PAYMENT TO',
  'CARD PAYMENT',
  'CONTACTLESS PAYMENT',
  'DIRECT DEBIT',
  'DD',
  'STANDING ORDER',
  'SO',
  'FASTER PAYMENT',
  'BANK TRANSFER',
  'TRANSFER',
  'POS',
];
const PREFIX_RE = new RegExp(`^(?:(?:${PREFIXES.join('|')})\\b\\s*)+`);

/** Pieces that change from one occurrence to the next: dates, times, card numbers, long references. */
const NOISE_RE = [
  /\b(?:REF|REFERENCE|ECH|MDT|RUM|ID|NO|N)(?:\s+|[:.]\s*)\S*\d\S*/g, // "REF 88412", "ECH 05/03"
  /\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/g, // 12/03, 12/03/25, 03/2024
  /\b\d{1,2}\/\d{4}\b/g,
  /\b\d{1,2}[.:H]\d{2}\b/g, // 14:32, 14H32
  /\bX+\d{2,4}\b/g, // XXXX1234
  /\b\d{4}X+\d{2,4}\b/g,
  /\b\d{5,}\b/g, // long numbers (references, card numbers)
  /\b\d{4}\b/g, // years and short codes
];

/**
 * A label split into its operation prefix ("CB", "PRLV SEPA"; "" when none) and its key:
 * the counterparty and what the payment is for, without the parts that change
 * ("CB BOULANGERIE DU PARC 12/03" → key "BOULANGERIE DU PARC"; "VIR SEPA ACME SAS SALAIRE
 * 03/2024" → "ACME SAS SALAIRE"). Two payments with the same key are "similar labels".
 * Memoised: statements repeat the same labels month after month.
 */
export function splitLabel(label: string): { prefix: string; key: string } {
  let hit = memo.get(label);
  if (!hit) {
    if (memo.size >= 50_000) memo.clear();
    hit = split(label);
    memo.set(label, hit);
  }
  return hit;
}
const memo = new Map<string, { prefix: string; key: string }>();

function split(label: string): { prefix: string; key: string } {
  const norm = normaliseLabel(label);
  const prefix = PREFIX_RE.exec(norm)?.[0].trim() ?? '';
  let s = prefix && norm.length > prefix.length ? norm.slice(norm.indexOf(prefix) + prefix.length) : norm;
  for (const re of NOISE_RE) s = s.replace(re, ' ');
  s = s.replace(/\s+/g, ' ').trim();
  return { prefix, key: s === '' ? norm : s };
}

/** The stable part of a label (see splitLabel). */
export function labelKey(label: string): string {
  return splitLabel(label).key;
}

/** True when every word of `pattern` (a label key) appears, in order and whole, in `key`. */
export function keyContains(key: string, pattern: string): boolean {
  if (pattern === '') return false;
  if (key === pattern) return true;
  return ` ${key} `.includes(` ${pattern} `);
}
