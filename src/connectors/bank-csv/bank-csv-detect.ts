import Papa from 'papaparse';
import { BANK_CSV_LAYOUTS, COLUMN_ROLES, matchLayout, normaliseHeader, type BankCsvLayout, type ColumnRole } from './bank-csv-layouts.ts';

/**
 * Finds the table in the first bytes of a bank CSV: the delimiter, the header row
 * (after a few lines of account number, period…) and the layout that matches it — a
 * known one, or the person's `map` ({ date: 'Date', label: 'Libellé', amount: 'Montant' }).
 */
export interface DetectedTable {
  delimiter: string;
  /** 0-based index of the header row among the parsed rows. */
  headerIndex: number;
  header: string[];
  preamble: string[][];
  layout: BankCsvLayout;
  roles: Partial<Record<ColumnRole, number>>;
}

const DELIMITERS = [';', ',', '\t', '|'];
const PREVIEW_ROWS = 40;

export function parseHead(text: string, delimiter: string): string[][] {
  return Papa.parse<string[]>(text, { delimiter, preview: PREVIEW_ROWS }).data;
}

/** The person's map as a layout: `{ date: 'Date', label: 'Libellé', amount: 'Montant' }`. */
function layoutFromMap(map: Record<string, string>): BankCsvLayout | null {
  const columns: Partial<Record<ColumnRole, readonly string[]>> = {};
  for (const role of COLUMN_ROLES) {
    const col = map[role];
    if (col && !(role === 'currency' && /^[A-Z]{3}$/.test(col))) columns[role] = [normaliseHeader(col)];
  }
  if (!columns.date || !columns.label || !(columns.amount || columns.debit || columns.credit)) return null;
  const required = (Object.keys(columns) as ColumnRole[]).filter((r) => r !== 'currency' || !!columns.currency);
  const dateOrder = map.dateOrder === 'mdy' ? 'mdy' : 'dmy';
  const currency = map.currency && /^[A-Z]{3}$/.test(map.currency) ? map.currency : 'EUR';
  return { id: 'mapped', label: 'columns mapped by the person', columns, required, dateOrder, currency, confidence: 1 };
}

export function detectTable(text: string, map?: Record<string, string>): DetectedTable | null {
  const mapped = map ? layoutFromMap(map) : null;
  const layouts = mapped ? [mapped] : BANK_CSV_LAYOUTS;
  for (const delimiter of DELIMITERS) {
    if (!text.includes(delimiter)) continue;
    const rows = parseHead(text, delimiter);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.length < 3) continue;
      for (const layout of layouts) {
        const roles = matchLayout(row, layout.columns, layout.required);
        if (roles) return { delimiter, headerIndex: i, header: row, preamble: rows.slice(0, i), layout, roles };
      }
    }
  }
  return null;
}

/**
 * Whether an unknown CSV still looks like a bank export: a header row naming a date
 * and an amount (or debit/credit), or rows holding a date and a decimal amount. Returns
 * the most likely header row (for the error message), or null.
 */
export function looksLikeBankCsv(text: string): { delimiter: string; header: string[] } | null {
  for (const delimiter of DELIMITERS) {
    if (!text.includes(delimiter)) continue;
    const rows = parseHead(text, delimiter).filter((r) => r.length >= 3);
    const header = rows.find((r) => {
      const n = r.map(normaliseHeader);
      return n.some((h) => /\bdate\b|\bdatum\b|\bfecha\b/.test(h)) && n.some((h) => /montant|amount|debit|credit|betrag|importe|somme|valeur/.test(h));
    });
    if (header) return { delimiter, header };
    const dataLike = rows.filter((r) => r.some((c) => /^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*$/.test(c)) && r.some((c) => /^\s*[-+]?\d[\d \u00a0\u202f.,]*[.,]\d{2}\s*(€|EUR)?\s*$/.test(c)));
    if (dataLike.length >= 2) return { delimiter, header: rows[0] ?? [] };
  }
  return null;
}

/**
 * An account number in the lines above the table: an IBAN, or the number after
 * "Numéro Compte", "Compte … n°", "Account", or a lone `="0001234567890"` cell.
 */
export function accountFromPreamble(preamble: readonly string[][]): { accountId: string; iban?: string } | null {
  for (const row of preamble) {
    const text = row.join(' ');
    const iban = /\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?)\b/.exec(text);
    if (iban) {
      const id = iban[1]!.replace(/ /g, '');
      return { accountId: id, iban: id };
    }
  }
  for (const row of preamble) {
    const cells = row.map((c) => c.replace(/^="?|"$/g, '').trim()).filter(Boolean);
    const text = cells.join(' ');
    const after = /(?<![a-z])(?:n°|no\.?|num[ée]ro(?: de)?(?: compte)?|compte|account(?: number)?)\s*:?\s*([0-9][0-9A-Z]{4,}|[A-Z0-9]*\d[A-Z0-9]{4,})\b/i.exec(text);
    if (after) return { accountId: after[1]! };
    if (cells.length >= 1 && /^\d{8,}$/.test(cells[0]!) && row[0]!.startsWith('=')) return { accountId: cells[0]! };
  }
  return null;
}
