import { z } from 'zod';
import { defineOperation, type AnyOperation } from '../../operations/operation.ts';
import { computeMonthReview, latestMonth } from './month-review.ts';
import { monthReviewSchema } from './review-schema.ts';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month like 2026-09');

/**
 * `insights.review` — the month in review: `mesinfos insights review [--month YYYY-MM]
 * [--json]`, GET /api/me/insights/review?month=2026-09. Without a month: the month of the
 * latest record.
 */
export const insightsReview = defineOperation({
  name: 'insights.review',
  summary: 'Month in review: your month across every insight — money, people, energy… — what changed since last month and last year, and what stands out',
  permission: 'owner',
  mutates: false,
  input: z.object({ month: monthSchema.optional() }),
  output: monthReviewSchema,
  cli: {
    command: ['insights', 'review'],
    help: { month: 'the month to review, YYYY-MM (default: the month of your latest record)' },
    render: (o) => o.text,
  },
  handler: async (ctx, i) => {
    const month = i.month ?? (await latestMonth(ctx.vault.store)) ?? new Date().toISOString().slice(0, 7);
    return computeMonthReview(ctx.vault.store, month);
  },
});

export const reviewOperations: AnyOperation[] = [insightsReview] as unknown as AnyOperation[];
