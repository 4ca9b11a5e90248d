import { constants, inflateRawSync } from 'node:zlib';

/**
 * Looks inside the first bytes of a zip for an XLSX and, cheaply, for the words of its
 * strings: walks the local file headers in the head (no central directory needed) and
 * inflates `xl/sharedStrings.xml` (and the first worksheet, for inline strings) as far as
 * they lie in the head. Synchronous, bounded by the head's size, never throws.
 */
export interface XlsxSniff {
  isXlsx: boolean;
  /** Text of the strings found in the head ('' when none). */
  text: string;
  /** True when the whole shared-strings part was in the head: its words are all there is. */
  complete: boolean;
}

const LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

/** Where the next local header or the central directory starts, from `from`; -1 if not in the head. */
function nextHeader(head: Uint8Array, from: number): number {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const found = [b.indexOf(LOCAL, from), b.indexOf(CENTRAL, from)].filter((i) => i >= 0);
  return found.length > 0 ? Math.min(...found) : -1;
}

export function sniffXlsx(head: Uint8Array): XlsxSniff {
  const names: string[] = [];
  let text = '';
  let complete = false;
  let off = 0;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  while (off + 30 <= head.length && view.getUint32(off, true) === 0x04034b50) {
    const flags = view.getUint16(off + 6, true);
    const method = view.getUint16(off + 8, true);
    const compSize = view.getUint32(off + 18, true);
    const nameLen = view.getUint16(off + 26, true);
    const extraLen = view.getUint16(off + 28, true);
    const name = Buffer.from(head.subarray(off + 30, off + 30 + nameLen)).toString('utf8');
    names.push(name);
    const data = off + 30 + nameLen + extraLen;
    const sizeKnown = !(flags & 8) || compSize > 0;
    // Streamed zips (a data descriptor after the data) do not say the size: the next local header ends the part.
    const next = sizeKnown ? -1 : nextHeader(head, data);
    const end = sizeKnown ? Math.min(data + compSize, head.length) : next >= 0 ? next : head.length;
    if (name === 'xl/sharedStrings.xml') {
      text += inflatePart(head.subarray(data, end), method);
      complete = sizeKnown ? data + compSize <= head.length : next >= 0;
    } else if (name === 'xl/worksheets/sheet1.xml') {
      // Only inline strings say anything here; shared ones are mere indexes.
      const sheet = inflatePart(head.subarray(data, end), method);
      for (const m of sheet.matchAll(/<is>(.*?)<\/is>/gs)) text += `${m[1]!.replace(/<[^>]+>/g, '')}\n`;
    }
    if (!sizeKnown && next < 0) break;
    off = sizeKnown ? data + compSize : next;
  }
  const isXlsx = names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/'));
  return { isXlsx, text, complete };
}

function inflatePart(bytes: Uint8Array, method: number): string {
  if (method === 0) return Buffer.from(bytes).toString('utf8');
  if (method !== 8) return '';
  try {
    // Z_SYNC_FLUSH returns what inflates even when the entry is cut at the end of the head.
    return inflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
  } catch (e) {
    // Corrupt deflate data: nothing to read here, and recognition must not throw.
    if (typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code.startsWith('Z_')) return '';
    throw e;
  }
}
