import { inflateSync } from 'node:zlib';

/**
 * Reads what a test needs from a PDF without a PDF library: the header version, that the
 * trailer's startxref points at the cross-reference table, the page count of the page
 * tree, the document title, and the text shown (hex strings of TJ/Tj operators in the
 * content streams, decoded as WinAnsi). Enough for pdfkit's output; not a general reader.
 */
export interface PdfFacts {
  version: string;
  pages: number;
  title: string | undefined;
  text: string;
}

const WIN_ANSI_HIGH: Record<number, string> = { 0x80: '€', 0x85: '…', 0x8c: 'Œ', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—', 0x9c: 'œ' };

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    out += WIN_ANSI_HIGH[b] ?? String.fromCharCode(b);
  }
  return out;
}

/** PDF literal string "(…)" with its escapes, as the metadata holds it. */
function decodeLiteral(s: string): string {
  return s.replace(/\\([nrtbf()\\]|\d{1,3})/g, (_, e: string) => (/^\d/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e));
}

/** A PDF text string: UTF-16BE after a BOM, else PDFDocEncoding (close to Latin-1). */
function textString(raw: string): string {
  if (!raw.startsWith('\u00fe\u00ff')) return raw;
  return Buffer.from(raw.slice(2), 'latin1').swap16().toString('utf16le');
}

/** The document's /Title, direct or through an indirect object. */
function readTitle(latin: string): string | undefined {
  const m = /\/Title\s*(?:\(((?:\\.|[^\\)])*)\)|(\d+)\s+0\s+R)/.exec(latin);
  if (!m) return undefined;
  if (m[1] !== undefined) return textString(decodeLiteral(m[1]));
  const obj = new RegExp(`(?:^|\\n)${m[2]} 0 obj\\s*\\(((?:\\\\[\\s\\S]|[^\\\\)])*)\\)`).exec(latin);
  return obj ? textString(decodeLiteral(obj[1]!)) : undefined;
}

export function inspectPdf(bytes: Uint8Array): PdfFacts {
  const buf = Buffer.from(bytes);
  const latin = buf.toString('latin1');
  const header = /^%PDF-(\d\.\d)/.exec(latin);
  if (!header) throw new Error('no %PDF- header');
  if (!/%%EOF\s*$/.test(latin)) throw new Error('no %%EOF trailer at the end');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(latin);
  if (!startxref) throw new Error('no startxref before %%EOF');
  if (latin.slice(Number(startxref[1]), Number(startxref[1]) + 4) !== 'xref') throw new Error('startxref does not point at the xref table');
  if (!/trailer\s*<<[\s\S]*\/Root\s+\d+\s+0\s+R/.test(latin)) throw new Error('the trailer names no /Root');
  const counts = [...latin.matchAll(/\/Type\s*\/Pages[\s\S]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  if (counts.length === 0) throw new Error('no page tree');
  const pageObjects = [...latin.matchAll(/\/Type\s*\/Page\b(?!s)/g)].length;
  if (pageObjects !== Math.max(...counts)) throw new Error(`the page tree counts ${Math.max(...counts)} pages but ${pageObjects} page objects exist`);
  const title = readTitle(latin);
  let text = '';
  let at = 0;
  for (;;) {
    const s = latin.indexOf('stream', at);
    if (s < 0) break;
    const start = latin[s + 6] === '\r' ? s + 8 : s + 7;
    const end = latin.indexOf('endstream', start);
    const dict = latin.slice(latin.lastIndexOf('<<', s), s);
    let content = buf.subarray(start, end);
    if (/\/FlateDecode/.test(dict)) content = inflateSync(content);
    const ops = content.toString('latin1');
    for (const m of ops.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = m[1] !== undefined ? [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [m[2]!];
      text += hexes.map(decodeHex).join('') + '\n';
    }
    at = end + 9;
  }
  return { version: header[1]!, pages: Math.max(...counts), title, text };
}
