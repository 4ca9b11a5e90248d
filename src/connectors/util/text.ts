import iconv from 'iconv-lite';
import type { ConnectorInput } from '../connector.ts';
import { ConnectorError } from '../connector.ts';

/**
 * Text decoding for connectors. Encodings lie: files that declare Windows-1252 are often
 * UTF-8, and files without a declaration are often Latin-1. The rule: a BOM wins; then
 * strict UTF-8 if the first 64 KiB decode as UTF-8; else Windows-1252 (a superset of
 * Latin-1 for printable text). A declared charset is only a hint used when the content
 * cannot tell.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function detectEncoding(head: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: looksUtf8(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** True when the bytes are valid UTF-8, allowing a sequence cut at the very end. */
export function looksUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Ignore an incomplete multi-byte sequence at the end of a head sample.
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = bytes[end - k]!;
    if ((b & 0xc0) === 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (k < need) end -= k;
      break;
    }
    if ((b & 0xc0) !== 0x80) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Decodes the head of an input to text (for recognition), BOM removed. */
export function headText(input: ConnectorInput, maxChars = 65536): string {
  const { encoding, bomLength } = detectEncoding(input.head);
  const text = decodeBytes(input.head.subarray(bomLength), encoding);
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}

export function decodeBytes(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** Streams the whole input as text chunks in the detected encoding, BOM removed. */
export async function* decodeInput(input: ConnectorInput, forced?: TextEncoding): AsyncIterable<string> {
  const detected = detectEncoding(input.head);
  const encoding = forced ?? detected.encoding;
  let skip = detected.encoding === encoding ? detected.bomLength : 0;
  const decoder = encoding === 'utf-8' ? null : iconv.getDecoder(encoding);
  const utf8 = encoding === 'utf-8' ? new TextDecoder('utf-8') : null;
  for await (const chunk of input.open()) {
    let bytes = chunk;
    if (skip > 0) {
      const n = Math.min(skip, bytes.length);
      bytes = bytes.subarray(n);
      skip -= n;
    }
    const text = utf8 ? utf8.decode(bytes, { stream: true }) : decoder!.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (text) yield text;
  }
  const tail = utf8 ? utf8.decode() : decoder!.end();
  if (tail) yield tail;
}

/** Splits a text stream into lines (LF, CRLF or CR), with 1-based line numbers. */
export async function* readLines(chunks: AsyncIterable<string>): AsyncIterable<{ line: string; lineNo: number }> {
  let buf = '';
  let lineNo = 0;
  let pendingCR = false;
  for await (const chunk of chunks) {
    let text = chunk;
    if (pendingCR && text.startsWith('\n')) text = text.slice(1);
    pendingCR = false;
    buf += text;
    let start = 0;
    for (let i = 0; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c === 10 || c === 13) {
        yield { line: buf.slice(start, i), lineNo: ++lineNo };
        if (c === 13) {
          if (i + 1 < buf.length) {
            if (buf.charCodeAt(i + 1) === 10) i++;
          } else pendingCR = true;
        }
        start = i + 1;
      }
    }
    buf = buf.slice(start);
  }
  if (buf.length > 0) yield { line: buf, lineNo: ++lineNo };
}

/**
 * Reads JSON Lines (NDJSON): one JSON object per non-blank line, decoded and parsed.
 * Throws a ConnectorError naming the file and line when a line is not valid JSON, or is
 * not an object (`expected` completes "expected …", e.g. "a JSON object on each line").
 */
export async function* readJsonLines(input: ConnectorInput, expected: string): AsyncIterable<{ value: Record<string, unknown>; lineNo: number }> {
  for await (const { line, lineNo } of readLines(decodeInput(input))) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new ConnectorError(`${input.name}, line ${lineNo}: this line is not valid JSON`, { file: input.name, line: lineNo }, (e as Error).message);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new ConnectorError(`${input.name}, line ${lineNo}: expected ${expected}`, { file: input.name, line: lineNo });
    yield { value: value as Record<string, unknown>, lineNo };
  }
}
