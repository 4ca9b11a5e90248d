import { pipeline, Readable } from 'node:stream';
import Papa from 'papaparse';
import { currencyExponent, DecimalParseError, isKnownCurrency, toMoney, type Money } from '../../domain/money.ts';
import { DEFAULT_TIME_ZONE, isRealDate, localDateStart } from '../../domain/time.ts';
import { ConnectorError, type Connector, type ConnectorRecord } from '../connector.ts';
import { OccurrenceRefs } from '../util/bank-dedup.ts';
import { contentHash } from '../util/content-ref.ts';
import { decodeInput, headText } from '../util/text.ts';
import { accountFromPreamble, detectTable, looksLikeBankCsv, type DetectedTable } from './bank-csv-detect.ts';
import { BANK_CSV_LAYOUTS } from './bank-csv-layouts.ts';

/**
 * CSV exports of bank accounts (French banks first): `;` or `,` or tab separated,
 * Latin-1 or UTF-8, a few lines (account number, period) above the table, decimal comma
 * or point (even mixed in one row), thousands separated by spaces, no-break or narrow
 * no-break spaces, a signed amount column or Débit/Crédit columns. Known layouts are in
 * bank-csv-layouts.ts; any other can be read with `options.map`
 * ({ date: 'Date', label: 'Libellé', amount: 'Montant' } or debit/credit, plus optional
 * valueDate, memo, currency, category, balance, account, dateOrder: 'mdy').
 *
 * - A Débit column value is always an outflow, signed or not; a Crédit value an inflow.
 * - Account: a per-row account column (Boursorama), else `map.account`, else a number
 *   found above the table, else `csv-<hash of the header row>` with a warning.
 * - `source` `bank-csv`; `sourceRef` `<account>:h:<hash of date, value date, amount,
 *   label>:<occurrence>` — balance, category and comment are left out (they change
 *   between exports).
 * - Rows without a date (totals, "Solde au …") are skipped and counted in a warning.
 * Streams with papaparse; the head (64 KiB) is parsed twice to find the table.
 */
export const bankCsvConnector: Connector = {
  id: 'bank-csv',
  label: 'Bank statement (CSV)',
  recognize(input) {
    const text = headText(input);
    const t = detectTable(text);
    if (t) return { confidence: t.layout.confidence, reason: `CSV layout "${t.layout.label}"` };
    if (looksLikeBankCsv(text)) return { confidence: 0.3, reason: 'looks like a bank CSV, but its columns are not a known layout (pass a column map)' };
    return { confidence: 0, reason: 'no bank CSV layout found' };
  },
  async *read(input, ctx) {
    const file = input.name;
    const map = ctx.options.map;
    const head = headText(input);
    const table = detectTable(head, map && Object.keys(map).some((k) => k !== 'account' && k !== 'currency' && k !== 'dateOrder') ? map : undefined);
    if (!table) throw unknownLayout(file, head, map);
    const timeZone = ctx.options.timeZone ?? DEFAULT_TIME_ZONE;
    const { layout, roles } = table;
    const fixedCurrency = map?.currency && /^[A-Z]{3}$/.test(map.currency) ? map.currency : layout.currency;
    const account = resolveAccount(table, map);
    if (account.hashed && roles.accountId === undefined)
      ctx.warn(`${file}: no account number found above the table; the transactions were put in account "${account.accountId}" (from the column names) — pass map.account to name it`);
    const col = (row: readonly string[], role: keyof typeof roles) => (roles[role] === undefined ? '' : (row[roles[role]!] ?? '').trim());
    const err = (row: number, role: keyof typeof roles, expected: string, detail?: string) => {
      const column = table.header[roles[role]!] ?? role;
      return new ConnectorError(`${file}, row ${row}, column "${column}": expected ${expected}`, { file, line: row, field: column }, detail);
    };
    const money = (text: string, currency: string, row: number, role: 'amount' | 'debit' | 'credit' | 'balance'): Money => {
      try {
        return toMoney(text.replace(/€|EUR/gi, ''), currency);
      } catch (e) {
        if (e instanceof DecimalParseError) throw err(row, role, `an amount like -1 234,56 or 280.71, not "${text}"`, e.message);
        throw e;
      }
    };

    const refs = new OccurrenceRefs();
    const accounts = new Map<string, { name?: string; currency: string; maxDate: string; firstBalance?: Money; lastBalance?: Money; firstDate: string; lastDate: string }>();
    let skipped = 0;
    let rowNo = 0;
    const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: table.delimiter });
    // pipeline (not pipe): a read error reaches the loop below instead of leaving it waiting.
    pipeline(Readable.from(decodeInput(input)), parser, () => {});
    for await (const raw of parser as AsyncIterable<string[]>) {
      rowNo++;
      if (rowNo <= table.headerIndex + 1) continue;
      const row = raw;
      if (row.every((c) => c.trim() === '')) continue;
      const dateText = col(row, 'date');
      if (!dateText) {
        skipped++;
        continue;
      }
      const date = parseCsvDate(dateText, layout.dateOrder);
      if (!date) throw err(rowNo, 'date', `a date like ${layout.dateOrder === 'dmy' ? '31/12/2025' : '12/31/2025'}, not "${dateText}"`);
      const valueText = col(row, 'valueDate');
      const valueDate = valueText ? parseCsvDate(valueText, layout.dateOrder) : undefined;
      if (valueDate === null) throw err(rowNo, 'valueDate', `a date like 31/12/2025, not "${valueText}"`);
      const currency = (col(row, 'currency') || fixedCurrency).toUpperCase();
      if (!isKnownCurrency(currency)) throw err(rowNo, 'currency', `a currency code such as EUR, not "${currency}"`);
      let amount: Money;
      const amountText = col(row, 'amount');
      if (roles.amount !== undefined) {
        if (!amountText) throw err(rowNo, 'amount', 'an amount');
        amount = money(amountText, currency, rowNo, 'amount');
      } else {
        const debit = col(row, 'debit');
        const credit = col(row, 'credit');
        if (!debit && !credit) throw err(rowNo, 'debit', 'an amount in the debit or the credit column');
        const d = debit ? money(debit, currency, rowNo, 'debit') : undefined;
        const c = credit ? money(credit, currency, rowNo, 'credit') : undefined;
        amount = combine(d, c, currency);
      }
      const accountId = col(row, 'accountId').replace(/^="?|"$/g, '') || account.accountId;
      const label = col(row, 'label').replace(/\s+/g, ' ');
      const memo = col(row, 'memo').replace(/\s+/g, ' ');
      const category = col(row, 'category');
      const balanceText = col(row, 'balance');
      const balance = balanceText ? money(balanceText, currency, rowNo, 'balance') : undefined;
      let acc = accounts.get(accountId);
      if (!acc) accounts.set(accountId, (acc = { currency, maxDate: date, firstDate: date, lastDate: date }));
      const accName = col(row, 'accountLabel');
      if (accName) acc.name = accName;
      if (date > acc.maxDate) acc.maxDate = date;
      acc.lastDate = date;
      if (balance) {
        acc.firstBalance ??= balance;
        acc.lastBalance = balance;
      }
      yield {
        type: 'bank.transaction',
        source: 'bank-csv',
        sourceRef: `${accountId}:${refs.next([accountId, date, valueDate, amount.amountMinor, amount.scale, amount.currency, label])}`,
        occurredAt: localDateStart(date, timeZone).instant,
        data: {
          accountRef: accountId,
          amount,
          bookingDate: date,
          label,
          ...(valueDate ? { valueDate } : {}),
          ...(memo ? { memo } : {}),
          ...(category ? { category } : {}),
        },
        location: `row ${rowNo}`,
      } satisfies ConnectorRecord;
    }
    if (rowNo <= table.headerIndex + 1) ctx.warn(`${file}: the table has no rows`);
    if (skipped > 0) ctx.warn(`${file}: ${skipped} rows without a date (totals, balances) were skipped`);
    for (const [accountId, a] of accounts) {
      // The balance of the newest row: the first row when the file runs newest first.
      const newestFirst = a.firstDate > a.lastDate;
      const balance = newestFirst ? a.firstBalance : a.lastBalance;
      yield {
        type: 'bank.account',
        source: 'bank-csv',
        sourceRef: accountId,
        occurredAt: localDateStart(a.maxDate, timeZone).instant,
        data: {
          accountId,
          ...(account.iban && accountId === account.accountId ? { iban: account.iban } : {}),
          ...(a.name ? { name: a.name } : {}),
          currency: a.currency,
          balances: balance ? [{ amount: balance, at: a.maxDate, kind: 'booked' }] : [],
        },
      } satisfies ConnectorRecord;
    }
  },
};

/** Debit is always an outflow and credit an inflow, whatever sign the bank wrote. */
function combine(debit: Money | undefined, credit: Money | undefined, currency: string): Money {
  const signed = (m: Money, sign: 1 | -1): Money => ({ ...m, amountMinor: sign * Math.abs(m.amountMinor) || 0 });
  if (debit && !credit) return signed(debit, -1);
  if (credit && !debit) return signed(credit, 1);
  const exp = currencyExponent(currency);
  const sd = debit!.scale ?? exp;
  const sc = credit!.scale ?? exp;
  const s = Math.max(sd, sc);
  const v = Math.abs(credit!.amountMinor) * 10 ** (s - sc) - Math.abs(debit!.amountMinor) * 10 ** (s - sd);
  return s === exp ? { amountMinor: v, currency } : { amountMinor: v, currency, scale: s };
}

function resolveAccount(table: DetectedTable, map: Record<string, string> | undefined): { accountId: string; iban?: string; hashed: boolean } {
  if (map?.account) return { accountId: map.account, hashed: false };
  const found = accountFromPreamble(table.preamble);
  if (found) return { ...found, hashed: false };
  return { accountId: `csv-${contentHash(table.header.map((h) => h.trim())).slice(0, 12)}`, hashed: true };
}

function unknownLayout(file: string, head: string, map: Record<string, string> | undefined): ConnectorError {
  const guess = looksLikeBankCsv(head);
  const columns = guess?.header.filter((c) => c.trim() !== '') ?? [];
  const known = BANK_CSV_LAYOUTS.map((l) => l.label).join('; ');
  const found = columns.length > 0 ? `The columns found are: ${columns.map((c) => `"${c}"`).join(', ')}.` : 'No header row was found.';
  const tried = map ? ` The map given (${JSON.stringify(map)}) names columns that are not in the file.` : '';
  return new ConnectorError(
    `${file}: this CSV is not a bank layout MesInfos knows (${known}).${tried} ${found} ` +
      `Say which column is which with a map, e.g. { "date": "Date", "label": "Libellé", "amount": "Montant" } ` +
      `or { "date": "Date", "label": "Libellé", "debit": "Débit", "credit": "Crédit" } (optional: valueDate, memo, currency, category, balance, account, dateOrder: "mdy").`,
    { file, line: 1, field: 'header' },
    columns.join(' | '),
  );
}

/** `31/12/2025`, `31.12.25`, `31-12-2025` in the layout's order, or ISO `2025-12-31`. */
export function parseCsvDate(text: string, order: 'dmy' | 'mdy'): string | null {
  const s = text.trim().replace(/^="?|"$/g, '');
  let y: number, mo: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(s);
  const m = iso ? null : /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (m) {
    [d, mo] = order === 'dmy' ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
    y = Number(m[3]);
    if (m[3]!.length === 2) y += y < 70 ? 2000 : 1900;
  } else return null;
  const date = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isRealDate(date) ? date : null;
}
