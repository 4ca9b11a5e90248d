import type { z } from 'zod';
import type { blobRefSchema } from './common.ts';

export type BlobRef = z.infer<typeof blobRefSchema>;
