import type { ConnectorInput } from '../connector.ts';
import type { TextEncoding } from '../util/text.ts';
import { decodeBytes, decodeInput, detectEncoding, readLines } from '../util/text.ts';

/**
 * Lines of a vCard file, each decoded on its own: valid UTF-8 as UTF-8, anything else as
 * Windows-1252. Address books are often mixed (an old Latin-1 card appended to a UTF-8
 * export), and a file that opens with a large base64 photo says nothing about its encoding
 * in its first 64 KiB. UTF-16 files (with a BOM) are decoded whole. Line ends: LF or CRLF.
 */
export async function* readVcardLines(input: ConnectorInput): AsyncIterable<{ line: string; lineNo: number; encoding: TextEncoding }> {
  const detected = detectEncoding(input.head);
  if (detected.encoding === 'utf-16le' || detected.encoding === 'utf-16be') {
    for await (const l of readLines(decodeInput(input))) yield { ...l, encoding: detected.encoding };
    return;
  }
  let pending: Uint8Array[] = [];
  let lineNo = 0;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const decode = (parts: Uint8Array[]) => {
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    if (lineNo === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, -1);
    lineNo++;
    if (!bytes.some((b) => b >= 0x80)) return { line: decodeBytes(bytes, 'utf-8'), lineNo, encoding: 'utf-8' as const };
    try {
      return { line: utf8.decode(bytes), lineNo, encoding: 'utf-8' as const };
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      // Not UTF-8: the byte-per-character encoding of French Windows.
      return { line: decodeBytes(bytes, 'windows-1252'), lineNo, encoding: 'windows-1252' as const };
    }
  };
  for await (const chunk of input.open()) {
    let start = 0;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, i));
      yield decode(pending);
      pending = [];
      start = i + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.some((p) => p.length > 0)) yield decode(pending);
}
