/** One realistic record, as a real export gives it (test support, not used at run time). */
export interface RecordExample {
  /** What the example stands for ("OFX STMTTRN debit"). */
  name: string;
  source: string;
  sourceRef: string;
  occurredAt: string;
  occurredOffset?: string;
  data: Record<string, unknown>;
}

export const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

/** A sha256 hex digest, as the blob store names a file. */
export const EXAMPLE_SHA256 = '3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea';

