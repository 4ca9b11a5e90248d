import type { StoredRecord } from '../domain/record.ts';
import { sameIdentityValue } from '../insights/quality/data-quality.ts';
import type { ConcernedItem, RightsRequest } from './rights-request.ts';

/**
 * Whether an organisation's restitution now carries what a rectification asked for. Only
 * the organisation's own revision counts (`revisedBy: 'source'`): a correction the person
 * made in the vault proves nothing about the organisation's files. Values compare in their
 * normal form (E.164 phones, folded addresses…), so "06 12 34 56 78" fixes "+33612345678".
 */

interface AttributeData {
  attribute: string;
  value: string;
}

/** The value a source holds now for an attribute: its latest record as the source wrote it, or undefined. */
export function heldBySource(records: readonly StoredRecord[], attribute: string): { record: StoredRecord; data: AttributeData } | undefined {
  let best: { record: StoredRecord; data: AttributeData } | undefined;
  for (const record of records) {
    if (record.type !== 'identity.attribute' || record.revisedBy !== 'source') continue;
    const data = record.data as AttributeData;
    if (data.attribute !== attribute) continue;
    if (!best || record.occurredAt > best.record.occurredAt || (record.occurredAt === best.record.occurredAt && record.updatedAt > best.record.updatedAt)) best = { record, data };
  }
  return best;
}

/** True when the source's current value of the item's attribute equals the requested value. */
export function itemFixed(item: ConcernedItem, records: readonly StoredRecord[]): boolean {
  if (item.requestedValue === undefined) return false;
  const held = heldBySource(records, item.what);
  if (!held) return false;
  return sameIdentityValue(item.what, held.data.value, item.requestedValue);
}

/**
 * The verification note when every item of a rectification is fixed in `records` (the
 * source's identity.attribute records), else undefined.
 */
export function verifiedBy(request: RightsRequest, records: readonly StoredRecord[]): string | undefined {
  if (request.kind !== 'rectification' || request.items.length === 0) return undefined;
  if (!request.items.every((i) => itemFixed(i, records))) return undefined;
  return `${request.organisation.source} now restitutes ${request.items.map((i) => `${i.what} = “${i.requestedValue}”`).join(', ')}`;
}
