import { DecimalParseError, formatMoneyDecimal, isKnownCurrency, toMoney, type Money } from '../../domain/money.ts';
import { DEFAULT_TIME_ZONE, localDateStart } from '../../domain/time.ts';
import { ConnectorError, type Connector, type ConnectorRecord } from '../connector.ts';
import { OccurrenceRefs } from '../util/bank-dedup.ts';
import { headText } from '../util/text.ts';
import { DateOrderVotes, parseQifDate, type DateOrder } from './qif-date.ts';
import { qifEvents, type QifField } from './qif-lines.ts';

/**
 * Quicken Interchange Format (QIF): `!Type:Bank`, `CCard`, `Cash`, `Oth A`, `Oth L`
 * sections of transactions, `!Account` blocks naming the account the next section
 * belongs to (several accounts per file; AutoSwitch lists too).
 *
 * Two streaming passes (memory stays flat): the first decides, from ALL the file's
 * dates, the day/month order (see qif-date.ts) and the decimal mark; the second yields.
 *
 * - `source` `qif`; accountRef is the `!Account` name, else `qif-<type>` (or
 *   `options.map.account`), with a warning, since the file does not say which account.
 * - Currency: QIF has none; `options.map.currency`, else EUR.
 * - Splits (S/E/$): the main transaction (T) is kept; its split lines are appended to
 *   the memo ("Split: Alimentation -30.00 (courses)"), not imported as transactions.
 * - `Opening Balance` transactions to the account itself become the account's opening
 *   balance. Investment (`!Type:Invst`) records are skipped with a warning; category,
 *   class and memorized lists are not transactions and are ignored.
 * - sourceRef: `<account>:h:<hash of date, amount, payee, number>:<occurrence>`; memo and
 *   category are left out of the hash because people edit them between exports.
 */
const TRANSACTION_SECTIONS: Record<string, 'checking' | 'credit_card' | 'other' | 'loan'> = { Bank: 'checking', CCard: 'credit_card', Cash: 'other', 'Oth A': 'other', 'Oth L': 'loan' };
const ACCOUNT_TYPES: Record<string, 'checking' | 'savings' | 'credit_card' | 'other' | 'loan' | 'investment'> = {
  bank: 'checking', ccard: 'credit_card', cash: 'other', 'oth a': 'other', 'oth l': 'loan', invst: 'investment', port: 'investment', mutual: 'investment', '401(k)/403(b)': 'investment',
};

interface AccountInfo {
  name: string;
  type: string;
  description?: string;
  balances: { amount: Money; at: string; kind: 'opening' | 'booked' }[];
  lastDate?: string;
  transactions: number;
}

export const qifConnector: Connector = {
  id: 'qif',
  label: 'Quicken QIF',
  recognize(input) {
    const first = headText(input, 4096).split(/\r\n|\r|\n/).find((l) => l.trim() !== '')?.trim() ?? '';
    if (/^!Type\s*:\s*(Bank|CCard|Cash|Oth [AL]|Invst)\s*$/i.test(first)) return { confidence: 0.95, reason: `QIF header ${first}` };
    if (/^!(Account|Option:AutoSwitch|Clear:AutoSwitch|Type\s*:)/i.test(first)) return { confidence: 0.9, reason: `QIF header ${first}` };
    return { confidence: 0, reason: 'no QIF "!Type:" or "!Account" header' };
  },
  async *read(input, ctx) {
    const file = input.name;
    const err = (line: number, field: string, expected: string, detail?: string) =>
      new ConnectorError(`${file}, line ${line}, field ${field}: expected ${expected}`, { file, line, field }, detail);
    const currency = (ctx.options.map?.currency ?? 'EUR').toUpperCase();
    if (!isKnownCurrency(currency)) throw new ConnectorError(`options.map.currency "${currency}" is not an ISO 4217 currency code`, { field: 'currency' });
    const timeZone = ctx.options.timeZone ?? DEFAULT_TIME_ZONE;

    // Pass 1: the day/month order and the decimal mark, from the whole file.
    const votes = new DateOrderVotes();
    let dotDecimal = 0;
    let commaDecimal = 0;
    for await (const ev of qifEvents(input)) {
      if (ev.kind !== 'record' || !(ev.section in TRANSACTION_SECTIONS || ev.section === 'Invst')) continue;
      for (const f of ev.fields) {
        if (f.code === 'D') votes.add(f.value, f.line);
        else if (f.code === 'T' || f.code === 'U' || f.code === '$') {
          const v = f.value.replace(/[\s\u00a0\u202f]/g, '');
          if (/\.\d{1,2}$/.test(v) || /,\d{3}\./.test(v)) dotDecimal++;
          else if (/,\d{1,2}$/.test(v) || /\.\d{3},/.test(v)) commaDecimal++;
        }
      }
    }
    const decided = votes.decide();
    if ('conflict' in decided)
      throw err(decided.conflict[1], 'D', `one day/month order for the whole file, but line ${decided.conflict[0]} is day-first and line ${decided.conflict[1]} is month-first`);
    const order: DateOrder = decided.order;
    if (!decided.proven) ctx.warn(`${file}: no date tells whether it is day/month or month/day; read as day/month (dd/mm/yyyy)`);
    const mark: '.' | ',' | undefined = dotDecimal > 0 && commaDecimal === 0 ? '.' : commaDecimal > 0 && dotDecimal === 0 ? ',' : undefined;

    // Pass 2: the records.
    const refs = new OccurrenceRefs();
    const accounts = new Map<string, AccountInfo>();
    let current: AccountInfo | undefined;
    let defaulted = false;
    let skippedInvst = 0;
    const money = (f: QifField): Money => {
      try {
        return toMoney(f.value, currency, mark);
      } catch (e) {
        if (e instanceof DecimalParseError) throw err(f.line, f.code, `an amount like -1,234.56 or -1 234,56, not "${f.value}"`, e.message);
        throw e;
      }
    };
    const accountFor = (section: string): AccountInfo => {
      if (current) return current;
      const name = ctx.options.map?.account ?? `qif-${section.toLowerCase().replace(/\s+/g, '-')}`;
      if (!defaulted && !ctx.options.map?.account) ctx.warn(`${file}: the file names no account (!Account); its transactions were put in account "${name}" — pass map.account to name it`);
      defaulted = true;
      let a = accounts.get(name);
      if (!a) accounts.set(name, (a = { name, type: TRANSACTION_SECTIONS[section] ?? 'other', balances: [], transactions: 0 }));
      return a;
    };

    for await (const ev of qifEvents(input)) {
      if (ev.kind === 'header') continue;
      const get = (code: string) => ev.fields.find((f) => f.code === code);
      if (ev.section === 'Account') {
        const name = get('N')?.value.trim();
        if (!name) throw err(ev.line, 'N', 'an account name (N) in the !Account block');
        let a = accounts.get(name);
        if (!a) {
          const t = get('T')?.value.trim().toLowerCase() ?? 'bank';
          accounts.set(name, (a = { name, type: ACCOUNT_TYPES[t] ?? 'other', balances: [], transactions: 0 }));
        }
        const desc = get('D')?.value.trim();
        if (desc) a.description = desc;
        current = a;
        continue;
      }
      if (ev.section === 'Invst') {
        skippedInvst++;
        continue;
      }
      if (!(ev.section in TRANSACTION_SECTIONS)) continue;
      if (!ev.terminated) ctx.warn(`${file}, line ${ev.line}: the last record has no closing "^"; it was read anyway`);
      const account = accountFor(ev.section);
      const d = get('D');
      if (!d) throw err(ev.line, 'D', 'a date (D line) in the transaction');
      const date = parseQifDate(d.value, order);
      if (!date) throw err(d.line, 'D', `a date like ${order === 'dmy' ? '25/12/2024' : '12/25/2024'}, not "${d.value}"`);
      const amountField = get('T') ?? get('U');
      if (!amountField) throw err(ev.line, 'T', 'an amount (T line) in the transaction');
      const amount = money(amountField);
      const payee = get('P')?.value.trim() ?? '';
      const category = get('L')?.value.trim();
      if (/^opening balance$/i.test(payee) && category === `[${account.name}]`) {
        account.balances.push({ amount, at: date, kind: 'opening' });
        continue;
      }
      const memo = get('M')?.value.trim() || undefined;
      const number = get('N')?.value.trim() || undefined;
      const splits = splitsOf(ev.fields, money);
      const memoText = [memo, splits].filter(Boolean).join(' | ') || undefined;
      const transfer = category && /^\[.*\]$/.test(category) ? category.slice(1, -1) : undefined;
      account.transactions++;
      if (!account.lastDate || date > account.lastDate) account.lastDate = date;
      yield {
        type: 'bank.transaction',
        source: 'qif',
        sourceRef: `${account.name}:${refs.next([account.name, date, amount.amountMinor, amount.scale, payee, number])}`,
        occurredAt: localDateStart(date, timeZone).instant,
        data: {
          accountRef: account.name,
          amount,
          bookingDate: date,
          label: payee || memo || '',
          ...(memoText && (payee || splits) ? { memo: memoText } : {}),
          ...(number && /^\d+$/.test(number) ? { checkNumber: number } : number ? { transactionType: number } : {}),
          ...(category && !transfer ? { category } : {}),
          ...(transfer ? { counterparty: { name: transfer } } : {}),
        },
        location: `line ${ev.line}`,
      } satisfies ConnectorRecord;
    }
    if (skippedInvst > 0) ctx.warn(`${file}: ${skippedInvst} investment transactions (!Type:Invst) were not imported`);
    for (const a of accounts.values()) {
      const at = a.lastDate ?? a.balances[0]?.at;
      if (!at) {
        ctx.warn(`${file}: account "${a.name}" has no transaction and no date; it was not imported`);
        continue;
      }
      yield {
        type: 'bank.account',
        source: 'qif',
        sourceRef: a.name,
        occurredAt: localDateStart(at, timeZone).instant,
        data: { accountId: a.name, name: a.description ?? a.name, accountType: a.type, currency, balances: a.balances },
      };
    }
  },
};

/** "Split: Alimentation -30.00 (courses); Maison -20.00" from the S/E/$ lines, or ''. */
function splitsOf(fields: readonly QifField[], money: (f: QifField) => Money): string {
  const parts: { cat?: string; memo?: string; amount?: string }[] = [];
  for (const f of fields) {
    if (f.code === 'S') parts.push({ cat: f.value.trim() });
    else if (f.code === 'E' || f.code === '$') {
      if (parts.length === 0 || (f.code === 'E' ? parts.at(-1)!.memo : parts.at(-1)!.amount) !== undefined) parts.push({});
      const p = parts.at(-1)!;
      if (f.code === 'E') p.memo = f.value.trim();
      else p.amount = formatMoneyDecimal(money(f));
    }
  }
  if (parts.length === 0) return '';
  return 'Split: ' + parts.map((p) => [p.cat, p.amount].filter(Boolean).join(' ') + (p.memo ? ` (${p.memo})` : '')).join('; ');
}
