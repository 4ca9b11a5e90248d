import { describe, expect, it } from 'vitest';
import type { RecordId } from '../../src/domain/ids.ts';
import { matchBills } from '../../src/insights/budget/bills.ts';
import { openDemoVault } from '../support/demo-vault.ts';
import { asAsync, tempVault, tx } from '../support/temp-vault.ts';

describe('bills of the demo person and the payments that settled them', () => {
  it('shows every bill, payslip and rent receipt as linked to its payment, and the matcher finds the same payment on its own', async () => {
    const { vault, cleanup } = await openDemoVault({ copy: false });
    try {
      const r = await matchBills(vault.store);
      const documents = await vault.store.count({ types: ['document'] });
      expect(r.bills).toHaveLength(documents);
      expect(r.counts).toEqual({ linked: documents, matched: 0, unmatched: 0 });
      expect(r.bills.filter((b) => b.matcherAgrees !== true).map((b) => b.title)).toEqual([]);
      const kinds = new Set(r.bills.map((b) => b.kind));
      expect(kinds).toEqual(new Set(['bill', 'payslip', 'receipt']));
      // The linked transaction really moved the bill's amount: checked on the raw records.
      for (const b of r.bills.filter((_, i) => i % 7 === 0)) {
        expect(b.transactions).toHaveLength(1);
        const paid = await vault.get(b.transactions[0]!.id as RecordId);
        const amount = (paid!.data as { amount: { amountMinor: number } }).amount.amountMinor;
        expect(amount, b.title).toBe(b.kind === 'payslip' ? b.amountMinor : -b.amountMinor);
        expect(b.evidence).toEqual(expect.arrayContaining(['source-link', 'amount', 'vendor']));
      }
      const year = await matchBills(vault.store, { from: '2025-01-01', to: '2026-01-01' });
      expect(year.bills.length).toBe(r.bills.filter((b) => b.issuedOn.startsWith('2025')).length);
    } finally {
      await cleanup();
    }
  });
});

describe('matching a bill without a link', () => {
  it('finds the payment by amount, date window and vendor, ignores look-alikes, and leaves an unpaid bill unmatched', async () => {
    const t = await tempVault();
    try {
      const bill = (ref: string, issuedOn: string, dueOn: string, amountMinor: number, issuer: string) => ({
        type: 'document' as const,
        source: 'org:eau-du-grand-lyon',
        sourceRef: ref,
        occurredAt: `${issuedOn}T08:00:00.000Z`,
        data: { kind: 'bill', title: `Facture ${ref}`, issuer, issuedOn, dueOn, amount: { amountMinor, currency: 'EUR' }, reference: ref },
      });
      await t.vault.importRecords({
        meta: { format: 'test', fileName: null, fileHash: null },
        records: () =>
          asAsync([
            bill('EAU-2503', '2025-03-02', '2025-03-20', 4_218, 'Eau du Grand Lyon'),
            bill('EAU-2505', '2025-05-02', '2025-05-20', 3_977, 'Eau du Grand Lyon'),
            // Same amount, another vendor, inside the window: not the water bill's payment.
            tx(1, { day: '2025-03-12', label: 'CB LIBRAIRIE DU GLOBE', amountMinor: -4_218 }),
            // The vendor and amount, but three months later: outside the window.
            tx(2, { day: '2025-06-25', label: 'PRLV SEPA EAU DU GRAND LYON', amountMinor: -4_218 }),
            tx(3, { day: '2025-03-21', label: 'PRLV SEPA EAU DU GRAND LYON', amountMinor: -4_218 }),
          ]),
      });
      const r = await matchBills(t.vault.store);
      const march = r.bills.find((b) => b.title === 'Facture EAU-2503')!;
      expect(march).toMatchObject({ status: 'matched', matcherAgrees: null, evidence: ['amount', 'vendor', 'date'] });
      expect(march.transactions.map((x) => [x.date, x.label])).toEqual([['2025-03-21', 'PRLV SEPA EAU DU GRAND LYON']]);
      expect(r.bills.find((b) => b.title === 'Facture EAU-2505')).toMatchObject({ status: 'unmatched', transactions: [] });
      expect(r.counts).toEqual({ linked: 0, matched: 1, unmatched: 1 });
    } finally {
      await t.cleanup();
    }
  });
});
