import type { RecordStore } from '../../store/record-store.ts';
import { computeDataQuality } from '../quality/data-quality.ts';
import { figure } from './review-figures.ts';
import type { ReviewSection } from './review-schema.ts';

/**
 * What organisations get wrong about the person, from `insights.quality`: today's count
 * (data quality has no month: it is the state of what each organisation believes now).
 */
export async function qualitySection(store: RecordStore): Promise<ReviewSection | { missing: string }> {
  const q = await computeDataQuality(store);
  if (q.records === 0) return { missing: 'no organisation has told the vault what it believes about you' };
  const figures = [figure('quality.findings', 'Values to correct at organisations (today)', 'count', { value: q.findings.length, previous: null, lastYear: null })];
  const notes = q.findings.length
    ? [`${q.byOrganisation.length} organisation(s) to write to:`, ...q.findings.map((f) => f.explanation)]
    : ['Every organisation holds your current values.'];
  return { id: 'quality', title: 'What organisations believe about you', from: 'insights.quality', figures, notes };
}
