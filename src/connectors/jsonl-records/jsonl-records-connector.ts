import type { Connector, ConnectorRecord } from '../connector.ts';
import { headText, readJsonLines } from '../util/text.ts';

/**
 * MesInfos records as JSON Lines: one record per line, in the shape the vault exports
 * ({ type, source, sourceRef, occurredAt, data }). Stored fields (id, revision…) are ignored.
 */
export const jsonlRecordsConnector: Connector = {
  id: 'mesinfos-jsonl',
  label: 'MesInfos records (JSON Lines)',
  recognize(input) {
    const first = headText(input, 8192).split(/\r?\n/).find((l) => l.trim() !== '');
    if (!first) return { confidence: 0, reason: 'empty' };
    try {
      const o = JSON.parse(first) as Record<string, unknown>;
      if (o && typeof o === 'object' && 'type' in o && 'sourceRef' in o && 'occurredAt' in o && 'data' in o)
        return { confidence: 0.95, reason: 'first line is a MesInfos record' };
      return { confidence: 0, reason: 'first line is JSON but not a MesInfos record' };
    } catch {
      return { confidence: 0, reason: 'first line is not JSON' };
    }
  },
  async *read(input) {
    for await (const { value: o, lineNo } of readJsonLines(input, 'a JSON object (one record)')) {
      const { type, source, sourceRef, occurredAt, occurredOffset, data } = o;
      const rec = { type, source, sourceRef, occurredAt, data, location: `line ${lineNo}` } as ConnectorRecord;
      if (occurredOffset !== undefined) rec.occurredOffset = occurredOffset as string;
      yield rec;
    }
  },
};
