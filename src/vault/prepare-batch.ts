import type { ValidationFault } from '../domain/record.ts';
import type { PreparedRecord } from '../store/record-store.ts';
import { prepareRecord } from './prepare.ts';

export interface PrepareRequest {
  raws: unknown[];
  startIndex: number;
  forceSource?: string;
}

export interface PrepareResult {
  prepared: PreparedRecord[];
  faults: ValidationFault[];
  faultCount: number;
  byType: Record<string, number>;
  bySource: Record<string, number>;
}

/** Prepares a batch; records after the first fault are still validated, to list every fault. */
export function prepareBatch(req: PrepareRequest, maxFaults = 1000): PrepareResult {
  const prepared: PreparedRecord[] = [];
  const faults: ValidationFault[] = [];
  let faultCount = 0;
  const byType: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  for (let i = 0; i < req.raws.length; i++) {
    const v = prepareRecord(req.raws[i], req.startIndex + i, req.forceSource);
    if (!v.ok) {
      faultCount += v.faults.length;
      for (const f of v.faults) if (faults.length < maxFaults) faults.push(f);
      continue;
    }
    byType[v.record.type] = (byType[v.record.type] ?? 0) + 1;
    bySource[v.record.source] = (bySource[v.record.source] ?? 0) + 1;
    prepared.push(v.record);
  }
  return { prepared, faults, faultCount, byType, bySource };
}
