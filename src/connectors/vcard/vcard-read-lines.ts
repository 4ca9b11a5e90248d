import { isUtf8 } from 'node:buffer';
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
  const decode = (parts: Uint8Array[]) => {
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    if (lineNo === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, -1);
    lineNo++;
    // Strict check on the whole line (util/text's looksUtf8 forgives a cut tail, meant for head samples).
    // Not UTF-8: the byte-per-character encoding of French Windows.
    const encoding: TextEncoding = isUtf8(bytes) ? 'utf-8' : 'windows-1252';
    return { line: decodeBytes(bytes, encoding), lineNo, encoding };
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
