import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import { dataOf, fixtureInput, ofType, readBytes, readError, readFixture } from '../../../test/connectors/bank-kit.ts';
import { bytesInput } from '../util/input.ts';
import { qifConnector } from './qif-connector.ts';
import { DateOrderVotes, parseQifDate } from './qif-date.ts';

const minor = (r: { data: Record<string, unknown> }) => (r.data.amount as { amountMinor: number }).amountMinor;

describe('qif connector', () => {
  it('recognises QIF headers, not other text', async () => {
    expect(qifConnector.recognize(await fixtureInput('qif/bank-ddmmyyyy-latin1-crlf.qif')).confidence).toBe(0.95);
    expect(qifConnector.recognize(await fixtureInput('qif/multi-account-mmdd.qif')).confidence).toBe(0.9);
    expect(qifConnector.recognize(bytesInput('x.txt', new TextEncoder().encode('Date;Libellé;Montant\n'))).confidence).toBe(0);
  });

  it('reads a dd/mm/yyyy Latin-1 CRLF file: comma decimals, thousands space, splits, transfer, check number', async () => {
    const r = await readFixture(qifConnector, 'qif/bank-ddmmyyyy-latin1-crlf.qif');
    const t = ofType(r, 'bank.transaction');
    expect(t.map(minor)).toEqual([-7842, -5430, -5430, -12000, -30000, -8550, 248045]);
    expect(t.map((x) => dataOf(x).bookingDate)).toEqual(['2025-03-03', '2025-03-12', '2025-03-12', '2025-03-14', '2025-03-20', '2025-03-22', '2025-03-28']);
    expect(dataOf(t[0])).toMatchObject({ label: 'PRLV SEPA EDF', memo: 'ECH/030325 MDT/EDF-4587', category: 'Logement:Electricité', accountRef: 'qif-bank' });
    expect(t[0]!.occurredAt).toBe('2025-03-02T23:00:00.000Z');
    expect(dataOf(t[3]).checkNumber).toBe('8812345');
    expect(dataOf(t[4]).counterparty).toEqual({ name: 'Livret A' });
    // the split transaction is kept whole; its split lines go to the memo
    expect(dataOf(t[5]).memo).toBe('Courses de la semaine | Split: Alimentation -60.00 (Fruits et légumes); Maison:Entretien -25.50');
    // two genuine identical card payments on one day: two records
    expect(t[1]!.sourceRef).toMatch(/^qif-bank:h:[0-9a-f]{32}:0$/);
    expect(t[2]!.sourceRef).toBe(t[1]!.sourceRef.replace(/:0$/, ':1'));
    expect(r.warnings).toEqual([expect.stringContaining('names no account')]);
  });

  it('reads several accounts with month-first dates (12/31\'24, 1/ 8/25), thousands commas, opening balance; skips Invst', async () => {
    const r = await readFixture(qifConnector, 'qif/multi-account-mmdd.qif');
    const t = ofType(r, 'bank.transaction');
    expect(t.map((x) => [dataOf(x).accountRef, dataOf(x).bookingDate, minor(x)])).toEqual([
      ['Compte courant', '2025-01-02', -123456],
      ['Compte courant', '2025-01-08', -4290],
      ['Compte courant', '2024-12-25', -1999],
      ['Visa Premier', '2025-01-15', -6420],
      ['Visa Premier', '2025-01-20', 1500],
    ]);
    const accounts = ofType(r, 'bank.account');
    expect(accounts.map((a) => [a.sourceRef, dataOf(a).accountType])).toEqual([['Compte courant', 'checking'], ['Visa Premier', 'credit_card']]);
    expect(dataOf(accounts[0])).toMatchObject({ name: 'BNP Paribas - compte de chèques', balances: [{ amount: { amountMinor: 100000, currency: 'EUR' }, at: '2024-12-31', kind: 'opening' }] });
    expect(r.warnings).toEqual([expect.stringContaining('1 investment transactions'), expect.stringContaining('"PEA" has no transaction')]);
  });

  it('defaults ambiguous dates to day/month with a warning, and reads a last record without "^"', async () => {
    const r = await readFixture(qifConnector, 'qif/ambiguous-dates-no-final-caret.qif', { map: { account: 'Carte Bleue', currency: 'EUR' } });
    expect(ofType(r, 'bank.transaction').map((x) => [dataOf(x).bookingDate, dataOf(x).accountRef])).toEqual([
      ['2025-04-03', 'Carte Bleue'], ['2025-04-05', 'Carte Bleue'], ['2025-04-06', 'Carte Bleue'],
    ]);
    expect(r.warnings).toEqual([expect.stringContaining('read as day/month'), expect.stringContaining('no closing "^"')]);
  });

  it('rejects a file mixing day-first and month-first dates, naming both lines', async () => {
    const e = await readError(qifConnector, 'qif/conflicting-dates.qif');
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).message).toMatch(/line 6, field D: .*line 2 is day-first and line 6 is month-first/);
  });

  it('fails on a bad amount with line and field', async () => {
    const bytes = new TextEncoder().encode('!Type:Bank\nD01/02/2025\nT-12,5O\nPX\n^\n');
    await expect(readBytes(qifConnector, 'x.qif', bytes)).rejects.toThrow(/x\.qif, line 3, field T: expected an amount/);
  });

  it('keeps sourceRefs across re-reads and overlapping exports (even when a memo was edited)', async () => {
    const a = ofType(await readFixture(qifConnector, 'qif/overlap-march.qif'), 'bank.transaction');
    const again = ofType(await readFixture(qifConnector, 'qif/overlap-march.qif', {}, 7), 'bank.transaction');
    const b = ofType(await readFixture(qifConnector, 'qif/overlap-march-april.qif'), 'bank.transaction');
    expect(again.map((x) => x.sourceRef)).toEqual(a.map((x) => x.sourceRef));
    expect(b).toHaveLength(5);
    expect(b.slice(0, 3).map((x) => x.sourceRef)).toEqual(a.map((x) => x.sourceRef));
    expect(new Set(b.map((x) => x.sourceRef)).size).toBe(5);
  });
});

describe('qif dates', () => {
  it('parses the written forms in the decided order', () => {
    expect(parseQifDate("04/08'2008", 'mdy')).toBe('2008-04-08');
    expect(parseQifDate("04/08'2008", 'dmy')).toBe('2008-08-04');
    expect(parseQifDate('4/ 8/08', 'mdy')).toBe('2008-04-08');
    expect(parseQifDate("12/25' 4", 'mdy')).toBe('2004-12-25');
    expect(parseQifDate('31.12.1999', 'dmy')).toBe('1999-12-31');
    expect(parseQifDate('2025-02-30', 'dmy')).toBeNull();
    expect(parseQifDate('13/13/2025', 'dmy')).toBeNull();
  });
  it('decides the order from the evidence', () => {
    const v = new DateOrderVotes();
    v.add('04/08/2025', 1);
    expect(v.decide()).toEqual({ order: 'dmy', proven: false });
    v.add('04/28/2025', 2);
    expect(v.decide()).toEqual({ order: 'mdy', proven: true });
    v.add('28/04/2025', 3);
    expect(v.decide()).toEqual({ conflict: [3, 2] });
  });
});

describe('qif streaming', () => {
  it('reads the file twice through open() (two passes), never from the head alone', async () => {
    let body = '!Type:Bank\n';
    for (let i = 0; i < 3000; i++) body += `D${String((i % 28) + 1).padStart(2, '0')}/03/2025\nT-${i},50\nPCB CARREFOUR\n^\n`;
    body += 'D31/12/2025\nT1,00\nPLAST\n^\n';
    const bytes = new TextEncoder().encode(body);
    let opens = 0;
    const input = { ...bytesInput('big.qif', bytes, 777), open() { opens++; return bytesInput('big.qif', bytes, 777).open(); } };
    const ctx = { options: {}, warn: () => {}, putBlob: () => Promise.reject(new Error('no')) };
    let n = 0;
    let last: unknown;
    for await (const r of qifConnector.read(input, ctx)) {
      n++;
      if (r.type === 'bank.transaction') last = r.data.bookingDate;
    }
    expect(opens).toBe(2);
    expect(n).toBe(3002);
    expect(last).toBe('2025-12-31');
  });
});
