/**
 * The CSV layouts of bank exports that the bank-csv connector knows, declared as data:
 * which header names carry which role. Header cells are compared normalised (lower
 * case, accents and punctuation removed, single spaces: "Montant(EUROS)" → "montant
 * euros", "Date de l'opération" → "date de l operation").
 *
 * A layout matches a header row when every `required` role is found. Earlier layouts
 * win, so put the more specific first. To add a bank, add an entry — no code.
 */
export type ColumnRole =
  | 'date' | 'valueDate' | 'label' | 'memo' | 'amount' | 'debit' | 'credit' | 'currency'
  | 'category' | 'balance' | 'accountId' | 'accountLabel' | 'reference' | 'type';

export const COLUMN_ROLES: readonly ColumnRole[] = [
  'date', 'valueDate', 'label', 'memo', 'amount', 'debit', 'credit', 'currency', 'category', 'balance', 'accountId', 'accountLabel', 'reference', 'type',
];

export interface BankCsvLayout {
  id: string;
  label: string;
  columns: Partial<Record<ColumnRole, readonly string[]>>;
  required: readonly ColumnRole[];
  /** How its d/m/y dates are ordered (ISO dates are always read). */
  dateOrder: 'dmy' | 'mdy';
  /** Currency when no column gives it. */
  currency: string;
  confidence: number;
}

export const BANK_CSV_LAYOUTS: readonly BankCsvLayout[] = [
  {
    id: 'boursorama',
    label: 'Boursorama Banque',
    columns: {
      date: ['dateop'], valueDate: ['dateval'], label: ['label'], category: ['category'], amount: ['amount'], memo: ['comment'],
      accountId: ['accountnum'], accountLabel: ['accountlabel'], balance: ['accountbalance'],
    },
    required: ['date', 'label', 'amount', 'accountId'],
    dateOrder: 'dmy',
    currency: 'EUR',
    confidence: 0.95,
  },
  {
    id: 'la-banque-postale',
    label: 'La Banque Postale',
    columns: { date: ['date'], label: ['libelle'], amount: ['montant euros'] },
    required: ['date', 'label', 'amount'],
    dateOrder: 'dmy',
    currency: 'EUR',
    confidence: 0.9,
  },
  {
    id: 'credit-mutuel-cic',
    label: 'Crédit Mutuel / CIC',
    columns: { date: ['date', 'date d operation'], valueDate: ['date de valeur'], debit: ['debit'], credit: ['credit'], label: ['libelle'], balance: ['solde'] },
    required: ['date', 'valueDate', 'debit', 'credit', 'label'],
    dateOrder: 'dmy',
    currency: 'EUR',
    confidence: 0.9,
  },
  {
    id: 'credit-agricole',
    label: 'Crédit Agricole (Débit/Crédit euros)',
    columns: { date: ['date', 'date operation'], label: ['libelle'], debit: ['debit euros'], credit: ['credit euros'] },
    required: ['date', 'label', 'debit', 'credit'],
    dateOrder: 'dmy',
    currency: 'EUR',
    confidence: 0.9,
  },
  {
    id: 'fr-montant-devise',
    label: 'Date opération / Date valeur / Libellé / Montant / Devise (Société Générale, LCL…)',
    columns: {
      date: ['date operation', 'date de l operation', 'date comptable'], valueDate: ['date valeur', 'date de valeur'],
      label: ['libelle', 'libelle operation'], memo: ['detail de l ecriture', 'detail'], amount: ['montant', 'montant de l operation'], currency: ['devise'],
    },
    required: ['date', 'label', 'amount'],
    dateOrder: 'dmy',
    currency: 'EUR',
    confidence: 0.9,
  },
  {
    id: 'en-date-description-amount',
    label: 'Date, Description, Amount, Balance',
    columns: { date: ['date', 'transaction date', 'posted date'], label: ['description'], amount: ['amount'], balance: ['balance'], currency: ['currency'] },
    required: ['date', 'label', 'amount'],
    dateOrder: 'dmy',
    currency: 'EUR',
    confidence: 0.8,
  },
];

/** "Montant(EUROS)" → "montant euros". */
export function normaliseHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Column index of each role found in a header row, or null when a required role is missing. */
export function matchLayout(header: readonly string[], columns: BankCsvLayout['columns'], required: readonly ColumnRole[]): Partial<Record<ColumnRole, number>> | null {
  const norm = header.map(normaliseHeader);
  const out: Partial<Record<ColumnRole, number>> = {};
  const used = new Set<number>();
  for (const role of COLUMN_ROLES) {
    const names = columns[role];
    if (!names) continue;
    const i = norm.findIndex((h, k) => !used.has(k) && names.includes(h));
    if (i >= 0) {
      out[role] = i;
      used.add(i);
    }
  }
  return required.every((r) => out[r] !== undefined) ? out : null;
}
