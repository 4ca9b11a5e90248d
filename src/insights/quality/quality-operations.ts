import { z } from 'zod';
import { defineOperation, type AnyOperation } from '../../operations/operation.ts';
import { computeDataQuality } from './data-quality.ts';
import { dataQualitySchema } from './quality-schema.ts';

/**
 * `insights.quality` — what each organisation believes about the person, and what it gets
 * wrong: `mesinfos insights quality [--source org:gaz-reseau] [--json]`,
 * GET /api/me/insights/quality.
 */
export const insightsQuality = defineOperation({
  name: 'insights.quality',
  summary: 'Data quality: what each organisation believes about you (address, e-mail, phone, name, IBAN, birth date), and which values are stale, mistyped or conflicting',
  permission: 'owner',
  mutates: false,
  input: z.object({
    source: z.string().min(1).optional(),
  }),
  output: dataQualitySchema,
  cli: {
    command: ['insights', 'quality'],
    help: { source: 'only this organisation (a source such as org:gaz-reseau)' },
    render: (o) => {
      const lines = [`${o.records} identity values from ${o.sources.length} sources.`];
      for (const a of o.attributes) {
        lines.push(`${a.attribute}: ${a.current ? `“${a.current.value}” (${a.current.basis}, ${a.current.sources.length} sources agree)` : 'sources disagree — which is right?'}`);
      }
      lines.push(o.findings.length ? `${o.findings.length} value(s) to correct:` : 'Every organisation holds your current values.');
      for (const f of o.findings) lines.push(`  • [${f.kind}] ${f.explanation}`);
      return lines.join('\n');
    },
  },
  handler: async (ctx, i) => {
    const all = await computeDataQuality(ctx.vault.store);
    if (!i.source) return all;
    const keep = <T extends { source: string }>(xs: T[]) => xs.filter((x) => x.source === i.source);
    return {
      ...all,
      attributes: all.attributes.map((a) => ({ ...a, beliefs: keep(a.beliefs) })).filter((a) => a.beliefs.length > 0),
      findings: keep(all.findings),
      byOrganisation: keep(all.byOrganisation),
    };
  },
});

export const qualityOperations: AnyOperation[] = [insightsQuality] as unknown as AnyOperation[];
