import { z } from 'zod';
import { instantSchema } from '../domain/time.ts';
import { grantIdSchema } from './grant.ts';

/** A consent receipt as the vault keeps it: the signed compact JWS and what it records. */
export const storedReceiptSchema = z.strictObject({
  id: z.string().min(1),
  grantId: grantIdSchema,
  /** `given` when the grant was made, `withdrawn` when the person revoked it. */
  event: z.enum(['given', 'withdrawn']),
  issuedAt: instantSchema,
  jws: z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'expected a compact JWS'),
});
export type StoredReceipt = z.infer<typeof storedReceiptSchema>;
