import type { z } from 'zod';
import type { AnyOperation } from '../operations/operation.ts';

/** Who an operation is offered to over HTTP: the person (/api/me), organisations (/api/org), apps (/api/app). */
export type OperationAudience = 'person' | 'organisation' | 'app';

declare module '../operations/operation.ts' {
  interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
    /**
     * Who may call it over HTTP (default: the person only). An operation offered to
     * organisations or apps MUST have permission `grant` (or `public`) and its handler MUST
     * go through the consent engine, reading the caller's registration with
     * src/clients/caller.ts when it needs it: the HTTP layer only authenticates the token
     * (and checks that its client is still registered as that kind).
     */
    audiences?: readonly OperationAudience[];
    /** The largest request body its HTTP route accepts, when more than the server's default (bulk pushes). */
    httpBodyLimitBytes?: number;
  }
}

/** Whether the operation is offered to this audience. */
export function offeredTo(op: AnyOperation, audience: OperationAudience): boolean {
  const declared = op.audiences ?? ['person'];
  if (audience !== 'person' && op.permission === 'owner') return false;
  return declared.includes(audience);
}
