import { contentHash } from './content-ref.ts';
import type { ConnectorRecord } from '../connector.ts';

/**
 * Content-hash sourceRefs for rows that have no id of their own at the source (a QIF
 * transaction, a CSV line, an OFX STMTTRN with an empty FITID).
 *
 * The ref is `sha256(normalised fields)` plus the occurrence index of that same content
 * in the file: the first "2025-03-12 | -42.50 | CB CARREFOUR" is `…:0`, a second
 * identical row in the same file is `…:1`. Hence two genuine identical transactions on
 * one day stay two records, re-reading a file yields the same refs, and an overlapping
 * file (the same rows plus new ones) yields the same refs for the shared rows, as long
 * as the shared rows come in the same relative order — which bank exports do.
 *
 * Callers MUST pass only fields that do not change between two exports of the same
 * movement (date, amount, label, account; NOT a running balance, a download date or a
 * row number), and SHOULD put the account in the fields (or in a prefix), so that two
 * accounts' identical rows do not collapse.
 *
 * Memory: one small map entry per distinct content in the file (not per byte of input).
 *
 * Example:
 *   const refs = new OccurrenceRefs();
 *   refs.next(['FR76…', '2025-03-12', '-4250', 'CB CARREFOUR']) // 'h:3f2a…:0'
 */
export class OccurrenceRefs {
  readonly #counts = new Map<string, number>();

  constructor(private readonly prefix = 'h:') {}

  /** The ref of the next occurrence of this content. */
  next(fields: readonly (string | number | undefined | null)[]): string {
    const hash = contentHash(fields);
    const n = this.#counts.get(hash) ?? 0;
    this.#counts.set(hash, n + 1);
    return `${this.prefix}${hash}:${n}`;
  }

  /** How many times this content was seen so far (without counting it). */
  seen(fields: readonly (string | number | undefined | null)[]): number {
    return this.#counts.get(contentHash(fields)) ?? 0;
  }
}

/**
 * The source's own ids (FITID, AcctSvcrRef) are meant to be unique per account, but
 * some banks repeat them, or write a placeholder ("NONREF"). `UniqueRefs.claim()` returns
 * the id the first time it is seen in a scope and `id#2`, `id#3`… afterwards, so that a
 * repeated id never silently merges two movements; the caller SHOULD warn when
 * `repeated` is true.
 */
export class UniqueRefs {
  readonly #seen = new Map<string, Set<string>>();

  claim(scope: string, id: string): { ref: string; repeated: boolean } {
    let seen = this.#seen.get(scope);
    if (!seen) this.#seen.set(scope, (seen = new Set()));
    if (!seen.has(id)) {
      seen.add(id);
      return { ref: id, repeated: false };
    }
    let n = 2;
    while (seen.has(`${id}#${n}`)) n++;
    seen.add(`${id}#${n}`);
    return { ref: `${id}#${n}`, repeated: true };
  }
}

/**
 * Collects `bank.account` records so that an account met in several statements of one
 * file (a CAMT file of daily statements, an OFX file with two periods) is yielded once,
 * at the end of the file, with all its balances (exact duplicates dropped), the latest
 * `occurredAt`, and the latest statement's other fields. Memory: one record per account.
 *
 * Example: collector.add(rec) at each statement's end; `yield* collector.records()` last.
 */
export class AccountCollector {
  readonly #byKey = new Map<string, ConnectorRecord>();

  add(rec: ConnectorRecord): void {
    const key = `${rec.source}\u001f${rec.sourceRef}`;
    const old = this.#byKey.get(key);
    if (!old) {
      this.#byKey.set(key, rec);
      return;
    }
    const balances = [...balancesOf(old)];
    const seen = new Set(balances.map((b) => JSON.stringify(b)));
    for (const b of balancesOf(rec)) if (!seen.has(JSON.stringify(b))) balances.push(b);
    const newer = rec.occurredAt >= old.occurredAt ? rec : old;
    this.#byKey.set(key, { ...newer, data: { ...old.data, ...rec.data, balances } });
  }

  records(): ConnectorRecord[] {
    return [...this.#byKey.values()];
  }
}

function balancesOf(rec: ConnectorRecord): unknown[] {
  const b = rec.data.balances;
  return Array.isArray(b) ? b : [];
}
