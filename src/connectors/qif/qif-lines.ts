import type { ConnectorInput } from '../connector.ts';
import { decodeInput, readLines } from '../util/text.ts';

/**
 * The QIF grammar, line by line: `!` headers (`!Type:Bank`, `!Account`,
 * `!Option:AutoSwitch`), then records of one-letter fields (`D`, `T`, `P`…) ended by a
 * `^` line. Streams; holds one record at a time. Both passes of the QIF reader use it.
 */
export interface QifField {
  code: string;
  value: string;
  line: number;
}

export type QifEvent =
  | { kind: 'header'; section: string; line: number }
  | { kind: 'record'; section: string; fields: QifField[]; line: number; terminated: boolean };

export async function* qifEvents(input: ConnectorInput): AsyncIterable<QifEvent> {
  let section = '';
  let fields: QifField[] = [];
  let start = 0;
  for await (const { line, lineNo } of readLines(decodeInput(input))) {
    const text = line.trim() === '' ? '' : line.replace(/^\s+/, '');
    if (text === '') continue;
    if (text.startsWith('!')) {
      if (fields.length > 0) yield { kind: 'record', section, fields, line: start, terminated: false };
      fields = [];
      const h = text.slice(1).trim();
      const m = /^Type\s*:\s*(.+)$/i.exec(h);
      section = m ? normaliseType(m[1]!) : /^Account/i.test(h) ? 'Account' : h;
      yield { kind: 'header', section, line: lineNo };
      continue;
    }
    if (text.startsWith('^')) {
      if (fields.length > 0) yield { kind: 'record', section, fields, line: start, terminated: true };
      fields = [];
      continue;
    }
    if (fields.length === 0) start = lineNo;
    fields.push({ code: text[0]!, value: text.slice(1).replace(/\s+$/, ''), line: lineNo });
  }
  if (fields.length > 0) yield { kind: 'record', section, fields, line: start, terminated: false };
}

const TYPES: Record<string, string> = { bank: 'Bank', ccard: 'CCard', cash: 'Cash', 'oth a': 'Oth A', 'oth l': 'Oth L', invst: 'Invst', cat: 'Cat', class: 'Class', memorized: 'Memorized' };

function normaliseType(t: string): string {
  const k = t.trim().toLowerCase().replace(/\s+/g, ' ');
  return TYPES[k] ?? t.trim();
}
