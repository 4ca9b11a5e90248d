import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { ConnectorError } from '../connector.ts';
import { dataOf, fixtureInput, ofType, readBytes, readError, readFixture } from '../../../test/connectors/bank-kit.ts';
import { bytesInput } from '../util/input.ts';
import { camtConnector } from './camt-connector.ts';

const minor = (r: { data: Record<string, unknown> }) => (r.data.amount as { amountMinor: number }).amountMinor;
const IBAN = 'FR7630006000011234567890189';

describe('camt connector', () => {
  it('recognises camt.052/053/054 by namespace, with or without prefix; not other XML', async () => {
    for (const f of ['camt053-v02-fr.xml', 'camt053-v08-two-statements-latin1.xml', 'camt052-v04-report-prefixed.xml', 'camt054-v06-notification.xml'])
      expect(camtConnector.recognize(await fixtureInput(`camt/${f}`)).confidence, f).toBeGreaterThanOrEqual(0.95);
    const other = new TextEncoder().encode('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>');
    expect(camtConnector.recognize(bytesInput('pain.xml', other)).confidence).toBe(0);
  });

  it('reads a camt.053.001.02 statement: signs from CdtDbtInd, batches, refs, pending, INFO skipped', async () => {
    const r = await readFixture(camtConnector, 'camt/camt053-v02-fr.xml');
    const t = ofType(r, 'bank.transaction');
    expect(t).toHaveLength(10);
    expect(t.map(minor)).toEqual([-7842, -5430, 248045, 10000, 12000, 8000, -125000, -250, -250, -1999]);
    expect(t[0]).toMatchObject({ source: 'camt', sourceRef: `${IBAN}:2025030300001`, occurredAt: '2025-03-02T23:00:00.000Z' });
    expect(dataOf(t[0])).toMatchObject({
      bookingDate: '2025-03-03', label: 'PRLV SEPA EDF', memo: 'ECHEANCE 03/2025 CONTRAT 4587', reference: 'EDF-FAC-10045872',
      mandateId: 'EDF-4587', bankTransactionCode: 'PMNT/RDDT/ESDD',
      counterparty: { name: 'EDF', iban: 'FR7630004000031234567890143', creditorId: 'FR12ZZZ123456' },
    });
    expect(dataOf(t[1])).toMatchObject({ label: 'CB CARREFOUR 12/03', bookingDate: '2025-03-12', valueDate: '2025-03-11' });
    expect(dataOf(t[2]).counterparty).toEqual({ name: 'ACME SAS', iban: 'FR7610107001011234567890129' });
    // a batch whose TxDtls carry their own amounts: one record per detail, never the entry too
    expect(t.slice(3, 6).map((x) => x.sourceRef)).toEqual([`${IBAN}:2025032000004/LOY-A`, `${IBAN}:2025032000004/LOY-B`, `${IBAN}:2025032000004/3`]);
    // a batch whose details have no amounts: the entry alone
    expect(t[6]!.sourceRef).toBe(`${IBAN}:2025032500005`);
    // two identical fee entries without (or with a NONREF) AcctSvcrRef: two records
    expect(t[7]!.sourceRef).toMatch(/:h:[0-9a-f]{32}:0$/);
    expect(t[8]!.sourceRef).toBe(t[7]!.sourceRef.replace(/:0$/, ':1'));
    expect(dataOf(t[9])).toMatchObject({ status: 'pending', label: 'CB NETFLIX.COM 30/03' });
    expect(r.warnings).toEqual([expect.stringContaining('1 information-only entries')]);
    expect(dataOf(ofType(r, 'bank.account')[0])).toMatchObject({
      accountId: IBAN, iban: IBAN, bic: 'AGRIFRPP882', holder: 'M JEAN DUPONT', currency: 'EUR',
      balances: [
        { amount: { amountMinor: -15237, currency: 'EUR' }, at: '2025-02-28', kind: 'opening' },
        { amount: { amountMinor: 121503, currency: 'EUR' }, at: '2025-03-31', kind: 'closing' },
      ],
    });
  });

  it('reads camt.053.001.08 (Sts/Cd, DtTm with and without offset, Pty/Nm, TxDtls/Amt), Latin-1, two statements', async () => {
    const r = await readFixture(camtConnector, 'camt/camt053-v08-two-statements-latin1.xml');
    const t = ofType(r, 'bank.transaction');
    expect(t.map((x) => [x.sourceRef.split(':')[1], minor(x), x.occurredAt, x.occurredOffset])).toEqual([
      ['CE250308A1', -6420, '2025-03-08T13:32:00.000Z', '+01:00'],
      ['CE250310A2', 120000, '2025-03-10T08:00:00.000Z', undefined], // naive DtTm: Europe/Paris
      ['CE250315A3/E2E-1', -30000, '2025-03-14T23:00:00.000Z', undefined],
      ['CE250315A3/E2E-2', -15000, '2025-03-14T23:00:00.000Z', undefined],
    ]);
    expect(dataOf(t[0]).label).toBe('CB FNAC ÉTOILE 08/03');
    // no AddtlNtryInf: the counterparty name is the label, the remittance text the memo
    expect(dataOf(t[1])).toMatchObject({ label: "CAISSE D'ALLOCATIONS FAMILIALES", memo: 'CAF PRESTATIONS FÉVRIER' });
    expect(dataOf(t[1]).reference).toBeUndefined(); // NOTPROVIDED
    expect(dataOf(t[2]).counterparty).toEqual({ name: 'CRÈCHE LES PETITS LOUPS' });
    const accounts = ofType(r, 'bank.account');
    expect(accounts.map((a) => a.sourceRef)).toEqual(['FR7617515900000812345678945', 'FR7617515900000887654321045']);
    expect(dataOf(accounts[0]).balances).toEqual([
      { amount: { amountMinor: 50000, currency: 'EUR' }, at: '2025-02-28T23:00:00.000Z', kind: 'opening' },
      { amount: { amountMinor: 118580, currency: 'EUR' }, at: '2025-03-31T21:59:59.000Z', kind: 'closing' },
    ]);
    expect(dataOf(accounts[0])).toMatchObject({ holder: 'MME CLÉMENCE DURAND', bic: 'CEPAFRPP751' });
    expect(r.warnings).toEqual([expect.stringContaining('FR7617515900000887654321045 holds no entry')]);
  });

  it('reads a camt.052 report with a namespace prefix and a camt.054 notification', async () => {
    const rpt = await readFixture(camtConnector, 'camt/camt052-v04-report-prefixed.xml');
    expect(rpt.records).toHaveLength(2);
    expect(dataOf(ofType(rpt, 'bank.transaction')[0])).toMatchObject({ status: 'pending', amount: { amountMinor: -3500 } });
    expect(dataOf(ofType(rpt, 'bank.account')[0]).balances).toEqual([{ amount: { amountMinor: 118003, currency: 'EUR' }, at: '2025-04-02', kind: 'interim' }]);
    const ntf = await readFixture(camtConnector, 'camt/camt054-v06-notification.xml');
    expect(ofType(ntf, 'bank.transaction').map((x) => [x.sourceRef, minor(x), dataOf(x).label])).toEqual([[`${IBAN}:N0403-1`, 1500, 'LEBONCOIN']]);
  });

  it('yields an account met in several daily statements once, with all its balances', async () => {
    const r = await readFixture(camtConnector, 'camt/camt053-v08-daily-statements.xml');
    expect(ofType(r, 'bank.transaction').map((x) => [x.sourceRef, minor(x), dataOf(x).bankTransactionCode])).toEqual([
      ['FR7610278060000002012345667:CM0303-1', 5000, 'CB'],
      ['FR7610278060000002012345667:CM0304-1', -3000, 'CB'],
    ]);
    const accounts = ofType(r, 'bank.account');
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.occurredAt).toBe('2025-03-03T23:00:00.000Z');
    expect(dataOf(accounts[0])).toMatchObject({ institution: 'Crédit Mutuel', bic: 'CMCIFR2A' });
    expect((dataOf(accounts[0]).balances as { kind: string; at: string; amount: { amountMinor: number } }[]).map((b) => [b.kind, b.at, b.amount.amountMinor])).toEqual([
      ['opening', '2025-03-03', 10000], ['closing', '2025-03-03', 15000], ['opening', '2025-03-04', 15000], ['closing', '2025-03-04', 12000],
    ]);
  });

  it('rejects a CAMT file without Stmt/Rpt/Ntfctn, and truncated XML, saying where', async () => {
    const e = await readError(camtConnector, 'camt/camt053-no-statement.xml');
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).message).toMatch(/no statement found .*BkToCstmrStmt\/Stmt/);
    const t = await readError(camtConnector, 'camt/camt053-truncated.xml');
    expect((t as ConnectorError).message).toMatch(/camt053-truncated\.xml, line \d+: this is not well-formed XML/);
  });

  it('reads a file with blank lines before <?xml', async () => {
    const xml = (await readFile(new URL('../../../test/fixtures/camt/camt053-overlap-march.xml', import.meta.url), 'utf8')).replace(/^\ufeff/, '');
    const plain = await readBytes(camtConnector, 'x.xml', new TextEncoder().encode(xml));
    const padded = await readBytes(camtConnector, 'x.xml', new TextEncoder().encode(`\r\n  \r\n${xml}`), {}, 1);
    expect(plain.records.length).toBeGreaterThan(0);
    expect(padded.records).toEqual(plain.records);
  });

  it('fails on a missing CdtDbtInd with the line', async () => {
    const xml = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>${IBAN}</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">10.00</Amt><BookgDt><Dt>2025-03-01</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>`;
    await expect(readBytes(camtConnector, 'x.xml', new TextEncoder().encode(xml))).rejects.toThrow(/x\.xml, line 2, <Ntry\/Amt>: expected CdtDbtInd CRDT or DBIT/);
  });

  it('keeps sourceRefs stable across re-reads and overlapping statements', async () => {
    const a = ofType(await readFixture(camtConnector, 'camt/camt053-overlap-march.xml'), 'bank.transaction');
    const again = ofType(await readFixture(camtConnector, 'camt/camt053-overlap-march.xml', {}, 50), 'bank.transaction');
    const b = ofType(await readFixture(camtConnector, 'camt/camt053-overlap-march-april.xml'), 'bank.transaction');
    expect(again.map((x) => x.sourceRef)).toEqual(a.map((x) => x.sourceRef));
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(4);
    expect(b.slice(0, 3).map((x) => x.sourceRef)).toEqual(a.map((x) => x.sourceRef));
    expect(new Set(b.map((x) => x.sourceRef)).size).toBe(4);
  });
});
