import { MesInfosError } from '../domain/errors.ts';
import {
  accessLogEntrySchema,
  chainEntries,
  entryHash,
  type AccessEvent,
  type AccessLogEntry,
  type AuditFilter,
  type AuditReport,
} from './access-log-entry.ts';
import type { ConsentStore } from './consent-store.ts';

interface Pending {
  event: AccessEvent & { at: string };
  resolve: (e: AccessLogEntry) => void;
  reject: (e: unknown) => void;
}

/**
 * The hash-chained access log of a vault. `append` is cheap under load: events that
 * arrive together are chained in memory and written in one transaction (group commit),
 * one prepared insert each; the promise resolves once the entry is durable. The chain is
 * continued from the entry last in the store, so two processes appending to one vault
 * (the CLI and the server) never fork it.
 */
export class AccessLog {
  private pending: Pending[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  private lastHead: { seq: number; hash: string } | undefined;

  constructor(
    private readonly store: ConsentStore,
    private readonly genesis: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Appends one event; resolves with its entry (seq, hash) once written. */
  append(event: AccessEvent): Promise<AccessLogEntry> {
    // No schema parse here: events come typed from the engine, and this path runs on every access.
    const ev = { ...event, at: new Date(this.clock()).toISOString() };
    return new Promise<AccessLogEntry>((resolve, reject) => {
      this.pending.push({ event: ev, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn of the event loop: the accesses of every
        // request that arrived together go into one transaction. Each commit also makes
        // the reader connection drop its page cache, so fewer commits mean cheaper reads.
        setImmediate(() => {
          this.flushing = this.flushing.then(() => this.flush());
        });
      }
    });
  }

  /** Waits until every event appended so far is written. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.scheduled) {
      await new Promise<void>((r) => setImmediate(r));
      await this.flushing;
    }
  }

  /** The last entry this process wrote (its seq and hash), if any. */
  get head(): { seq: number; hash: string } | undefined {
    return this.lastHead;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    if (batch.length === 0) return;
    try {
      const entries = await this.store.appendLog((head) => chainEntries(batch.map((p) => p.event), head, this.genesis));
      const last = entries[entries.length - 1];
      if (last) this.lastHead = { seq: last.seq, hash: last.hash };
      batch.forEach((p, i) => p.resolve(entries[i]!));
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }

  /** Entries matching the filter (newest first unless `order: 'asc'`). */
  async list(filter: AuditFilter = {}): Promise<AccessLogEntry[]> {
    const rows = await this.store.listLog(filter);
    return rows.map((r) => {
      const parsed = accessLogEntrySchema.safeParse(r);
      if (!parsed.success) throw new MesInfosError('AUDIT_BROKEN', `Access log entry ${String(r.seq)} is unreadable: run audit verify.`);
      return parsed.data;
    });
  }

  /** Checks the whole chain; reports the first broken entry. */
  async verify(): Promise<AuditReport> {
    return verifyChain(this.store.iterateLogRows(), this.genesis, await this.store.logHighWater());
  }
}

/**
 * Walks stored rows in seq order and reports the first break:
 * - `missing`: a seq is absent (an entry was deleted);
 * - `unreadable`: a row is not a log entry any more;
 * - `altered`: a row's content does not match its hash;
 * - `unlinked`: a row does not carry the previous entry's hash (an entry before it was
 *   re-hashed after being altered, or entries were reordered);
 * - `truncated`: the store assigned seqs beyond the last row (the tail was deleted).
 */
export async function verifyChain(rows: AsyncIterable<Record<string, unknown>>, genesis: string, highWater: number): Promise<AuditReport> {
  let expected = 1;
  let prev = genesis;
  let head: AuditReport['head'] = null;
  const broken = (seq: number, kind: NonNullable<AuditReport['firstBroken']>['kind'], message: string): AuditReport => ({
    ok: false,
    entries: expected - 1,
    head,
    firstBroken: { seq, kind, message },
  });
  for await (const row of rows) {
    const seq = typeof row.seq === 'number' ? row.seq : NaN;
    if (seq !== expected) {
      if (seq > expected)
        return broken(expected, 'missing', seq - 1 === expected ? `Entry ${expected} was deleted.` : `Entries ${expected} to ${seq - 1} were deleted.`);
      return broken(expected, 'unreadable', `Entry ${expected} has an invalid sequence number (${String(row.seq)}).`);
    }
    const parsed = accessLogEntrySchema.safeParse(row);
    if (!parsed.success) return broken(seq, 'unreadable', `Entry ${seq} is not a valid log entry: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
    const e = parsed.data;
    const { hash, ...rest } = e;
    if (entryHash(rest) !== hash) return broken(seq, 'altered', `Entry ${seq} was altered: its content does not match its hash.`);
    if (e.prevHash !== prev)
      return broken(seq, 'unlinked', seq === 1 ? 'Entry 1 does not start this vault’s chain.' : `Entry ${seq} does not follow entry ${seq - 1}: an entry was rewritten or the entries were reordered.`);
    prev = hash;
    head = { seq, hash };
    expected++;
  }
  if (highWater >= expected) return broken(expected, 'truncated', `Entries from ${expected} to ${highWater} were deleted from the end of the log.`);
  return { ok: true, entries: expected - 1, head };
}
