import type { GrantId } from '../domain/ids.ts';
import type { AccessEvent, AccessLogEntry, AuditFilter } from './access-log-entry.ts';
import type { Grant } from './grant.ts';
import type { StoredReceipt } from './receipt-schema.ts';

/**
 * The ConsentStore port: where a vault keeps its grants, their receipts and its access
 * log. An implementation MUST:
 * - save a grant (or its revocation) and its receipt in one transaction;
 * - append log entries in one transaction, chaining them on the entry that is last IN
 *   THE STORE at that moment (another process may have appended since), through
 *   `chainOn`, so the chain never forks; and never update or delete an entry;
 * - list log entries in `seq` order.
 * It SHOULD make `appendLog` cost one prepared insert per entry (callers batch).
 * Example:
 *   await store.appendLog((head) => chainEntries(events, head, genesis));
 */
export interface ConsentStore {
  saveGrant(grant: Grant, receipt: StoredReceipt): Promise<void>;
  /** Replaces a grant by its revoked version and keeps the revocation receipt. */
  saveRevocation(grant: Grant, receipt: StoredReceipt): Promise<void>;
  getGrant(id: GrantId | string): Promise<Grant | undefined>;
  /** Every grant, newest first; of one client when given. */
  listGrants(clientId?: string): Promise<Grant[]>;
  /** Receipts of a grant, oldest first. */
  receipts(grantId: GrantId | string): Promise<StoredReceipt[]>;
  appendLog(chainOn: (head: { seq: number; hash: string } | undefined) => AccessLogEntry[]): Promise<AccessLogEntry[]>;
  listLog(filter: AuditFilter): Promise<AccessLogEntry[]>;
  /** Every stored row in seq order, raw (unvalidated): verification must see what is there. */
  iterateLogRows(): AsyncIterable<Record<string, unknown>>;
  /** The highest seq ever assigned (survives deletion of the last rows), or 0. */
  logHighWater(): Promise<number>;
}

export type { AccessEvent };
