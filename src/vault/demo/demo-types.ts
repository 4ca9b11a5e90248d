import type { ConnectorRecord } from '../../connectors/connector.ts';
import type { BlobRef } from '../../domain/types/common-types.ts';

/** How much of a life to generate. */
export interface DemoOptions {
  /** Number of years of history, ending at `until` (default 10). */
  years: number;
  /** PRNG seed: the same seed and options give byte-identical records (default 42). */
  seed: number;
  /** Last day, YYYY-MM-DD (default '2026-10-31'), so the output never depends on today. */
  until?: string;
}

/** Where the generator stores the files of documents (bills, payslips): the vault's blob store. */
export interface DemoBlobSink {
  putBlob(bytes: Uint8Array, mediaType: string, fileName?: string): Promise<BlobRef>;
}

/** One deliberate disagreement between what an organisation believes and the truth. */
export interface DemoInconsistency {
  source: string;
  attribute: 'postal_address' | 'email' | 'phone' | string;
  believed: string;
  actual: string;
  kind: 'stale' | 'typo' | 'outdated';
  explanation: string;
}

/** The truth about the demo person, to check what insights and data quality find. */
export interface DemoFacts {
  fullName: string;
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  address: string;
  previousAddress: string;
  iban: string;
  organisations: { source: string; name: string; sector: string }[];
  inconsistencies: DemoInconsistency[];
}

export type { ConnectorRecord, BlobRef };
