import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import { dataOf, fixtureInput, ofType, readBytes, readError, readFixture } from '../../../test/connectors/bank-kit.ts';
import { bytesInput } from '../util/input.ts';
import { bankCsvConnector, parseCsvDate } from './bank-csv-connector.ts';

const minor = (r: { data: Record<string, unknown> }) => (r.data.amount as { amountMinor: number }).amountMinor;
const tx = (r: Awaited<ReturnType<typeof readFixture>>) => ofType(r, 'bank.transaction');

describe('bank-csv connector', () => {
  it('recognises the known layouts, a bank-like unknown CSV weakly, other CSV not at all', async () => {
    const expected: Record<string, number> = {
      'credit-agricole-debit-credit.csv': 0.9, 'credit-mutuel-cic-bom.csv': 0.9, 'societe-generale.csv': 0.9, 'lcl-date-valeur-devise.csv': 0.9,
      'boursorama.csv': 0.95, 'la-banque-postale.csv': 0.9, 'english-date-description-amount.csv': 0.8,
    };
    for (const [f, c] of Object.entries(expected)) expect(bankCsvConnector.recognize(await fixtureInput(`bank-csv/${f}`)), f).toMatchObject({ confidence: c });
    expect(bankCsvConnector.recognize(await fixtureInput('bank-csv/bad/unknown-layout.csv')).confidence).toBe(0.3);
    expect(bankCsvConnector.recognize(bytesInput('c.csv', new TextEncoder().encode('Nom;Prénom;Téléphone\nDupont;Jean;0601020304\n'))).confidence).toBe(0);
  });

  it('reads Crédit Agricole: Latin-1, CRLF, lines above the table, Débit/Crédit euros, no-break-space thousands, multi-line label', async () => {
    const r = await readFixture(bankCsvConnector, 'bank-csv/credit-agricole-debit-credit.csv');
    const t = tx(r);
    // a Débit value is an outflow even when the bank wrote it with a sign (-3,50)
    expect(t.map(minor)).toEqual([-7842, -5430, -5430, 248045, -350]);
    expect(t.map((x) => dataOf(x).bookingDate)).toEqual(['2025-03-03', '2025-03-12', '2025-03-12', '2025-03-28', '2025-03-31']);
    expect(dataOf(t[0])).toMatchObject({ label: 'PRLV SEPA EDF ECH/030325 MDT/EDF-4587', accountRef: '12345678901' });
    expect(t[0]).toMatchObject({ source: 'bank-csv', occurredAt: '2025-03-02T23:00:00.000Z', location: 'row 9' });
    // two identical card payments on the same day stay two
    expect(t[2]!.sourceRef).toBe(t[1]!.sourceRef.replace(/:0$/, ':1'));
    expect(r.warnings).toEqual([expect.stringContaining('1 rows without a date')]);
    expect(ofType(r, 'bank.account').map((a) => a.sourceRef)).toEqual(['12345678901']);
  });

  it('reads Crédit Mutuel/CIC: BOM, signed debits, narrow no-break spaces, "-3,23" and "280.71" in one row, 3 decimals', async () => {
    const r = await readFixture(bankCsvConnector, 'bank-csv/credit-mutuel-cic-bom.csv');
    const t = tx(r);
    expect(t.map((x) => dataOf(x).amount)).toEqual([
      { amountMinor: -2390, currency: 'EUR' }, { amountMinor: -323, currency: 'EUR' }, { amountMinor: 120000, currency: 'EUR' },
      { amountMinor: -12345, currency: 'EUR', scale: 3 },
    ]);
    expect(dataOf(t[1])).toMatchObject({ bookingDate: '2025-03-06', valueDate: '2025-03-07', label: 'FRAIS CARTE' });
    // no account number in the file: a stable id from the header, with a warning
    expect(dataOf(t[0]).accountRef).toMatch(/^csv-[0-9a-f]{12}$/);
    expect(r.warnings).toEqual([expect.stringContaining('pass map.account')]);
    expect(dataOf(ofType(r, 'bank.account')[0]).balances).toEqual([{ amount: { amountMinor: 1468365, currency: 'EUR', scale: 3 }, at: '2025-03-15', kind: 'booked' }]);
    const named = await readFixture(bankCsvConnector, 'bank-csv/credit-mutuel-cic-bom.csv', { map: { account: 'CCM-0001' } });
    expect(tx(named).map((x) => dataOf(x).accountRef)).toEqual(['CCM-0001', 'CCM-0001', 'CCM-0001', 'CCM-0001']);
    expect(named.warnings).toEqual([]);
  });

  it('reads Société Générale (account in ="…" cell, detail as memo) and a Date valeur/Devise layout with an IBAN above', async () => {
    const sg = tx(await readFixture(bankCsvConnector, 'bank-csv/societe-generale.csv'));
    expect(sg.map((x) => [dataOf(x).accountRef, minor(x)])).toEqual([['00012345678', -2345], ['00012345678', -8640], ['00012345678', -2037]]);
    expect(dataOf(sg[1]).memo).toBe('DE: NAVIGO ID: FR12ZZZ445566 MOTIF: ABONNEMENT AVRIL');
    const lcl = await readFixture(bankCsvConnector, 'bank-csv/lcl-date-valeur-devise.csv');
    expect(tx(lcl).map((x) => [minor(x), (dataOf(x).amount as { currency: string }).currency, dataOf(x).valueDate])).toEqual([
      [-7842, 'EUR', '2025-03-03'], [-1280, 'GBP', '2025-03-11'], [248045, 'EUR', '2025-03-28'],
    ]);
    expect(dataOf(ofType(lcl, 'bank.account')[0])).toMatchObject({ accountId: 'FR7630002005500000123456K78', iban: 'FR7630002005500000123456K78' });
  });

  it('reads Boursorama: ISO dates, an account per row, category and comment, the balance', async () => {
    const r = await readFixture(bankCsvConnector, 'bank-csv/boursorama.csv');
    expect(tx(r).map((x) => [dataOf(x).accountRef, dataOf(x).bookingDate, minor(x), dataOf(x).category])).toEqual([
      ['00040123456', '2025-03-28', 248045, 'Salaires'], ['00040123456', '2025-03-12', -5430, 'Alimentation'], ['00040999999', '2025-03-10', -4500, 'Transports'],
    ]);
    expect(dataOf(tx(r)[1]).memo).toBe('courses de la semaine');
    expect(ofType(r, 'bank.account').map((a) => [a.sourceRef, dataOf(a).name, dataOf(a).balances])).toEqual([
      ['00040123456', 'BoursoBank', [{ amount: { amountMinor: 152030, currency: 'EUR' }, at: '2025-03-28', kind: 'booked' }]],
      ['00040999999', 'Compte joint', [{ amount: { amountMinor: 80000, currency: 'EUR' }, at: '2025-03-10', kind: 'booked' }]],
    ]);
  });

  it('reads La Banque Postale (Numéro Compte above) and the English layout (quoted "1,250.00", newest first balance)', async () => {
    const lbp = tx(await readFixture(bankCsvConnector, 'bank-csv/la-banque-postale.csv'));
    expect(lbp.map((x) => [dataOf(x).accountRef, minor(x), dataOf(x).label])).toEqual([
      ['0123456X020', -1999, 'PRLV SEPA FREE MOBILE'], ['0123456X020', 248045, 'VIREMENT DE ACME SALAIRE MARS'],
    ]);
    const en = await readFixture(bankCsvConnector, 'bank-csv/english-date-description-amount.csv', { map: { currency: 'GBP' } });
    expect(tx(en).map((x) => [dataOf(x).bookingDate, dataOf(x).amount])).toEqual([
      ['2025-03-28', { amountMinor: 125000, currency: 'GBP' }], ['2025-03-14', { amountMinor: -4510, currency: 'GBP' }], ['2025-03-03', { amountMinor: -6200, currency: 'GBP' }],
    ]);
    expect(dataOf(ofType(en, 'bank.account')[0])).toMatchObject({ iban: 'GB29NWBK60161331926819', balances: [{ amount: { amountMinor: 201340, currency: 'GBP' }, at: '2025-03-28' }] });
  });

  it('refuses an unknown layout without a map, listing the columns and how to map them; reads it with a map', async () => {
    const e = await readError(bankCsvConnector, 'bank-csv/bad/unknown-layout.csv');
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).message).toMatch(/The columns found are: "Date comptable", "Intitulé", "Somme", "Catégorie"\..*"date": "Date", "label": "Libellé", "amount": "Montant"/);
    const r = await readFixture(bankCsvConnector, 'bank-csv/bad/unknown-layout.csv', {
      map: { date: 'Date comptable', label: 'Intitulé', amount: 'Somme', category: 'Catégorie', account: 'FR-PERSO' },
    });
    expect(tx(r).map((x) => [dataOf(x).accountRef, minor(x), dataOf(x).category])).toEqual([['FR-PERSO', -7842, 'Energie'], ['FR-PERSO', -5430, 'Courses']]);
    const wrong = await readError(bankCsvConnector, 'bank-csv/bad/unknown-layout.csv', { map: { date: 'Jour', label: 'Intitulé', amount: 'Somme' } });
    expect((wrong as ConnectorError).message).toMatch(/The map given .* names columns that are not in the file/);
  });

  it('reads an unknown layout mapped to Débit/Crédit columns, month-first dates when asked', async () => {
    const csv = 'Jour,Opération,Sortie,Entrée\n03/14/2025,PRLV SEPA EDF,78.42,\n03/28/2025,VIR SALAIRE ACME,,"2,480.45"\n';
    const r = await readBytes(bankCsvConnector, 'm.csv', new TextEncoder().encode(csv), {
      map: { date: 'Jour', label: 'Opération', debit: 'Sortie', credit: 'Entrée', dateOrder: 'mdy', account: 'PERSO' },
    });
    expect(tx(r).map((x) => [dataOf(x).bookingDate, minor(x), dataOf(x).accountRef])).toEqual([['2025-03-14', -7842, 'PERSO'], ['2025-03-28', 248045, 'PERSO']]);
  });

  it('fails on a bad date or amount with the row and the column', async () => {
    const csv = (row: string) => new TextEncoder().encode(`Date;Libellé;Débit euros;Crédit euros;\n01/03/2025;A;1,00;;\n${row}\n`);
    await expect(readBytes(bankCsvConnector, 'x.csv', csv('31/02/2025;B;2,00;;'))).rejects.toThrow(/x\.csv, row 3, column "Date": expected a date like 31\/12\/2025, not "31\/02\/2025"/);
    await expect(readBytes(bankCsvConnector, 'x.csv', csv('02/03/2025;B;deux;;'))).rejects.toThrow(/row 3, column "Débit euros": expected an amount/);
    await expect(readBytes(bankCsvConnector, 'x.csv', csv('02/03/2025;B;;;'))).rejects.toThrow(/row 3, column "Débit euros": expected an amount in the debit or the credit column/);
  });

  it('keeps sourceRefs across re-reads (any chunking) and overlapping exports listed newest first', async () => {
    const a = tx(await readFixture(bankCsvConnector, 'bank-csv/overlap-march.csv'));
    const again = tx(await readFixture(bankCsvConnector, 'bank-csv/overlap-march.csv', {}, 5));
    const b = tx(await readFixture(bankCsvConnector, 'bank-csv/overlap-march-april.csv'));
    expect(again.map((x) => x.sourceRef)).toEqual(a.map((x) => x.sourceRef));
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(5);
    expect(b.slice(2).map((x) => x.sourceRef)).toEqual(a.map((x) => x.sourceRef));
    expect(new Set(b.map((x) => x.sourceRef)).size).toBe(5);
  });

  it('parses dates', () => {
    expect(parseCsvDate('31/12/2025', 'dmy')).toBe('2025-12-31');
    expect(parseCsvDate('12/31/25', 'mdy')).toBe('2025-12-31');
    expect(parseCsvDate('2025-12-31', 'mdy')).toBe('2025-12-31');
    expect(parseCsvDate('31.12.2025', 'dmy')).toBe('2025-12-31');
    expect(parseCsvDate('12/31/2025', 'dmy')).toBeNull();
  });
});

describe('bank-csv streaming', () => {
  it('passes a read error through instead of hanging', async () => {
    const input = {
      name: 'broken.csv',
      head: new TextEncoder().encode('Date;Libellé;Débit euros;Crédit euros;\n01/03/2025;A;1,00;;\n'),
      async *open(): AsyncIterable<Uint8Array> {
        yield new TextEncoder().encode('Date;Libellé;Débit euros;Crédit euros;\n01/03/2025;A;1,00;;\n');
        throw new Error('disk read failed');
      },
    };
    const ctx = { options: {}, warn: () => {}, putBlob: () => Promise.reject(new Error('no')) };
    const out: unknown[] = [];
    await expect((async () => {
      for await (const r of bankCsvConnector.read(input, ctx)) out.push(r);
    })()).rejects.toThrow(/disk read failed/);
  });
});

describe('bank-csv large file', () => {
  it('gives the same records whatever the chunk size', async () => {
    let body = 'Date opération;Date valeur;Libellé;Montant;Devise\n';
    for (let i = 0; i < 3000; i++) body += `${String((i % 28) + 1).padStart(2, '0')}/03/2025;${String((i % 28) + 1).padStart(2, '0')}/03/2025;"CB CARREFOUR ; CAISSE ${i % 7}";-${i},05;EUR\n`;
    const bytes = new TextEncoder().encode(body);
    const whole = await readBytes(bankCsvConnector, 'big.csv', bytes, { map: { account: 'X' } });
    const small = await readBytes(bankCsvConnector, 'big.csv', bytes, { map: { account: 'X' } }, 97);
    expect(whole.records).toHaveLength(3001);
    expect(small.records).toEqual(whole.records);
    expect(dataOf(whole.records[2999])).toMatchObject({ label: 'CB CARREFOUR ; CAISSE 3', amount: { amountMinor: -299905 } });
  });
});
