import { z } from 'zod';
import type { BlobRef } from '../domain/types/common-types.ts';
import { defineOperation, type AnyOperation } from './operation.ts';
import { importSummarySchema } from './schemas.ts';

export const demoGenerate = defineOperation({
  name: 'demo.generate',
  summary: 'Fill the vault with a deterministic demo person living in France (seeded), with the inconsistencies each organisation holds',
  permission: 'owner',
  mutates: true,
  input: z.object({
    years: z.coerce.number().int().min(1, 'at least 1 year').max(30, 'at most 30 years').default(10),
    seed: z.coerce.number().int().default(42),
  }),
  output: z.object({
    summary: importSummarySchema,
    person: z.string(),
    inconsistencies: z.array(z.object({ source: z.string(), attribute: z.string(), believed: z.string(), actual: z.string(), kind: z.string(), explanation: z.string() })),
  }),
  cli: {
    command: ['demo'],
    createsVault: true,
    help: { years: 'how many years of life to generate (default 10)', seed: 'random seed: the same seed gives the same person' },
    render: (o) =>
      [
        `Demo person ${o.person}: ${o.summary.counts.inserted} new records, ${o.summary.counts.unchanged} already there (${(o.summary.durationMs / 1000).toFixed(1)} s).`,
        'What organisations get wrong about them (for the data-quality checks):',
        ...o.inconsistencies.map((x) => `  • ${x.source} — ${x.attribute}: believes "${x.believed}", actually "${x.actual}" (${x.kind})`),
      ].join('\n'),
  },
  handler: async (ctx, i) => {
    const { generateDemoPerson } = await import('../vault/demo/demo-person.ts');
    let blobsSink: { putBlob(b: Uint8Array, m: string, f?: string): Promise<BlobRef> } | null = null;
    const demo = generateDemoPerson(
      { years: i.years, seed: i.seed },
      {
        putBlob: (b: Uint8Array, m: string, f?: string) => {
          if (!blobsSink) throw new Error('blob sink used before the import started');
          return blobsSink.putBlob(b, m, f);
        },
      },
    );
    const summary = await ctx.vault.importRecords({
      meta: { format: 'demo', fileName: `demo-seed-${i.seed}-${i.years}y`, fileHash: null },
      records: (session) => {
        blobsSink = session;
        return demo.records;
      },
      onProgress: (n) => ctx.progress?.(n, Math.max(n, demo.estimatedCount), 'demo person'),
    });
    ctx.progress?.(summary.counts.received, summary.counts.received, 'demo person');
    return { summary, person: demo.facts.fullName, inconsistencies: demo.facts.inconsistencies };
  },
});

export const demoOperations: AnyOperation[] = [demoGenerate] as unknown as AnyOperation[];
