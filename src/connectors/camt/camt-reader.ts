import { SaxesParser } from 'saxes';
import { DecimalParseError, isKnownCurrency, toMoney, type Money } from '../../domain/money.ts';
import { ConnectorError, type ConnectorContext, type ConnectorRecord } from '../connector.ts';
import { AccountCollector, OccurrenceRefs, UniqueRefs } from '../util/bank-dedup.ts';
import { localName } from '../util/xml-stream.ts';
import { parseIsoDate, type IsoDate } from './camt-date.ts';
import { newDetail, newEntry, setDetailField, setEntryField, type CamtAmount, type CamtDetail, type CamtEntry } from './camt-entry.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/time.ts';

/**
 * Streams an ISO 20022 CAMT.053 statement (and CAMT.052 report / CAMT.054 notification,
 * which share the structure) through saxes, any version 001.02 … 001.08 and later: the
 * element names it reads did not change, only `Sts` became `<Sts><Cd>BOOK</Cd></Sts>` and
 * party names moved under `Pty` in v08 — both are read.
 *
 * One `bank.account` per account (at the end of the file, with the Bal of all its
 * Stmt/Rpt/Ntfctn — daily statements of one account give one record), one
 * `bank.transaction` per Ntry — or per TxDtls when a batch entry has several TxDtls
 * each with its own amount (never both). Memory holds one entry and its details.
 */
const CONTAINERS = new Set(['Stmt', 'Rpt', 'Ntfctn']);
const BALANCE_KINDS: Record<string, 'opening' | 'closing' | 'available' | 'interim' | 'booked' | 'other'> = {
  OPBD: 'opening', PRCD: 'opening', CLBD: 'closing', CLAV: 'available', OPAV: 'available', ITBD: 'interim', ITAV: 'interim', FWAV: 'other', XPCD: 'other', INFO: 'other',
};

interface Statement {
  line: number;
  iban?: string;
  otherId?: string;
  currency?: string;
  name?: string;
  holder?: string;
  bic?: string;
  institution?: string;
  created?: string;
  balances: { amount: Money; at: string; kind: string; instant: string }[];
  entries: number;
}

interface Balance {
  line: number;
  code?: string;
  amount?: CamtAmount;
  creditDebit?: string;
  date?: string;
}

export class CamtReader {
  readonly #parser = new SaxesParser({ position: true });
  readonly #path: string[] = [];
  readonly #ccy: (string | undefined)[] = [];
  #text = '';
  #containerDepth = -1;
  #stmt: Statement | null = null;
  #balance: Balance | null = null;
  #entry: CamtEntry | null = null;
  #detail: CamtDetail | null = null;
  #root: string | undefined;
  #containers = 0;
  #skippedInfo = 0;
  readonly #refs = new OccurrenceRefs();
  readonly #accounts = new AccountCollector();
  readonly #unique = new UniqueRefs();
  #out: ConnectorRecord[] = [];
  #started = false;

  constructor(
    private readonly file: string,
    private readonly ctx: ConnectorContext,
  ) {
    const p = this.#parser;
    p.on('opentag', (t) => {
      const name = localName(t.name);
      this.#path.push(name);
      const ccy = t.attributes['Ccy'];
      this.#ccy.push(typeof ccy === 'string' ? ccy : undefined);
      this.#text = '';
      this.#open(name);
    });
    p.on('text', (s) => (this.#text += s));
    p.on('cdata', (s) => (this.#text += s));
    p.on('closetag', () => {
      const text = this.#text.trim();
      this.#text = '';
      this.#close(text, this.#ccy[this.#ccy.length - 1]);
      this.#path.pop();
      this.#ccy.pop();
    });
    p.on('error', (e) => {
      throw new ConnectorError(`${this.file}, line ${p.line}: this is not well-formed XML`, { file: this.file, line: p.line }, e.message);
    });
  }

  get #tz(): string {
    return this.ctx.options.timeZone ?? DEFAULT_TIME_ZONE;
  }

  write(chunk: string): ConnectorRecord[] {
    if (!this.#started) {
      // As in xml-stream: saxes refuses anything before `<?xml`, but real exports have
      // blank lines (and a BOM) there.
      chunk = chunk.replace(/^[\s\ufeff]+/, '');
      if (chunk === '') return [];
      this.#started = true;
    }
    this.#parser.write(chunk);
    return this.#flush();
  }

  end(): ConnectorRecord[] {
    this.#parser.close();
    if (!this.#root || this.#containers === 0)
      throw new ConnectorError(
        `${this.file}: no statement found — expected a CAMT document with BkToCstmrStmt/Stmt, BkToCstmrAcctRpt/Rpt or BkToCstmrDbtCdtNtfctn/Ntfctn${this.#root ? `, found <${this.#root}>` : ''}`,
        { file: this.file, element: 'Stmt' },
      );
    if (this.#skippedInfo > 0) this.ctx.warn(`${this.file}: ${this.#skippedInfo} information-only entries (Sts INFO) were not imported`);
    this.#out.push(...this.#accounts.records());
    return this.#flush();
  }

  #flush(): ConnectorRecord[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }

  /** Path below the container (Stmt/Rpt/Ntfctn), or below `from` inside it. */
  #rel(from: number): string {
    return this.#path.slice(from).join('/');
  }

  #open(name: string): void {
    const depth = this.#path.length;
    if (depth === 2) this.#root = name;
    if (depth === 3 && CONTAINERS.has(name) && this.#root?.startsWith('BkToCstmr')) {
      this.#containerDepth = depth;
      this.#containers++;
      this.#stmt = { line: this.#parser.line, balances: [], entries: 0 };
      return;
    }
    if (!this.#stmt || depth !== this.#containerDepth + 1) {
      if (this.#entry && name === 'TxDtls' && this.#rel(this.#containerDepth) === 'Ntry/NtryDtls/TxDtls') this.#detail = newDetail(this.#parser.line);
      return;
    }
    if (name === 'Bal') this.#balance = { line: this.#parser.line };
    else if (name === 'Ntry') this.#entry = newEntry(this.#parser.line);
  }

  #close(text: string, ccy: string | undefined): void {
    const stmt = this.#stmt;
    if (!stmt) return;
    const depth = this.#path.length;
    if (depth === this.#containerDepth) return this.#endStatement(stmt);
    const rel = this.#rel(this.#containerDepth);
    if (this.#detail) {
      if (rel === 'Ntry/NtryDtls/TxDtls') {
        this.#entry!.details.push(this.#detail);
        this.#detail = null;
      } else setDetailField(this.#detail, rel.slice('Ntry/NtryDtls/TxDtls/'.length), text, ccy);
      return;
    }
    if (this.#entry) {
      if (rel === 'Ntry') {
        this.#endEntry(stmt, this.#entry);
        this.#entry = null;
      } else setEntryField(this.#entry, rel.slice('Ntry/'.length), text, ccy);
      return;
    }
    if (this.#balance) {
      const b = this.#balance;
      if (rel === 'Bal') {
        this.#endBalance(stmt, b);
        this.#balance = null;
      } else if (rel === 'Bal/Tp/CdOrPrtry/Cd' || rel === 'Bal/Tp/CdOrPrtry/Prtry') b.code = text;
      else if (rel === 'Bal/Amt') b.amount = { value: text, currency: ccy ?? '' };
      else if (rel === 'Bal/CdtDbtInd') b.creditDebit = text;
      else if (rel === 'Bal/Dt/Dt' || rel === 'Bal/Dt/DtTm') b.date = text;
      return;
    }
    if (rel === 'Acct/Id/IBAN') stmt.iban = text.replace(/\s+/g, '').toUpperCase();
    else if (rel === 'Acct/Id/Othr/Id') stmt.otherId = text;
    else if (rel === 'Acct/Ccy') stmt.currency = text;
    else if (rel === 'Acct/Nm') stmt.name = text;
    else if (rel === 'Acct/Ownr/Nm') stmt.holder = text;
    else if (rel === 'Acct/Svcr/FinInstnId/BIC' || rel === 'Acct/Svcr/FinInstnId/BICFI') stmt.bic = text;
    else if (rel === 'Acct/Svcr/FinInstnId/Nm') stmt.institution = text;
    else if (rel === 'CreDtTm') stmt.created = text;
  }

  #accountId(stmt: Statement, line: number): string {
    const id = stmt.iban ?? stmt.otherId;
    if (!id) throw this.#error(line, 'Acct/Id', 'IBAN', 'the account (Acct/Id/IBAN or Acct/Id/Othr/Id) before the entries');
    return id;
  }

  #endBalance(stmt: Statement, b: Balance): void {
    if (!b.amount || !b.date) throw this.#error(b.line, 'Bal', b.amount ? 'Dt' : 'Amt', 'an amount (Amt) and a date (Dt/Dt or Dt/DtTm) in the balance');
    const date = this.#date(b.date, b.line, 'Bal/Dt');
    const amount = this.#money(b.amount, b.creditDebit, b.line, 'Bal/Amt');
    stmt.balances.push({ amount, at: date.hasTime ? date.instant : date.date, kind: BALANCE_KINDS[b.code ?? ''] ?? 'other', instant: date.instant });
  }

  #endEntry(stmt: Statement, e: CamtEntry): void {
    const status = (e.status ?? 'BOOK').toUpperCase();
    if (status === 'INFO') {
      this.#skippedInfo++;
      return;
    }
    const accountId = this.#accountId(stmt, e.line);
    const dateText = e.bookingDate ?? e.valueDate;
    if (!dateText) throw this.#error(e.line, 'Ntry', 'BookgDt', 'a booking date (BookgDt/Dt) or a value date (ValDt/Dt)');
    const booking = this.#date(dateText, e.line, 'Ntry/BookgDt');
    const value = e.valueDate ? this.#date(e.valueDate, e.line, 'Ntry/ValDt') : undefined;
    if (!e.amount) throw this.#error(e.line, 'Ntry', 'Amt', 'an amount (Amt) in the entry');
    const entryAmount = this.#money(e.amount, e.creditDebit, e.line, 'Ntry/Amt');
    stmt.entries++;
    const bkCode = [e.bankCode.domain, e.bankCode.family, e.bankCode.subFamily].filter(Boolean).join('/') || e.bankCode.proprietary;
    const common = {
      accountRef: accountId,
      bookingDate: booking.date,
      ...opt('valueDate', value?.date),
      status: status === 'PDNG' || status === 'FUTR' ? 'pending' : 'booked',
      ...opt('bankTransactionCode', bkCode),
    };
    const servicerRef = e.servicerRef && e.servicerRef.toUpperCase() !== 'NONREF' ? e.servicerRef : undefined;
    const entryRef = servicerRef ? this.#claim(accountId, servicerRef) : this.#refs.next([accountId, booking.date, value?.date, entryAmount.amountMinor, entryAmount.currency, e.additionalInfo, e.details.map(detailKey).join('|')]);
    const envelope = (sourceRef: string, data: Record<string, unknown>, line: number): ConnectorRecord => {
      const rec: ConnectorRecord = { type: 'bank.transaction', source: 'camt', sourceRef, occurredAt: booking.instant, data: { ...common, ...data }, location: `line ${line}` };
      if (booking.offset) rec.occurredOffset = booking.offset;
      return rec;
    };
    // Per detail only when a batch has several TxDtls that each carry their amount.
    if (e.details.length > 1 && e.details.every((d) => d.amount)) {
      e.details.forEach((d, i) => {
        const amount = this.#money(d.amount!, d.creditDebit ?? e.creditDebit, d.line, 'TxDtls/Amt');
        const own = d.servicerRef && d.servicerRef.toUpperCase() !== 'NONREF' ? d.servicerRef : d.endToEndId && d.endToEndId !== 'NOTPROVIDED' ? d.endToEndId : String(i + 1);
        this.#out.push(envelope(`${accountId}:${entryRef}/${own}`, this.#detailData(d, amount, d.additionalInfo ?? e.additionalInfo), d.line));
      });
      return;
    }
    const only = e.details.length === 1 ? e.details[0] : undefined;
    const data = only ? this.#detailData(only, entryAmount, e.additionalInfo ?? only.additionalInfo) : { amount: entryAmount, label: e.additionalInfo ?? '' };
    if (e.details.length > 1) (data as { memo?: string }).memo = `${e.details.length} transactions in this batch`;
    this.#out.push(envelope(`${accountId}:${entryRef}`, data, e.line));
  }

  #detailData(d: CamtDetail, amount: Money, info: string | undefined): Record<string, unknown> {
    const outflow = amount.amountMinor < 0;
    const cp = outflow
      ? { name: d.creditorName, iban: d.creditorIban, bic: d.creditorBic, creditorId: d.creditorId }
      : { name: d.debtorName, iban: d.debtorIban, bic: d.debtorBic };
    const counterparty = Object.fromEntries(Object.entries(cp).filter(([, v]) => v));
    const ustrd = d.unstructured.join(' ').replace(/\s+/g, ' ').trim() || undefined;
    const label = info ?? cp.name ?? ustrd ?? '';
    const instructed = d.instructedAmount && d.instructedAmount.currency !== amount.currency ? this.#money(d.instructedAmount, outflow ? 'DBIT' : 'CRDT', d.line, 'InstdAmt') : undefined;
    return {
      amount,
      label,
      ...opt('memo', ustrd !== label ? ustrd : undefined),
      ...(Object.keys(counterparty).length > 0 ? { counterparty } : {}),
      ...opt('reference', d.endToEndId && d.endToEndId !== 'NOTPROVIDED' ? d.endToEndId : d.structuredRef),
      ...opt('mandateId', d.mandateId),
      ...opt('originalAmount', instructed),
    };
  }

  #endStatement(stmt: Statement): void {
    this.#stmt = null;
    this.#containerDepth = -1;
    const accountId = this.#accountId(stmt, stmt.line);
    if (stmt.entries === 0) this.ctx.warn(`${this.file}, line ${stmt.line}: the statement of account ${accountId} holds no entry`);
    const currency = this.#currency(stmt.currency ?? stmt.balances[0]?.amount.currency ?? 'EUR', stmt.line, 'Acct/Ccy');
    const closing = stmt.balances.find((b) => b.kind === 'closing') ?? stmt.balances[stmt.balances.length - 1];
    const created = stmt.created ? parseIsoDate(stmt.created, this.#tz) : null;
    const occurredAt = closing?.instant ?? created?.instant;
    if (!occurredAt) throw this.#error(stmt.line, 'Stmt', 'Bal', 'a balance or a creation date (CreDtTm) to date the statement');
    this.#accounts.add({
      type: 'bank.account',
      source: 'camt',
      sourceRef: accountId,
      occurredAt,
      data: {
        accountId,
        ...opt('iban', stmt.iban && /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(stmt.iban) ? stmt.iban : undefined),
        ...opt('bic', stmt.bic && /^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(stmt.bic) ? stmt.bic : undefined),
        ...opt('institution', stmt.institution),
        ...opt('name', stmt.name),
        ...opt('holder', stmt.holder),
        currency,
        balances: stmt.balances.map(({ amount, at, kind }) => ({ amount, at, kind })),
      },
      location: `line ${stmt.line}`,
    });
  }

  #claim(accountId: string, ref: string): string {
    const { ref: out, repeated } = this.#unique.claim(accountId, ref);
    if (repeated) this.ctx.warn(`${this.file}: AcctSvcrRef "${ref}" appears more than once for account ${accountId}; each entry was kept`);
    return out;
  }

  #currency(c: string, line: number, field: string): string {
    if (!isKnownCurrency(c)) throw this.#error(line, field, field, `an ISO 4217 currency code such as EUR, not "${c}"`);
    return c;
  }

  #money(a: CamtAmount, creditDebit: string | undefined, line: number, field: string): Money {
    const currency = this.#currency(a.currency, line, `${field}@Ccy`);
    if (!/^\d+(\.\d+)?$/.test(a.value)) throw this.#error(line, field, field, `an unsigned amount like 42.50, not "${a.value}"`);
    if (creditDebit !== 'CRDT' && creditDebit !== 'DBIT') throw this.#error(line, field, 'CdtDbtInd', `CdtDbtInd CRDT or DBIT, not "${creditDebit ?? ''}"`);
    try {
      return toMoney(creditDebit === 'DBIT' ? `-${a.value}` : a.value, currency, '.');
    } catch (e) {
      if (e instanceof DecimalParseError) throw this.#error(line, field, field, `an amount like 42.50, not "${a.value}"`, e.message);
      throw e;
    }
  }

  #date(text: string, line: number, field: string): IsoDate {
    const d = parseIsoDate(text, this.#tz);
    if (!d) throw this.#error(line, field, field, `a date like 2025-03-12 or 2025-03-12T10:30:00+01:00, not "${text}"`);
    return d;
  }

  #error(line: number, element: string, field: string, expected: string, detail?: string): ConnectorError {
    return new ConnectorError(`${this.file}, line ${line}, <${element}>: expected ${expected}`, { file: this.file, line, element, field }, detail);
  }
}

function detailKey(d: CamtDetail): string {
  return [d.endToEndId, d.amount?.value, d.creditorName, d.debtorName, d.unstructured.join(' ')].join('~');
}

function opt<K extends string, V>(key: K, value: V | undefined | null | ''): { [P in K]?: V } {
  return value === undefined || value === null || value === '' ? {} : ({ [key]: value } as { [P in K]?: V });
}
