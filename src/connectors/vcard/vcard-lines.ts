import { ConnectorError } from '../connector.ts';
import type { TextEncoding } from '../util/text.ts';

/**
 * vCard content lines. Unfolds (a physical line starting with a space or tab continues the
 * previous one, RFC 6350 §3.2) and joins vCard 2.1 quoted-printable soft line breaks (a
 * QUOTED-PRINTABLE value ending in `=` goes on with the next physical line, which is not
 * indented). Then splits `group.NAME;PARAM=a,b;BARE:value`.
 */
export interface VcardProperty {
  group?: string;
  /** Upper-case name ("TEL", "X-ABLABEL"). */
  name: string;
  /** Upper-case parameter names → values as written (quotes removed). */
  params: Map<string, string[]>;
  /** vCard 2.1 bare parameters ("TEL;CELL;HOME:"), upper-case. */
  bare: string[];
  /** The raw value, still escaped / encoded. */
  value: string;
  line: number;
  /** How the line's bytes were read (Windows-1252 when they were not UTF-8). */
  encoding: TextEncoding;
}

const isQp = (text: string) => /QUOTED-PRINTABLE/i.test(text.slice(0, headEnd(text)));

/** Index of the colon that ends the name and parameters (colons inside quotes do not count). */
function headEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

/** Turns physical lines into logical ones, each with the number of its first physical line. */
export class VcardUnfolder {
  private current: { text: string; line: number; encoding: TextEncoding } | null = null;
  private qpOpen = false;

  push(line: string, lineNo: number, encoding: TextEncoding = 'utf-8'): { text: string; line: number; encoding: TextEncoding } | null {
    if (this.current && this.qpOpen) {
      if (encoding !== 'utf-8') this.current.encoding = encoding;
      this.current.text = this.current.text.slice(0, -1) + line;
      this.qpOpen = this.current.text.endsWith('=');
      return null;
    }
    if (this.current && (line.startsWith(' ') || line.startsWith('\t'))) {
      if (encoding !== 'utf-8') this.current.encoding = encoding;
      this.current.text += line.slice(1);
      this.qpOpen = isQp(this.current.text) && this.current.text.endsWith('=');
      return null;
    }
    const done = this.current;
    this.current = line.trim() === '' ? null : { text: line, line: lineNo, encoding };
    this.qpOpen = this.current !== null && isQp(line) && line.endsWith('=');
    return done;
  }

  end(): { text: string; line: number; encoding: TextEncoding } | null {
    const done = this.current;
    this.current = null;
    return done;
  }
}

/** Splits a logical line into group, name, parameters and value. */
export function parseProperty(text: string, line: number, file: string, encoding: TextEncoding = 'utf-8'): VcardProperty {
  const colon = headEnd(text);
  if (colon < 0) throw new ConnectorError(`${file}, line ${line}: expected a property "NAME:value", found "${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`, { file, line });
  const head = splitOutsideQuotes(text.slice(0, colon), ';');
  const fullName = head[0]!.trim();
  const dot = fullName.lastIndexOf('.');
  const prop: VcardProperty = {
    name: (dot >= 0 ? fullName.slice(dot + 1) : fullName).toUpperCase(),
    params: new Map(),
    bare: [],
    value: text.slice(colon + 1),
    line,
    encoding,
  };
  if (dot >= 0) prop.group = fullName.slice(0, dot).toLowerCase();
  for (const p of head.slice(1)) {
    const eq = p.indexOf('=');
    if (eq < 0) {
      if (p.trim() !== '') prop.bare.push(p.trim().toUpperCase());
      continue;
    }
    const key = p.slice(0, eq).trim().toUpperCase();
    const values = splitOutsideQuotes(p.slice(eq + 1), ',').map((v) => v.trim().replace(/^"(.*)"$/, '$1'));
    prop.params.set(key, [...(prop.params.get(key) ?? []), ...values]);
  }
  return prop;
}

function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of s) {
    if (c === '"') quoted = !quoted;
    if (c === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** A parameter's first value, upper-cased; vCard 2.1 bare words count for ENCODING and TYPE. */
export function param(p: VcardProperty, name: string): string | undefined {
  return p.params.get(name)?.[0];
}

/** The property's encoding: "QP", "B" (base64) or undefined. */
export function encodingOf(p: VcardProperty): 'QP' | 'B' | undefined {
  const e = (param(p, 'ENCODING') ?? p.bare.find((b) => b === 'QUOTED-PRINTABLE' || b === 'BASE64' || b === 'B') ?? '').toUpperCase();
  if (e === 'QUOTED-PRINTABLE') return 'QP';
  if (e === 'B' || e === 'BASE64') return 'B';
  return undefined;
}

/** TYPE values (TYPE=a,b; TYPE=a;TYPE=b; 2.1 bare words), lower-case, without encodings and charsets. */
export function typesOf(p: VcardProperty): string[] {
  const raw = [...(p.params.get('TYPE') ?? []), ...p.bare.filter((b) => b !== 'QUOTED-PRINTABLE' && b !== 'BASE64' && b !== 'B' && !b.startsWith('CHARSET'))];
  return [...new Set(raw.flatMap((t) => t.split(',')).map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
}
