/**
 * A streaming tokenizer for OFX: SGML (OFX 1.x, leaf elements usually not closed) and
 * XML (OFX 2.x) alike. It is deliberately tolerant — bank files are often neither valid
 * SGML nor well-formed XML (a bare `&` in a NAME, a missing `</OFX>`), so one lenient
 * tokenizer serves both versions instead of a strict XML parser that would refuse them.
 *
 * It knows nothing of OFX: it turns text into `open`, `close` and `text` tokens, skips
 * comments, processing instructions (`<?OFX …?>`) and declarations, decodes entities
 * (`&amp;`, `&#233;`, and double-escaped `&amp;amp;`), and keeps 1-based line numbers.
 * Memory holds one unfinished token at most, whatever the file size.
 */
export type SgmlToken =
  | { kind: 'open'; name: string; line: number }
  | { kind: 'close'; name: string; line: number }
  | { kind: 'text'; text: string; line: number };

export class SgmlTokenizer {
  #buf = '';
  #line = 1;

  /** Feeds a chunk of text; returns the tokens complete so far. */
  push(chunk: string): SgmlToken[] {
    this.#buf += chunk;
    return this.#drain(false);
  }

  /** Ends the input; returns the last tokens (an unfinished tag at the end is dropped). */
  end(): SgmlToken[] {
    return this.#drain(true);
  }

  /** The line the tokenizer has reached. */
  get line(): number {
    return this.#line;
  }

  #drain(final: boolean): SgmlToken[] {
    const out: SgmlToken[] = [];
    const buf = this.#buf;
    let pos = 0;
    while (pos < buf.length) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        if (!final) break; // the text may continue in the next chunk
        this.#text(buf.slice(pos), out);
        pos = buf.length;
        break;
      }
      if (lt > pos) {
        this.#text(buf.slice(pos, lt), out);
        pos = lt;
      }
      const end = tagEnd(buf, lt);
      if (end < 0) {
        if (final) pos = buf.length; // truncated tag at end of file
        break;
      }
      const raw = buf.slice(lt, end);
      this.#tag(raw, out);
      this.#line += countNewlines(raw);
      pos = end;
    }
    this.#buf = buf.slice(pos);
    return out;
  }

  #text(raw: string, out: SgmlToken[]): void {
    const line = this.#line + leadingNewlines(raw);
    this.#line += countNewlines(raw);
    if (raw.trim() === '') return;
    out.push({ kind: 'text', text: decodeEntities(raw), line });
  }

  #tag(raw: string, out: SgmlToken[]): void {
    if (raw.startsWith('<!') || raw.startsWith('<?')) {
      if (raw.startsWith('<![CDATA[')) out.push({ kind: 'text', text: raw.slice(9, -3), line: this.#line });
      return;
    }
    const m = /^<(\/?)\s*([A-Za-z_][\w.:-]*)[^>]*?(\/?)\s*>$/s.exec(raw);
    if (!m) return; // "<" followed by something that is no tag: not ours to judge
    const name = m[2]!.toUpperCase();
    if (m[1]) out.push({ kind: 'close', name, line: this.#line });
    else {
      out.push({ kind: 'open', name, line: this.#line });
      if (m[3]) out.push({ kind: 'close', name, line: this.#line });
    }
  }
}

/** Index just past the end of the markup starting at `lt`, or -1 if not complete yet. */
function tagEnd(buf: string, lt: number): number {
  let close = '>';
  if (buf.startsWith('<!--', lt)) close = '-->';
  else if (buf.startsWith('<![CDATA[', lt)) close = ']]>';
  else if (buf.startsWith('<?', lt)) close = '?>';
  else if (buf.length - lt < 9 && ('<![CDATA['.startsWith(buf.slice(lt)) || '<!--'.startsWith(buf.slice(lt)))) return -1;
  const i = buf.indexOf(close, lt + 1);
  return i < 0 ? -1 : i + close.length;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function leadingNewlines(s: string): number {
  let n = 0;
  for (const c of s) {
    if (c === '\n') n++;
    else if (c !== ' ' && c !== '\t' && c !== '\r') break;
  }
  return n;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY_RE = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g;

/**
 * Decodes character entities. Some banks escape twice (`&amp;amp;`, `&amp;eacute;`): when
 * one pass leaves entities that themselves decode, a second pass is made. Unknown
 * entities and bare `&` stay as written.
 */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  let out = decodeOnce(s);
  if (out !== s && /&(amp|lt|gt|quot|apos|nbsp|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.test(out)) out = decodeOnce(out);
  return out;
}

function decodeOnce(s: string): string {
  return s.replace(ENTITY_RE, (all, e: string) => {
    if (e.startsWith('#')) {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return NAMED[e.toLowerCase()] ?? all;
  });
}
