import { minorUnits, type Money } from '../../domain/money.ts';
import type { StoredRecord } from '../../domain/record.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { cachedByVersion } from '../insight-cache.ts';
import { normaliseLabel } from './label-key.ts';
import { loadTransactions, type LedgerTx } from './ledger.ts';

/**
 * Bills, payslips and receipts (documents with an amount) and the bank transactions that
 * settled them. A document that names its payment (`paidBy`) is `linked`; the matcher
 * also looks for the payment on its own — same amount (paid for a bill, received for a
 * payslip), a booking date in the document's window (from 7 days before its period or
 * issue date to 20 days after its due or issue date) and the vendor's name in the label
 * or counterparty, or the document's reference on the transaction — and `matcherAgrees`
 * says whether it found the same one. A document without a link is `matched` when the
 * matcher found its payment, `unmatched` otherwise.
 */

export interface BillTx {
  id: string;
  date: string;
  label: string;
  amountMinor: number;
}

export interface Bill {
  documentId: string;
  kind: string;
  title: string;
  issuer: string;
  issuedOn: string;
  dueOn?: string;
  amountMinor: number;
  currency: string;
  status: 'linked' | 'matched' | 'unmatched';
  transactions: BillTx[];
  /** Why the matcher chose its transaction: amount, vendor, reference, date. */
  evidence: string[];
  /** For a linked bill: whether the matcher, ignoring the link, found the same payment. */
  matcherAgrees: boolean | null;
}

export interface BillsResult {
  from: string | null;
  to: string | null;
  bills: Bill[];
  counts: { linked: number; matched: number; unmatched: number };
}

interface DocData {
  kind: string;
  title: string;
  issuer: string;
  issuedOn: string;
  periodStart?: string;
  dueOn?: string;
  amount?: Money;
  reference?: string;
  paidBy?: { type: string; source?: string; sourceRef: string }[];
}

const DAY = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const STOP = new Set(['SAS', 'SARL', 'SA', 'DES', 'DU', 'DE', 'LA', 'LE', 'LES', 'ET', 'THE', 'AND', 'LTD', 'PLC', 'INC']);
const vendorWords = (issuer: string) => normaliseLabel(issuer).split(' ').filter((w) => w.length >= 3 && !STOP.has(w));

/** Documents money moves for: bills and receipts are paid, payslips are received. */
const expectedSign = (kind: string) => (kind === 'payslip' ? 1 : -1);

interface Candidate {
  doc: number;
  tx: LedgerTx;
  score: number;
  evidence: string[];
}

/** For each document, the transaction the matcher picks (greedy by score, each transaction used once). */
export function matchPayments(docs: readonly { data: DocData }[], txs: readonly LedgerTx[]): (Candidate | undefined)[] {
  const byAmount = new Map<string, LedgerTx[]>();
  for (const t of txs) {
    const k = `${t.currency}|${t.amountMinor}`;
    const list = byAmount.get(k);
    if (list) list.push(t);
    else byAmount.set(k, [t]);
  }
  const candidates: Candidate[] = [];
  docs.forEach((d, i) => {
    const a = d.data.amount;
    if (!a) return;
    const start = dayOf(d.data.periodStart && d.data.periodStart < d.data.issuedOn ? d.data.periodStart : d.data.issuedOn) - 7;
    const due = dayOf(d.data.dueOn ?? d.data.issuedOn);
    const end = due + 20;
    const words = vendorWords(d.data.issuer);
    for (const t of byAmount.get(`${a.currency}|${expectedSign(d.data.kind) * minorUnits(a)}`) ?? []) {
      const day = dayOf(t.date);
      if (day < start || day > end) continue;
      const text = ` ${normaliseLabel(`${t.label} ${t.counterparty ?? ''}`)} `;
      const vendor = words.length > 0 && words.some((w) => text.includes(` ${w} `));
      const reference = d.data.reference !== undefined && t.reference === d.data.reference;
      if (!vendor && !reference) continue;
      const evidence = ['amount', ...(vendor ? ['vendor'] : []), ...(reference ? ['reference'] : []), 'date'];
      candidates.push({ doc: i, tx: t, score: (reference ? 4 : 0) + (vendor ? 2 : 0) + 1 - Math.min(1, Math.abs(day - due) / 60), evidence });
    }
  });
  candidates.sort((x, y) => y.score - x.score);
  const picked: (Candidate | undefined)[] = new Array(docs.length).fill(undefined);
  const used = new Set<string>();
  for (const c of candidates) {
    if (picked[c.doc] || used.has(c.tx.id)) continue;
    picked[c.doc] = c;
    used.add(c.tx.id);
  }
  return picked;
}

const shift = (date: string, days: number) => new Date(dayOf(date) * DAY + days * DAY).toISOString().slice(0, 10);
const asBillTx = (t: LedgerTx): BillTx => ({ id: t.id, date: t.date, label: t.label, amountMinor: t.amountMinor });

/** Documents with an amount issued in [from, to) (all without bounds), with the payments that settled them. */
export function matchBills(store: RecordStore, q: { from?: string; to?: string } = {}): Promise<BillsResult> {
  return cachedByVersion(store, `budget.bills:${q.from ?? ''}/${q.to ?? ''}`, async () => {
    const docs: StoredRecord[] = [];
    for await (const r of store.iterate({ types: ['document'], ...(q.from ? { from: shift(q.from, -1) } : {}), ...(q.to ? { to: shift(q.to, 1) } : {}) })) {
      const d = r.data as unknown as DocData;
      if (d.amount && (!q.from || d.issuedOn >= q.from) && (!q.to || d.issuedOn < q.to)) docs.push(r);
    }
    // Payments fall within the documents' windows: from 75 days before the first issue date to 90 days after the last.
    const issued = docs.map((r) => (r.data as unknown as DocData).issuedOn).sort();
    const txs = issued.length === 0 ? [] : q.from || q.to ? await loadTransactions(store, { from: shift(issued[0]!, -75), to: shift(issued[issued.length - 1]!, 90) }) : await loadTransactions(store);
    const byIdentity = new Map(txs.map((t) => [`${t.source}|${t.sourceRef}`, t]));
    const picks = matchPayments(docs as unknown as { data: DocData }[], txs);
    const bills = docs.map((r, i): Bill => {
      const d = r.data as unknown as DocData;
      const linked = (d.paidBy ?? []).filter((p) => p.type === 'bank.transaction').map((p) => byIdentity.get(`${p.source ?? r.source}|${p.sourceRef}`));
      const found = linked.filter((t): t is LedgerTx => t !== undefined);
      const pick = picks[i];
      const status = found.length > 0 ? 'linked' : pick ? 'matched' : 'unmatched';
      return {
        documentId: r.id,
        kind: d.kind,
        title: d.title,
        issuer: d.issuer,
        issuedOn: d.issuedOn,
        ...(d.dueOn ? { dueOn: d.dueOn } : {}),
        amountMinor: minorUnits(d.amount!),
        currency: d.amount!.currency,
        status,
        transactions: status === 'linked' ? found.map(asBillTx) : pick ? [asBillTx(pick.tx)] : [],
        evidence: status === 'linked' ? ['source-link', ...(pick && found.some((t) => t.id === pick.tx.id) ? pick.evidence : [])] : (pick?.evidence ?? []),
        matcherAgrees: status === 'linked' ? pick !== undefined && found.some((t) => t.id === pick.tx.id) : null,
      };
    });
    const counts = { linked: 0, matched: 0, unmatched: 0 };
    for (const b of bills) counts[b.status]++;
    return { from: q.from ?? null, to: q.to ?? null, bills, counts };
  });
}
