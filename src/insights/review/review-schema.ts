import { z } from 'zod';

/**
 * The month in review: the month's figures from every insight that has something to say,
 * each beside the previous month and the same month a year before, and what stands out.
 */

export const reviewFigureSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** money: minor units of `currency`; share: a fraction (0.25 = 25 %). */
  unit: z.enum(['money', 'count', 'minutes', 'kWh', 'W', 'kgCO2e', 'km', 'hours', 'share']),
  currency: z.string().optional(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  lastYear: z.number().nullable(),
  /** Relative change (0.12 = +12 %), null when a side is missing or zero. */
  /** Relative change (0.12 = +12 %); for shares the difference in points (0.05 = 5 points); null when a side is missing or zero. */
  changeVsPrevious: z.number().nullable(),
  changeVsLastYear: z.number().nullable(),
});
export type ReviewFigure = z.infer<typeof reviewFigureSchema>;

export const reviewSectionSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The operation whose figures these are (open it for the detail). */
  from: z.string(),
  figures: z.array(reviewFigureSchema),
  /** Sentences about this month for this part of life. */
  notes: z.array(z.string()),
});
export type ReviewSection = z.infer<typeof reviewSectionSchema>;

export const monthReviewSchema = z.object({
  month: z.string(),
  previousMonth: z.string(),
  sameMonthLastYear: z.string(),
  sections: z.array(reviewSectionSchema),
  /** What stands out: the largest changes across sections, in words, largest first. */
  highlights: z.array(z.string()),
  /** Insights with nothing for this month, and why. */
  missing: z.array(z.object({ id: z.string(), reason: z.string() })),
  /** The whole review as readable text. */
  text: z.string(),
});
export type MonthReview = z.infer<typeof monthReviewSchema>;
