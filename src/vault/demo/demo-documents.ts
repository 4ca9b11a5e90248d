import type { ConnectorRecord } from '../../connectors/connector.ts';
import type { DemoBlobSink } from './demo-types.ts';
import type { TxRef } from './demo-ledger.ts';
import { minimalPdf } from './demo-pdf.ts';
import { dateOf, parisInstant } from './demo-time.ts';

/**
 * A document record (bill, payslip, rent receipt) with its PDF stored through the blob
 * sink and `paidBy` pointing at the bank transaction that settled it.
 */

export interface DocumentSpec {
  source: string;
  kind: 'bill' | 'payslip' | 'receipt';
  title: string;
  issuer: string;
  issuedOn: number;
  periodStart?: number;
  /** Last day of the period, included. */
  periodEnd?: number;
  dueOn?: number;
  amountMinor: number;
  reference: string;
  /** Text lines of the PDF after the title line. */
  lines: string[];
  fileName: string;
}

/** "1 234,56 €", as French documents write amounts (narrow no-break space for thousands). */
export function euros(amountMinor: number): string {
  const neg = amountMinor < 0;
  const a = Math.abs(amountMinor);
  const int = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${neg ? '-' : ''}${int},${String(a % 100).padStart(2, '0')} €`;
}

export async function documentRecord(spec: DocumentSpec, tx: TxRef, blobs: DemoBlobSink): Promise<ConnectorRecord> {
  const pdf = minimalPdf([spec.title, ...spec.lines], spec.title);
  const file = await blobs.putBlob(pdf, 'application/pdf', spec.fileName);
  const at = parisInstant(spec.issuedOn, 9 * 60);
  return {
    type: 'document',
    source: spec.source,
    sourceRef: spec.reference,
    occurredAt: at.at,
    occurredOffset: at.offset,
    data: {
      kind: spec.kind,
      title: spec.title,
      issuer: spec.issuer,
      issuedOn: dateOf(spec.issuedOn),
      ...(spec.periodStart !== undefined ? { periodStart: dateOf(spec.periodStart) } : {}),
      ...(spec.periodEnd !== undefined ? { periodEnd: dateOf(spec.periodEnd) } : {}),
      ...(spec.dueOn !== undefined ? { dueOn: dateOf(spec.dueOn) } : {}),
      amount: { amountMinor: spec.amountMinor, currency: 'EUR' },
      reference: spec.reference,
      file,
      paidBy: [tx],
    },
  };
}
