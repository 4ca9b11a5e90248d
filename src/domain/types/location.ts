import { z } from 'zod';
import { instantSchema } from '../time.ts';
import { addressSchema, latSchema, lonSchema } from './common.ts';

/** `location.point` — one position fix (Google location history, GPX waypoint, phone). */
export const locationPointSchema = z.strictObject({
  lat: latSchema,
  lon: lonSchema,
  accuracyM: z.number().nonnegative().optional(),
  altitudeM: z.number().finite().optional(),
  speedMps: z.number().nonnegative().optional(),
  headingDeg: z.number().min(0).max(360).optional(),
  /** Named point (GPX waypoint name). */
  name: z.string().optional(),
  /** Activity guessed by the device ("WALKING", "IN_VEHICLE"). */
  activity: z.string().optional(),
  device: z.string().optional(),
});

/** `place.visit` — a stay at a place (Google semantic history placeVisit, Timeline visit). */
export const placeVisitSchema = z.strictObject({
  name: z.string().optional(),
  address: z.string().optional(),
  structuredAddress: addressSchema.optional(),
  placeId: z.string().optional(),
  lat: latSchema,
  lon: lonSchema,
  start: instantSchema,
  end: instantSchema,
  /** Semantic type: home, work, or the place's category. */
  semanticType: z.string().optional(),
  confidence: z.number().min(0).max(100).optional(),
});

/**
 * `track` — a movement from one place to another (GPX track, Google activity segment).
 * `mode` is the means of transport when known; distance in metres.
 */
export const trackPointSchema = z.strictObject({
  lat: latSchema,
  lon: lonSchema,
  at: instantSchema.optional(),
  eleM: z.number().finite().optional(),
});

export const trackSchema = z.strictObject({
  name: z.string().optional(),
  mode: z
    .enum(['walking', 'running', 'cycling', 'car', 'motorcycle', 'bus', 'tram', 'metro', 'train', 'plane', 'boat', 'other', 'unknown'])
    .default('unknown'),
  start: instantSchema.optional(),
  end: instantSchema.optional(),
  distanceM: z.number().nonnegative().optional(),
  /** GPX: `track` (recorded), `route` (planned). */
  kind: z.enum(['track', 'route', 'activity']).default('track'),
  segments: z.number().int().nonnegative().default(1),
  points: z.array(trackPointSchema).default([]),
});
