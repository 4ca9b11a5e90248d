import type { BlobRef } from '../../domain/types/common-types.ts';
import type { ConnectorContext } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import type { VcardProperty } from './vcard-lines.ts';
import { encodingOf, param, typesOf } from './vcard-lines.ts';

/**
 * A contact photo: inline base64 (`ENCODING=b` in 3.0, `ENCODING=BASE64` in 2.1, a
 * `data:` URI in 4.0) is stored through ctx.putBlob and referenced by its sha256; a link
 * (`VALUE=uri`, http…) is kept as `{ uri }`.
 */
export async function photoOf(p: VcardProperty, value: string, at: { file: string; line: number }, ctx: ConnectorContext): Promise<BlobRef | { uri: string } | undefined> {
  const v = value.trim();
  if (v === '') return undefined;
  let b64: string;
  let declared: string | undefined;
  const data = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(v);
  if (data) {
    if (!/;base64/i.test(data[2]!)) return { uri: v };
    declared = data[1] || undefined;
    b64 = data[3]!;
  } else if (encodingOf(p) === 'B') {
    b64 = v;
    declared = param(p, 'MEDIATYPE') ?? typesOf(p)[0];
  } else return { uri: v };
  const clean = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1)
    throw new ConnectorError(`${at.file}, line ${at.line}: the PHOTO is not valid base64`, { file: at.file, line: at.line, field: 'PHOTO' }, `${clean.length} characters`);
  const bytes = new Uint8Array(Buffer.from(clean, 'base64'));
  if (bytes.length === 0) return undefined;
  return ctx.putBlob(bytes, mediaTypeOf(declared, bytes));
}

function mediaTypeOf(declared: string | undefined, bytes: Uint8Array): string {
  const sniffed = sniff(bytes);
  if (sniffed) return sniffed;
  const d = (declared ?? '').toLowerCase();
  if (d.includes('/')) return d;
  const known: Record<string, string> = { jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', bmp: 'image/bmp', webp: 'image/webp', heic: 'image/heic' };
  return known[d] ?? 'application/octet-stream';
}

function sniff(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'image/gif';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45) return 'image/webp';
  return undefined;
}
