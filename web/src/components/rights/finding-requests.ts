import type { Finding } from '../insights/FindingCard.tsx';
import { OPEN_STATUSES, type RequestView } from './rights-text.ts';

/**
 * The open rectification request that already asks an organisation to fix a finding's value
 * (same organisation and attribute; the one asking for the same value first), or undefined.
 * Who knows what links to it instead of offering to draft a second one.
 */
export function requestForFinding(finding: Pick<Finding, 'source' | 'attribute' | 'expected'>, requests: readonly RequestView[]): RequestView | undefined {
  const open = requests.filter((r) => r.kind === 'rectification' && r.organisation.source === finding.source && OPEN_STATUSES.includes(r.status) && r.items.some((i) => i.what === finding.attribute));
  return open.find((r) => r.items.some((i) => i.what === finding.attribute && i.requestedValue === finding.expected)) ?? open[0];
}
