import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { ConnectorInput } from '../connector.ts';
import { ConnectorError } from '../connector.ts';

/**
 * The rows of an XLSX workbook's first worksheet, streamed: yauzl opens the zip (from the
 * file on disk when there is one, else from memory: a zip needs random access to its
 * central directory), saxes reads `xl/sharedStrings.xml` and then the sheet's XML. A row
 * is `values[column]` (1-based, like exceljs): strings, numbers (dates stay Excel serial
 * numbers; the caller knows which columns hold dates), booleans, or undefined.
 *
 * The first worksheet is `xl/worksheets/sheet1.xml`, else the lowest-numbered sheet.
 * A damaged zip or XML fails with a ConnectorError (exceljs's streaming reader can hang
 * on a damaged file, which is why it is not used here).
 */
export interface SheetRow {
  number: number;
  values: (string | number | boolean | undefined)[];
}

const MAX_IN_MEMORY = 256 * 1024 * 1024;

export async function* readFirstSheetRows(input: ConnectorInput): AsyncIterable<SheetRow> {
  const file = input.name;
  const fail = (what: string, e: unknown): never => {
    if (e instanceof ConnectorError) throw e;
    throw new ConnectorError(`${file}: ${what}`, { file }, (e as Error).message);
  };
  let zip: ZipFile;
  try {
    zip = await openZip(input);
  } catch (e) {
    return fail('this spreadsheet cannot be opened (not an XLSX file, or damaged?)', e);
  }
  try {
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const sheets = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort((a, b) => sheetNo(a) - sheetNo(b));
    const sheet = entries.get('xl/worksheets/sheet1.xml') ?? (sheets[0] ? entries.get(sheets[0]) : undefined);
    if (!sheet) throw new ConnectorError(`${file}: this workbook has no worksheet (xl/worksheets/sheet1.xml)`, { file });
    const shared: string[] = [];
    const sst = entries.get('xl/sharedStrings.xml');
    if (sst) for await (const _ of parseXml(zip, sst, sharedStringsHandler(shared))) void _;
    yield* parseXml(zip, sheet, sheetHandler(shared));
  } catch (e) {
    fail('this spreadsheet cannot be read (damaged XLSX?)', e);
  } finally {
    zip.close();
  }
}

async function openZip(input: ConnectorInput): Promise<ZipFile> {
  const o = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true };
  if (input.path) return yauzl.openPromise(input.path, o);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of input.open()) {
    total += chunk.length;
    if (total > MAX_IN_MEMORY) throw new ConnectorError(`${input.name}: this spreadsheet is larger than ${MAX_IN_MEMORY} bytes; import it from a file on disk`, { file: input.name });
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return yauzl.fromBufferPromise(Buffer.concat(parts), o);
}

const sheetNo = (n: string) => Number(/(\d+)\.xml$/.exec(n)?.[1] ?? 0);

/** Feeds a member's XML to saxes; `handler` turns events into items, yielded after each chunk. */
interface XmlHandler<T> {
  open(name: string, attrs: Record<string, string>): void;
  text(t: string): void;
  close(name: string): T | undefined;
}

async function* parseXml<T>(zip: ZipFile, entry: Entry, h: XmlHandler<T>): AsyncIterable<T> {
  const parser = new SaxesParser();
  const out: T[] = [];
  parser.on('opentag', (tag) => h.open(tag.name, tag.attributes as Record<string, string>));
  parser.on('text', (t) => h.text(t));
  parser.on('closetag', (tag) => {
    const item = h.close(tag.name);
    if (item !== undefined) out.push(item);
  });
  const stream = await zip.openReadStreamPromise(entry);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream) {
      parser.write(decoder.decode(chunk as Uint8Array, { stream: true }));
      yield* out.splice(0);
    }
    parser.write(decoder.decode());
    parser.close();
    yield* out.splice(0);
  } finally {
    stream.destroy();
  }
}

function sharedStringsHandler(shared: string[]): XmlHandler<never> {
  let cur: string | null = null;
  let inT = false;
  let inRph = false;
  return {
    open(name) {
      if (name === 'si') cur = '';
      else if (name === 't') inT = true;
      else if (name === 'rPh') inRph = true;
    },
    text(t) {
      if (cur !== null && inT && !inRph) cur += t;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inRph = false;
      else if (name === 'si' && cur !== null) {
        shared.push(cur);
        cur = null;
      }
      return undefined;
    },
  };
}

function sheetHandler(shared: string[]): XmlHandler<SheetRow> {
  let row: SheetRow | null = null;
  let lastRow = 0;
  let cell: { col: number; type: string; text: string } | null = null;
  let lastCol = 0;
  let capture = false;
  return {
    open(name, a) {
      if (name === 'row') {
        lastRow = a.r ? Number(a.r) : lastRow + 1;
        row = { number: lastRow, values: [] };
        lastCol = 0;
      } else if (name === 'c' && row) {
        lastCol = a.r ? columnOf(a.r) : lastCol + 1;
        cell = { col: lastCol, type: a.t ?? 'n', text: '' };
      } else if ((name === 'v' || name === 't') && cell) capture = true;
    },
    text(t) {
      if (capture && cell) cell.text += t;
    },
    close(name) {
      if (name === 'v' || name === 't') capture = false;
      else if (name === 'c' && cell && row) {
        row.values[cell.col] = valueOf(cell, shared);
        cell = null;
      } else if (name === 'row' && row) {
        const done = row;
        row = null;
        return done;
      }
      return undefined;
    },
  };
}

function valueOf(c: { type: string; text: string }, shared: string[]): string | number | boolean | undefined {
  if (c.text === '') return undefined;
  switch (c.type) {
    case 's':
      return shared[Number(c.text)];
    case 'b':
      return c.text === '1';
    case 'str':
    case 'inlineStr':
    case 'e':
      return c.text;
    default: {
      const n = Number(c.text);
      return Number.isFinite(n) ? n : c.text;
    }
  }
}

/** "AB12" → 28. */
function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n;
}
