import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConnectorError } from '../connector.ts';
import { dataOf, FIXTURES, fixtureInput, ofType, readBytes, readError, readFixture } from '../../../test/connectors/bank-kit.ts';
import { bytesInput } from '../util/input.ts';
import { ofxConnector } from './ofx-connector.ts';
import { parseOfxDate } from './ofx-date.ts';

const tx = (r: Awaited<ReturnType<typeof readFixture>>) => ofType(r, 'bank.transaction');

describe('ofx connector', () => {
  it('recognises OFX 1.x, 2.x, QFX with an HTTP line first, a header-less file and OFC, not a CSV', async () => {
    for (const f of ['sgml-102-latin1-crlf.ofx', 'ofx2-xml.ofx', 'qfx-one-line-utf8.qfx', 'no-header-cc.ofx', 'multi-account-cc.ofx'])
      expect(ofxConnector.recognize(await fixtureInput(`ofx/${f}`)).confidence, f).toBeGreaterThanOrEqual(0.9);
    expect(ofxConnector.recognize(await fixtureInput('ofx/ms-money.ofc')).confidence).toBeGreaterThanOrEqual(0.5);
    const csv = new TextEncoder().encode('Date;Libellé;Débit euros;Crédit euros\n03/03/2025;PRLV SEPA EDF;78,42;\n');
    expect(ofxConnector.recognize(bytesInput('x.csv', csv)).confidence).toBe(0);
  });

  it('reads an SGML 1.02 file: unclosed leaves, CRLF, Windows-1252, comma decimals, signed TRNAMT', async () => {
    const r = await readFixture(ofxConnector, 'ofx/sgml-102-latin1-crlf.ofx');
    expect(r.records).toHaveLength(8);
    const t = tx(r);
    expect(t).toHaveLength(7);
    expect(t.map((x) => (dataOf(x).amount as { amountMinor: number }).amountMinor)).toEqual([-7842, -5430, 248045, -12000, -350, -350, 2500]);
    expect(t[0]).toMatchObject({ source: 'ofx:30004', sourceRef: '00012345678:2025030300001', occurredAt: '2025-03-02T23:00:00.000Z' });
    expect(dataOf(t[0])).toMatchObject({ bookingDate: '2025-03-03', valueDate: '2025-03-02', label: 'PRLV SEPA EDF', transactionType: 'DIRECTDEBIT' });
    expect(dataOf(t[1]).memo).toBe('CARTE 4974XXXXXXXX1234 Créteil');
    expect(dataOf(t[2]).reference).toBe('SAL0325');
    expect(dataOf(t[3]).checkNumber).toBe('8812345');
    // TRNTYPE DEBIT with a positive TRNAMT stays positive: never flipped
    expect(dataOf(t[6])).toMatchObject({ transactionType: 'DEBIT', amount: { amountMinor: 2500, currency: 'EUR' } });
    const acct = ofType(r, 'bank.account')[0]!;
    expect(dataOf(acct)).toMatchObject({
      accountId: '00012345678', bankId: '30004', branchId: '00817', accountType: 'checking', currency: 'EUR',
      balances: [
        { amount: { amountMinor: 123456, currency: 'EUR' }, at: '2025-03-31', kind: 'booked' },
        { amount: { amountMinor: 113456, currency: 'EUR' }, at: '2025-03-31', kind: 'available' },
      ],
    });
  });

  it('gives two identical transactions with empty FITIDs two different, stable sourceRefs', async () => {
    const a = tx(await readFixture(ofxConnector, 'ofx/sgml-102-latin1-crlf.ofx'));
    const b = tx(await readFixture(ofxConnector, 'ofx/sgml-102-latin1-crlf.ofx', {}, 13));
    expect(a[4]!.sourceRef).toMatch(/^00012345678:h:[0-9a-f]{32}:0$/);
    expect(a[5]!.sourceRef).toBe(a[4]!.sourceRef.replace(/:0$/, ':1'));
    expect(b.map((x) => x.sourceRef)).toEqual(a.map((x) => x.sourceRef));
  });

  it('reads several accounts and a credit card; the same FITID in two accounts stays two records', async () => {
    const r = await readFixture(ofxConnector, 'ofx/multi-account-cc.ofx');
    expect(ofType(r, 'bank.account').map((a) => [a.source, a.sourceRef, dataOf(a).accountType])).toEqual([
      ['ofx:30002', '11111111111', 'checking'],
      ['ofx:30002', '22222222222', 'savings'],
      ['ofx:30002', '33333333333', 'savings'],
      ['ofx', '4974123412341234', 'credit_card'],
    ]);
    const t = tx(r);
    expect(t.map((x) => x.sourceRef)).toEqual(['11111111111:A1', '11111111111:A2', '22222222222:A1', '4974123412341234:CC0001', '4974123412341234:CC0002']);
    expect(dataOf(t[3])).toMatchObject({ label: 'AMAZON EU SARL', memo: 'COMMANDE 405-1234567', amount: { amountMinor: -6420 } });
    expect(dataOf(t[4]).exchangeRate).toBe('1.1628');
    // the empty statement is reported, and its account still comes with its balance
    expect(r.warnings).toEqual([expect.stringContaining('33333333333 holds no transaction')]);
    expect(dataOf(ofType(r, 'bank.account')[2]).balances).toEqual([{ amount: { amountMinor: 10000, currency: 'EUR' }, at: '2025-03-31', kind: 'booked' }]);
  });

  it('reads OFX 2.x XML: entities (double-escaped too), empty tags, offsets, malformed offsets with warnings', async () => {
    const r = await readFixture(ofxConnector, 'ofx/ofx2-xml.ofx');
    const t = tx(r);
    expect(t).toHaveLength(6);
    expect(t.map((x) => [dataOf(x).bookingDate, x.occurredAt, x.occurredOffset])).toEqual([
      ['2025-01-10', '2025-01-10T19:30:00.000Z', '-05:00'],
      ['2025-01-11', '2025-01-11T22:59:00.000Z', '+01:00'],
      ['2025-01-12', '2025-01-12T15:00:00.000Z', '-05:00'], // [-5:CET]: the number wins over the name
      ['2025-01-13', '2025-01-13T13:00:00.000Z', '-05:00'], // [EST]: the name, with a warning
      ['2025-01-14', '2025-01-14T08:00:00.000Z', undefined], // [+99:XYZ]: UTC, with a warning
      ['2025-01-14', '2025-01-14T05:00:00.000Z', '-05:00'], // "[-5:EST" unclosed, date only
    ]);
    expect(dataOf(t[0]).label).toBe('CB M&S FOOD');
    expect(dataOf(t[0]).memo).toBeUndefined();
    expect(dataOf(t[1]).label).toBe('PRLV SEPA ORANGE <FACTURE>');
    expect(dataOf(t[5]).memo).toBe('Cadeau été');
    expect(r.warnings).toHaveLength(3);
    expect(dataOf(ofType(r, 'bank.account')[0])).toMatchObject({
      institution: 'Banque Populaire', accountType: 'savings',
      balances: [{ amount: { amountMinor: 150000, currency: 'EUR' }, at: '2025-01-15T17:00:00.000Z', kind: 'booked' }],
    });
  });

  it('reads a QFX on one line after an HTTP header, declared CHARSET:1252 but really UTF-8', async () => {
    const r = await readFixture(ofxConnector, 'ofx/qfx-one-line-utf8.qfx');
    expect(tx(r).map((x) => dataOf(x).label)).toEqual(['CB BOULANGERIE DU MARCHÉ', 'PRLV SEPA FREE MOBILE', 'RETRAIT DAB CIC NANTES']);
    expect(dataOf(tx(r)[0]).memo).toBe('Pâtisseries');
    expect(r.records).toHaveLength(4);
  });

  it('reads a file with no header, a card statement, a time without zone taken as GMT', async () => {
    const r = await readFixture(ofxConnector, 'ofx/no-header-cc.ofx');
    expect(tx(r).map((x) => [x.source, x.sourceRef, x.occurredAt, x.occurredOffset])).toEqual([
      ['ofx', '5132000011112222:CB-0205-1', '2025-02-05T12:00:00.000Z', undefined],
      ['ofx', '5132000011112222:CB-0220-1', '2025-02-19T23:00:00.000Z', undefined],
    ]);
  });

  it('reads Microsoft OFC (numeric account type, LEDGER balance at DTSERVER)', async () => {
    const r = await readFixture(ofxConnector, 'ofx/ms-money.ofc');
    expect(tx(r).map((x) => (dataOf(x).amount as { amountMinor: number }).amountMinor)).toEqual([-6000, 15000]);
    expect(dataOf(ofType(r, 'bank.account')[0])).toMatchObject({
      accountId: '65432100001', accountType: 'checking', balances: [{ amount: { amountMinor: 84510 }, at: '2025-02-28', kind: 'booked' }],
    });
  });

  it('fails on a refused sign-on with the status and the line', async () => {
    const e = await readError(ofxConnector, 'ofx/signon-refused.ofx');
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).message).toMatch(/signon-refused\.ofx, line 14: .*status 15500: Identifiant ou mot de passe incorrect/);
    expect((e as ConnectorError).where).toMatchObject({ element: 'SONRS/STATUS', field: 'CODE' });
  });

  it('fails on a truncated file, naming the open element', async () => {
    const e = await readError(ofxConnector, 'ofx/truncated.ofx');
    expect((e as ConnectorError).message).toMatch(/ends inside <STMTTRN> opened at line 57; it looks truncated/);
  });

  it('fails with the line and field on a bad amount or date', async () => {
    const base = await readFile(resolve(FIXTURES, 'ofx/no-header-cc.ofx'), 'utf8');
    const bad = (s: string) => readBytes(ofxConnector, 'x.ofx', new TextEncoder().encode(s));
    await expect(bad(base.replace('-89.90', '-89,9O'))).rejects.toThrow(/x\.ofx, line 5, <TRNAMT>: expected an amount/);
    await expect(bad(base.replace('20250205120000', '20251305'))).rejects.toThrow(/line 5, <STMTTRN>: expected a date like/);
    await expect(bad('<html>hello</html>')).rejects.toThrow(/no <OFX> element/);
  });

  it('keeps a FITID repeated inside one account (a bank bug) as two records, with a warning', async () => {
    const t = (amt: string) => `<STMTTRN><TRNTYPE>POS<DTPOSTED>20250301<TRNAMT>${amt}<FITID>DUP<NAME>CB X</STMTTRN>`;
    const doc = `<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>1<ACCTID>A</BANKACCTFROM><BANKTRANLIST>${t('-1.00')}${t('-2.00')}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    const r = await readBytes(ofxConnector, 'dup.ofx', new TextEncoder().encode(doc));
    expect(tx(r).map((x) => x.sourceRef)).toEqual(['A:DUP', 'A:DUP#2']);
    expect(r.warnings).toEqual([expect.stringContaining('FITID "DUP" appears more than once')]);
  });

  it('warns when the bank reports an error for one statement, and when a file has no statement', async () => {
    const doc = '<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20250301</SONRS></SIGNONMSGSRSV1><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>2000<SEVERITY>ERROR<MESSAGE>Compte inconnu</STATUS></STMTTRNRS></BANKMSGSRSV1></OFX>';
    const r = await readBytes(ofxConnector, 'err.ofx', new TextEncoder().encode(doc));
    expect(r.records).toEqual([]);
    expect(r.warnings).toEqual([expect.stringContaining('status 2000 for a statement: Compte inconnu'), expect.stringContaining('holds no bank or credit-card statement')]);
  });

  it('keeps the sourceRefs of shared transactions when statements overlap', async () => {
    const march = tx(await readFixture(ofxConnector, 'ofx/overlap-march.ofx'));
    const both = tx(await readFixture(ofxConnector, 'ofx/overlap-march-april.ofx'));
    expect(march).toHaveLength(3);
    expect(both).toHaveLength(5);
    expect(both.slice(0, 3).map((x) => x.sourceRef)).toEqual(march.map((x) => x.sourceRef));
    expect(new Set(both.map((x) => x.sourceRef)).size).toBe(5);
  });

  it('streams a large statement chunk by chunk with the same result', async () => {
    const stmt = (i: number) => `<STMTTRN><TRNTYPE>POS<DTPOSTED>202503${String((i % 28) + 1).padStart(2, '0')}<TRNAMT>-${i}.05<FITID>F${i}<NAME>CB CARREFOUR &amp; CIE</STMTTRN>\n`;
    let body = '<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>1<ACCTID>A</BANKACCTFROM><BANKTRANLIST>\n';
    for (let i = 0; i < 2000; i++) body += stmt(i);
    body += '</BANKTRANLIST><LEDGERBAL><BALAMT>0<DTASOF>20250331</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>';
    const bytes = new TextEncoder().encode(body);
    const whole = await readBytes(ofxConnector, 'big.ofx', bytes);
    const small = await readBytes(ofxConnector, 'big.ofx', bytes, {}, 61);
    expect(whole.records).toHaveLength(2001);
    expect(small.records).toEqual(whole.records);
    expect(dataOf(whole.records[1999]).label).toBe('CB CARREFOUR & CIE');
  });
});

describe('parseOfxDate', () => {
  it('parses the OFX date forms', () => {
    expect(parseOfxDate('20250312', 'Europe/Paris')).toEqual({ date: '2025-03-12', instant: '2025-03-11T23:00:00.000Z', hasTime: false });
    expect(parseOfxDate('20250312143000.123[+5.30:IST]', 'UTC')).toMatchObject({ instant: '2025-03-12T09:00:00.000Z', offset: '+05:30' });
    expect(parseOfxDate('20250312143000[-3.5:NST]', 'UTC')).toMatchObject({ instant: '2025-03-12T18:00:00.000Z', offset: '-03:30' });
    expect(parseOfxDate('202503121430[+05:30]', 'UTC')).toMatchObject({ instant: '2025-03-12T09:00:00.000Z', offset: '+05:30' });
    expect(parseOfxDate('20250312000000[0:GMT]', 'Europe/Paris')).toMatchObject({ date: '2025-03-12', instant: '2025-03-12T00:00:00.000Z', offset: '+00:00' });
    expect(parseOfxDate('20250230', 'UTC')).toBeNull();
    expect(parseOfxDate('2025-03-12', 'UTC')).toBeNull();
  });
});
