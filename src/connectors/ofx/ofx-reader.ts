import { DecimalParseError, isKnownCurrency, toMoney, type Money } from '../../domain/money.ts';
import { ConnectorError, type ConnectorContext, type ConnectorRecord } from '../connector.ts';
import { AccountCollector, OccurrenceRefs, UniqueRefs } from '../util/bank-dedup.ts';
import { sourceSlug } from '../util/content-ref.ts';
import { parseOfxDate, type OfxDate } from './ofx-date.ts';
import type { SgmlToken } from './sgml-tokenizer.ts';

/**
 * Turns OFX tokens (see SgmlTokenizer) into `bank.account` and `bank.transaction` records,
 * one statement at a time: a transaction is emitted as soon as its `</STMTTRN>` (or the
 * next tag that implies it) is read; the accounts at the end of the file, with their
 * balances (an account in several statements is yielded once). Only the open aggregates and the current transaction are held in memory.
 *
 * Elements are classified as aggregates (listed below) or leaves (a tag followed by
 * text, closed or not). An unknown tag followed by another tag is kept as a transparent
 * aggregate, so its leaves do not leak into the enclosing known aggregate.
 *
 * Covers OFX 1.x/2.x bank (STMTRS) and credit-card (CCSTMTRS) statements, QFX (Intuit
 * `INTU.*` leaves are ignored) and Microsoft OFC (ACCTSTMT/ACCTFROM, LEDGER). Other
 * message sets (investment, signup, securities list) are skipped with a warning.
 */
const AGGREGATES = new Set([
  'OFX', 'OFC', 'SIGNONMSGSRSV1', 'SONRS', 'STATUS', 'FI', 'BANKMSGSRSV1', 'STMTTRNRS', 'STMTRS',
  'BANKACCTFROM', 'BANKACCTTO', 'BANKTRANLIST', 'STMTTRN', 'LEDGERBAL', 'AVAILBAL', 'CREDITCARDMSGSRSV1',
  'CCSTMTTRNRS', 'CCSTMTRS', 'CCACCTFROM', 'CCACCTTO', 'PAYEE', 'CURRENCY', 'ORIGCURRENCY', 'BALLIST', 'BAL',
  'ACCTSTMT', 'ACCTFROM', 'IMAGEDATA', 'SIGNONMSGSRQV1', 'SONRQ', 'BANKMSGSRQV1', 'STMTTRNRQ', 'STMTRQ',
]);
/** Closed aggregates kept in their parent, for the parent's close to read. */
const KEPT = new Set(['STATUS', 'FI', 'PAYEE', 'CURRENCY', 'ORIGCURRENCY', 'LEDGERBAL', 'AVAILBAL', 'BANKACCTTO', 'CCACCTTO']);
const STATEMENTS = new Set(['STMTRS', 'CCSTMTRS', 'ACCTSTMT']);
const ACCOUNTS = new Set(['BANKACCTFROM', 'CCACCTFROM', 'ACCTFROM']);
const HANDLED_MSGSETS = new Set(['SIGNONMSGSRSV1', 'BANKMSGSRSV1', 'CREDITCARDMSGSRSV1']);

interface Frame {
  name: string;
  known: boolean;
  skip: boolean;
  line: number;
  fields: Map<string, string>;
  kept: Map<string, Frame>;
}

interface Statement {
  frame: Frame;
  creditCard: boolean;
  line: number;
  currency?: string;
  account?: { accountId: string; bankId?: string; branchId?: string; accountType: string };
  dtEnd?: OfxDate;
  ledger?: string;
  balances: { amount: Money; at: string; kind: 'booked' | 'available' }[];
  balanceDates: string[];
  transactions: number;
  lastInstant?: string;
}

type AccountType = 'checking' | 'savings' | 'credit_card' | 'loan' | 'investment' | 'money_market' | 'other';
const ACCOUNT_TYPES: Record<string, AccountType> = {
  CHECKING: 'checking', SAVINGS: 'savings', MONEYMRKT: 'money_market', CREDITLINE: 'loan', CD: 'savings',
  // Microsoft OFC numeric codes
  '0': 'checking', '1': 'savings', '2': 'credit_card', '3': 'money_market', '4': 'loan',
};

export class OfxReader {
  readonly #stack: Frame[] = [];
  #pending: { name: string; line: number } | null = null;
  #stmt: Statement | null = null;
  #institution: string | undefined;
  #serverDate: OfxDate | undefined;
  #sawRoot = false;
  #statements = 0;
  readonly #fitids = new UniqueRefs();
  readonly #refs = new OccurrenceRefs();
  readonly #accounts = new AccountCollector();
  readonly #warned = new Set<string>();
  #out: ConnectorRecord[] = [];

  constructor(
    private readonly file: string,
    private readonly ctx: ConnectorContext,
  ) {}

  get timeZone(): string {
    return this.ctx.options.timeZone ?? 'Europe/Paris';
  }

  /** Consumes tokens; returns the records they completed. */
  feed(tokens: readonly SgmlToken[]): ConnectorRecord[] {
    for (const t of tokens) {
      if (t.kind === 'open') this.#open(t.name, t.line);
      else if (t.kind === 'close') this.#close(t.name, t.line);
      else if (this.#pending) {
        const p = this.#pending;
        this.#pending = null;
        this.#leaf(p.name, t.text.trim(), p.line);
      }
    }
    return this.#flush();
  }

  /** Ends the file: closes what the file left open, or reports a truncation. */
  finish(lastLine: number): ConnectorRecord[] {
    if (!this.#sawRoot) throw new ConnectorError(`${this.file}: no <OFX> element found; this is not an OFX statement`, { file: this.file, element: 'OFX' });
    if (this.#stack.length > 0) {
      const inTx = this.#stack.find((f) => f.name === 'STMTTRN');
      if (inTx || this.#stack.some((f) => f.name === 'BANKTRANLIST') || this.#pending) {
        const where = inTx ?? this.#stack[this.#stack.length - 1]!;
        throw new ConnectorError(
          `${this.file}, line ${lastLine}: the file ends inside <${where.name}> opened at line ${where.line}; it looks truncated`,
          { file: this.file, line: lastLine, element: where.name },
        );
      }
      this.#warnOnce(`${this.file}: the file ends without closing <${this.#stack[0]!.name}>; the statements read so far were kept`);
      while (this.#stack.length > 0) this.#pop(lastLine);
    }
    if (this.#statements === 0) this.#warnOnce(`${this.file}: the OFX file holds no bank or credit-card statement`);
    this.#out.push(...this.#accounts.records());
    return this.#flush();
  }

  #flush(): ConnectorRecord[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }

  #warnOnce(message: string): void {
    if (this.#warned.has(message) || this.#warned.size > 50) return;
    this.#warned.add(message);
    this.ctx.warn(message);
  }

  #open(name: string, line: number): void {
    this.#settlePending();
    if (name === 'OFX' || name === 'OFC') this.#sawRoot = true;
    if (AGGREGATES.has(name) || /MSGSR[SQ]V\d$/.test(name)) {
      const skip = /MSGSR[SQ]V\d$/.test(name) && !HANDLED_MSGSETS.has(name);
      if (skip && name.endsWith('RSV1') && !this.#skipping()) this.#warnOnce(`${this.file}: <${name}> (not a bank or card statement) was skipped`);
      this.#stack.push({ name, known: !skip, skip, line, fields: new Map(), kept: new Map() });
      if (STATEMENTS.has(name) && !this.#stmt && !this.#skipping()) {
        this.#stmt = { frame: this.#stack[this.#stack.length - 1]!, creditCard: name === 'CCSTMTRS', line, balances: [], balanceDates: [], transactions: 0 };
        this.#statements++;
      }
      return;
    }
    this.#pending = { name, line };
  }

  /** A tag that got no text: an empty leaf, or an unknown aggregate. */
  #settlePending(): void {
    const p = this.#pending;
    if (!p) return;
    this.#pending = null;
    if (!LEAF_NAMES.has(p.name)) this.#stack.push({ name: p.name, known: false, skip: false, line: p.line, fields: new Map(), kept: new Map() });
  }

  #close(name: string, line: number): void {
    if (this.#pending) {
      if (this.#pending.name === name) {
        this.#pending = null;
        return;
      }
      this.#pending = null; // an empty, unclosed leaf ended by its parent's close
    }
    const at = this.#stack.map((f) => f.name).lastIndexOf(name);
    if (at < 0) return; // the optional close of a leaf
    while (this.#stack.length > at) this.#pop(line);
  }

  #skipping(): boolean {
    return this.#stack.some((f) => f.skip);
  }

  #parent(): Frame | undefined {
    for (let i = this.#stack.length - 1; i >= 0; i--) if (this.#stack[i]!.known) return this.#stack[i];
    return undefined;
  }

  #leaf(name: string, value: string, line: number): void {
    if (this.#skipping()) return;
    const frame = this.#parent();
    if (!frame) return;
    if (!frame.fields.has(name)) frame.fields.set(name, value);
    if (name === 'DTSERVER' && !this.#serverDate) this.#serverDate = this.#date(value, line, 'DTSERVER') ?? undefined;
    const stmt = this.#stmt;
    if (!stmt) return;
    if (name === 'CURDEF' && (frame.name === 'STMTRS' || frame.name === 'CCSTMTRS')) stmt.currency = this.#currency(value, line, 'CURDEF');
    else if (name === 'DTEND' && frame.name === 'BANKTRANLIST') stmt.dtEnd = this.#date(value, line, 'DTEND') ?? undefined;
    else if (name === 'LEDGER' && frame.name === 'STMTRS') stmt.ledger = value;
  }

  #pop(line: number): void {
    const frame = this.#stack.pop()!;
    if (!frame.known || this.#skipping()) return;
    const parent = this.#parent();
    if (KEPT.has(frame.name) && parent && !parent.kept.has(frame.name)) parent.kept.set(frame.name, frame);
    const stmt = this.#stmt;
    switch (frame.name) {
      case 'SONRS':
        return this.#signOn(frame);
      case 'FI':
        this.#institution = frame.fields.get('ORG') || frame.fields.get('FID') || undefined;
        return;
      case 'STMTTRNRS':
      case 'CCSTMTTRNRS': {
        const status = frame.kept.get('STATUS');
        const code = status?.fields.get('CODE');
        if (code && code !== '0')
          this.#warnOnce(`${this.file}, line ${frame.line}: the bank reported status ${code} for a statement${msg(status)}`);
        return;
      }
      case 'STMTTRN':
        if (stmt) this.#transaction(stmt, frame);
        return;
      case 'LEDGERBAL':
      case 'AVAILBAL':
        if (stmt) this.#balance(stmt, frame, frame.name === 'LEDGERBAL' ? 'booked' : 'available');
        return;
    }
    if (ACCOUNTS.has(frame.name) && stmt && !stmt.account) {
      const f = frame.fields;
      const accountId = f.get('ACCTID');
      if (!accountId) throw this.#error(frame.line, frame.name, 'ACCTID', 'an account number (ACCTID)');
      const type = stmt.creditCard || frame.name === 'CCACCTFROM' ? 'credit_card' : (ACCOUNT_TYPES[f.get('ACCTTYPE') ?? ''] ?? 'checking');
      stmt.account = { accountId, accountType: type, ...opt('bankId', f.get('BANKID')), ...opt('branchId', f.get('BRANCHID')) };
      return;
    }
    if (stmt && frame === stmt.frame) this.#endStatement(stmt, line);
  }

  #signOn(frame: Frame): void {
    const status = frame.kept.get('STATUS');
    const code = status?.fields.get('CODE');
    if (code !== undefined && code !== '0')
      throw new ConnectorError(
        `${this.file}, line ${status!.line}: the bank refused the sign-on (OFX status ${code}${msg(status)}); the file holds no statement`,
        { file: this.file, line: status!.line, element: 'SONRS/STATUS', field: 'CODE' },
      );
  }

  #source(stmt: Statement): string {
    const bankId = stmt.account?.bankId;
    const slug = bankId ? sourceSlug(bankId) : '';
    return slug ? `ofx:${slug}` : 'ofx';
  }

  #transaction(stmt: Statement, frame: Frame): void {
    const f = frame.fields;
    const account = stmt.account;
    if (!account) throw this.#error(frame.line, 'STMTTRN', 'BANKACCTFROM', 'the account (BANKACCTFROM or CCACCTFROM) before the transactions');
    const posted = f.get('DTPOSTED');
    if (!posted) throw this.#error(frame.line, 'STMTTRN', 'DTPOSTED', 'a posting date (DTPOSTED)');
    const date = this.#date(posted, frame.line, 'DTPOSTED');
    if (!date) throw this.#error(frame.line, 'STMTTRN', 'DTPOSTED', `a date like 20250312 or 20250312143000[+1:CET], not "${posted}"`);
    const cur = frame.kept.get('CURRENCY');
    const currency = cur?.fields.get('CURSYM') ? this.#currency(cur.fields.get('CURSYM')!, cur.line, 'CURSYM') : this.#stmtCurrency(stmt);
    const amountText = f.get('TRNAMT');
    if (!amountText) throw this.#error(frame.line, 'STMTTRN', 'TRNAMT', 'an amount (TRNAMT)');
    const amount = this.#money(amountText, currency, frame.line, 'TRNAMT');
    const payee = frame.kept.get('PAYEE')?.fields.get('NAME');
    const name = f.get('NAME') || payee || '';
    const memo = f.get('MEMO') || undefined;
    const label = name || memo || f.get('TRNTYPE') || '';
    const user = f.get('DTUSER') ? this.#date(f.get('DTUSER')!, frame.line, 'DTUSER') : null;
    const rate = (cur ?? frame.kept.get('ORIGCURRENCY'))?.fields.get('CURRATE')?.replace(',', '.');
    const data: Record<string, unknown> = {
      accountRef: account.accountId,
      amount,
      bookingDate: date.date,
      label,
      ...opt('valueDate', user?.date),
      ...opt('memo', name ? memo : undefined),
      ...opt('transactionType', f.get('TRNTYPE')),
      ...opt('checkNumber', f.get('CHECKNUM')),
      ...opt('reference', f.get('REFNUM')),
      ...opt('exchangeRate', rate && /^\d+(\.\d+)?$/.test(rate) ? rate : undefined),
    };
    const rec: ConnectorRecord = {
      type: 'bank.transaction',
      source: this.#source(stmt),
      sourceRef: this.#transactionRef(account.accountId, f.get('FITID') ?? '', [date.date, amount.amountMinor, amount.currency, label, memo, f.get('CHECKNUM')]),
      occurredAt: date.instant,
      data,
      location: `line ${frame.line}`,
    };
    if (date.offset) rec.occurredOffset = date.offset;
    stmt.transactions++;
    if (!stmt.lastInstant || date.instant > stmt.lastInstant) stmt.lastInstant = date.instant;
    this.#out.push(rec);
  }

  /**
   * FITID is unique per account only, so the ref is `<account>:<FITID>`. An empty FITID
   * falls back to a content hash plus occurrence; a FITID repeated within one account
   * of one file (a bank bug) keeps both, the later ones suffixed `#2`, `#3`…
   */
  #transactionRef(accountId: string, fitid: string, content: readonly (string | number | undefined)[]): string {
    if (!fitid) return `${accountId}:${this.#refs.next([accountId, ...content])}`;
    const { ref, repeated } = this.#fitids.claim(accountId, fitid);
    if (repeated) this.#warnOnce(`${this.file}: FITID "${fitid}" appears more than once in account ${accountId}; each occurrence was kept`);
    return `${accountId}:${ref}`;
  }

  #balance(stmt: Statement, frame: Frame, kind: 'booked' | 'available'): void {
    const amt = frame.fields.get('BALAMT');
    if (!amt) return;
    const at = frame.fields.get('DTASOF');
    const date = at ? this.#date(at, frame.line, 'DTASOF') : null;
    if (!date) throw this.#error(frame.line, frame.name, 'DTASOF', 'the date of the balance (DTASOF)');
    stmt.balances.push({ amount: this.#money(amt, this.#stmtCurrency(stmt), frame.line, 'BALAMT'), at: date.hasTime ? date.instant : date.date, kind });
    stmt.balanceDates.push(date.instant);
  }

  #endStatement(stmt: Statement, line: number): void {
    this.#stmt = null;
    const account = stmt.account;
    if (!account) throw this.#error(stmt.line, stmt.frame.name, 'BANKACCTFROM', 'an account (BANKACCTFROM, CCACCTFROM or ACCTFROM) in the statement');
    if (stmt.transactions === 0) this.#warnOnce(`${this.file}, line ${stmt.line}: the statement of account ${account.accountId} holds no transaction`);
    const currency = this.#stmtCurrency(stmt);
    if (stmt.ledger && stmt.balances.length === 0) {
      const at = stmt.dtEnd ?? this.#serverDate;
      if (at) stmt.balances.push({ amount: this.#money(stmt.ledger, currency, stmt.line, 'LEDGER'), at: at.hasTime ? at.instant : at.date, kind: 'booked' });
    }
    const occurredAt = stmt.balanceDates[0] ?? stmt.dtEnd?.instant ?? this.#serverDate?.instant ?? stmt.lastInstant;
    if (!occurredAt) throw this.#error(line, stmt.frame.name, 'DTASOF', 'a date for the statement (LEDGERBAL/DTASOF, DTEND or DTSERVER)');
    this.#accounts.add({
      type: 'bank.account',
      source: this.#source(stmt),
      sourceRef: account.accountId,
      occurredAt,
      data: {
        accountId: account.accountId,
        ...opt('bankId', account.bankId),
        ...opt('branchId', account.branchId),
        ...opt('institution', this.#institution),
        accountType: account.accountType,
        currency,
        balances: stmt.balances,
      },
      location: `line ${stmt.line}`,
    });
  }

  #stmtCurrency(stmt: Statement): string {
    if (stmt.currency) return stmt.currency;
    this.#warnOnce(`${this.file}, line ${stmt.line}: the statement gives no currency (CURDEF); EUR was assumed`);
    return (stmt.currency = 'EUR');
  }

  #currency(value: string, line: number, field: string): string {
    const c = value.trim().toUpperCase();
    if (!isKnownCurrency(c)) throw this.#error(line, field, field, `an ISO 4217 currency code such as EUR, not "${value}"`);
    return c;
  }

  #money(text: string, currency: string, line: number, field: string): Money {
    try {
      return toMoney(text, currency);
    } catch (e) {
      if (e instanceof DecimalParseError) throw this.#error(line, field, field, `an amount like -42.50, not "${text}"`, e.message);
      throw e;
    }
  }

  #date(text: string, line: number, field: string): OfxDate | null {
    const d = parseOfxDate(text, this.timeZone);
    if (d?.warning) this.#warnOnce(`${this.file}, line ${line}, ${field}: ${d.warning}`);
    return d;
  }

  #error(line: number, element: string, field: string, expected: string, detail?: string): ConnectorError {
    return new ConnectorError(`${this.file}, line ${line}, <${element}>: expected ${expected}`, { file: this.file, line, element, field }, detail);
  }
}

/** Leaves that may legitimately be empty (`<MEMO>` then another tag). */
const LEAF_NAMES = new Set([
  'CODE', 'SEVERITY', 'MESSAGE', 'DTSERVER', 'LANGUAGE', 'DTPROFUP', 'DTACCTUP', 'ORG', 'FID', 'SESSCOOKIE', 'TRNUID',
  'CLTCOOKIE', 'CURDEF', 'BANKID', 'BRANCHID', 'ACCTID', 'ACCTTYPE', 'ACCTKEY', 'DTSTART', 'DTEND', 'TRNTYPE', 'DTPOSTED',
  'DTUSER', 'DTAVAIL', 'TRNAMT', 'FITID', 'CORRECTFITID', 'CORRECTACTION', 'SRVRTID', 'CHECKNUM', 'REFNUM', 'SIC',
  'PAYEEID', 'NAME', 'EXTDNAME', 'MEMO', 'INV401KSOURCE', 'CURRATE', 'CURSYM', 'BALAMT', 'DTASOF', 'MKTGINFO', 'LEDGER',
  'CLTID', 'DESC', 'BALTYPE', 'VALUE', 'ADDR1', 'ADDR2', 'ADDR3', 'CITY', 'STATE', 'POSTALCODE', 'COUNTRY', 'PHONE',
  'USERID', 'USERPASS', 'APPID', 'APPVER', 'DTCLIENT', 'INCLUDE', 'INTU.BID', 'INTU.USERID', 'INTU.ACCTTYPE',
]);

function msg(status: Frame | undefined): string {
  const m = status?.fields.get('MESSAGE');
  return m ? `: ${m}` : '';
}

function opt<K extends string, V>(key: K, value: V | undefined | null | ''): { [P in K]?: V } {
  return value === undefined || value === null || value === '' ? {} : ({ [key]: value } as { [P in K]?: V });
}
