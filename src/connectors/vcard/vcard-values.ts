import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { isRealDate } from '../../domain/time.ts';
import type { VcardProperty } from './vcard-lines.ts';
import { encodingOf, param } from './vcard-lines.ts';

/**
 * Value decoding for vCard: quoted-printable with its CHARSET (vCard 2.1), CHARSET on raw
 * 8-bit text when the file as a whole was read as Windows-1252, escapes (`\,` `\;` `\n`
 * `\\`), structured values split on unescaped `;` and lists on unescaped `,`, and dates.
 */

/**
 * Decodes bytes in a declared charset; UTF-8 that is not valid UTF-8 falls back to
 * Windows-1252. The check is strict (`isUtf8`), not util/text's `looksUtf8`, which forgives
 * a sequence cut at the end of a head sample and would take "Caf=E9" for broken UTF-8.
 */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const cs = (charset ?? 'UTF-8').toUpperCase();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (cs === 'UTF-8' || cs === 'UTF8' || !iconv.encodingExists(cs)) return isUtf8(bytes) ? buf.toString('utf8') : iconv.decode(buf, 'windows-1252');
  return iconv.decode(buf, cs);
}

export function qpDecode(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61 /* = */) {
      const hex = text.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
      if (text[i + 1] === '\r' || text[i + 1] === '\n' || i === text.length - 1) continue; // soft break left over
      out.push(c);
    } else if (c < 256) out.push(c);
    else for (const b of Buffer.from(text[i]!, 'utf8')) out.push(b);
  }
  return Uint8Array.from(out);
}

/**
 * The text of a property with encodings undone (escapes are not: structured values split
 * first). Raw 8-bit text declared CHARSET=UTF-8 on a line read as Windows-1252 is read
 * again as UTF-8.
 */
export function textOf(p: VcardProperty): string {
  const charset = param(p, 'CHARSET') ?? p.bare.find((b) => b.startsWith('CHARSET='))?.slice(8);
  if (encodingOf(p) === 'QP') return decodeCharset(qpDecode(p.value), charset);
  if (p.encoding === 'windows-1252' && charset && /^UTF-?8$/i.test(charset) && /[^\x00-\x7f]/.test(p.value)) {
    const bytes = iconv.encode(p.value, 'windows-1252');
    if (isUtf8(bytes)) return bytes.toString('utf8');
  }
  return p.value;
}

export function unescapeText(s: string): string {
  return s.replace(/\\([\\,;:nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits on a separator not preceded by a backslash, and unescapes each part. */
export function splitEscaped(s: string, sep: ';' | ','): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map(unescapeText);
}

/**
 * A birthday as a local date, or "--MM-DD" without a year. Accepts 19850314, 1985-03-14,
 * 1985-03-14T00:00:00Z, --0314, --03-14, 14/03/1985, and Apple's year 1604 with
 * X-APPLE-OMIT-YEAR. Null when it is not a date (VALUE=text "vers 1950").
 */
export function parseVcardDate(value: string, omitYear?: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T[\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) {
    const fr = /^(\d{2})[/.](\d{2})[/.](\d{4})$/.exec(v);
    if (fr) m = [v, fr[3]!, fr[2]!, fr[1]!] as unknown as RegExpExecArray;
  }
  if (m) {
    const [y, mo, d] = [m[1]!, m[2]!, m[3]!];
    if (!isRealDate(`${y}-${mo}-${d}`)) return null;
    if (omitYear && omitYear === y) return `--${mo}-${d}`;
    return `${y}-${mo}-${d}`;
  }
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(v);
  // A leap year, so that --02-29 is a real day.
  if (noYear && isRealDate(`2000-${noYear[1]}-${noYear[2]}`)) return `--${noYear[1]}-${noYear[2]}`;
  return null;
}

/** REV as an instant: 20230115T103000Z, 2023-01-15T10:30:00Z, with or without fractions. */
export function parseRev(value: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) {
    const d = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
    return d ? `${d[1]}-${d[2]}-${d[3]}T00:00:00.000Z` : null;
  }
  const zone = m[7] ?? 'Z';
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
