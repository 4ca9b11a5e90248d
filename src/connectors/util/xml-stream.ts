import { SaxesParser } from 'saxes';
import type { ConnectorContext, ConnectorInput } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { decodeInput } from './text.ts';
import { countingInput } from './input.ts';

/**
 * Streams an XML input through saxes and yields what the handlers emit, in one batch per
 * chunk of input (a batch hop is cheaper than one per item), so memory stays flat whatever
 * the file size.
 *
 * - Whitespace (and a BOM) before `<?xml` is dropped: saxes, like the XML spec, refuses
 *   anything before the declaration, but real exports have it.
 * - A DOCTYPE, with or without an internal subset (`<!DOCTYPE HealthData [ … ]>`), is
 *   skipped: saxes never fetches an external DTD and never expands an entity declared in
 *   a DTD; an unknown `&name;` in the document is an error, never a lookup.
 * - Control characters that XML 1.0 forbids (U+0000–U+001F but tab, LF, CR) are replaced
 *   by a space: Apple Health since iOS 16 writes U+000B inside attribute values, which
 *   every strict parser refuses.
 * - saxes errors become ConnectorErrors naming the file, line and column.
 *
 * Example:
 *   for await (const batch of xmlStream(input, ctx, (parser, emit) => {
 *     parser.on('opentag', (t) => { if (t.name === 'wpt') emit(t.attributes.lat); });
 *   })) yield* batch;
 */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const FORBIDDEN_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

export async function* xmlStream<T>(
  input: ConnectorInput,
  ctx: Pick<ConnectorContext, 'progress'> | undefined,
  setup: (parser: SaxesParser, emit: (item: T) => void) => void,
): AsyncIterable<T[]> {
  const parser = new SaxesParser({ position: true, fileName: input.name });
  const queue: T[] = [];
  setup(parser, (item) => queue.push(item));
  let started = false;
  let bytes = 0;
  const counted = countingInput(input, (n) => {
    bytes = n;
  });
  const write = (raw: string) => {
    const text = FORBIDDEN.test(raw) ? raw.replace(FORBIDDEN_ALL, ' ') : raw;
    try {
      parser.write(text);
    } catch (e) {
      // saxes reports bad XML with a plain Error; anything else is a bug and goes up as it is.
      if (!(e instanceof Error) || e.constructor !== Error) throw e;
      throw new ConnectorError(
        `${input.name}, line ${parser.line}: this XML is malformed`,
        { file: input.name, line: parser.line },
        (e as Error).message,
      );
    }
  };
  for await (let text of decodeInput(counted)) {
    if (!started) {
      text = text.replace(/^[\s\ufeff]+/, '');
      if (text === '') continue;
      started = true;
    }
    write(text);
    ctx?.progress?.(bytes);
    if (queue.length) yield queue.splice(0, queue.length);
  }
  if (!started) throw new ConnectorError(`${input.name}: the file is empty`, { file: input.name });
  try {
    parser.close();
  } catch (e) {
    if (!(e instanceof Error) || e.constructor !== Error) throw e;
    throw new ConnectorError(
      `${input.name}, line ${parser.line}: the XML ends too early (truncated file?)`,
      { file: input.name, line: parser.line },
      (e as Error).message,
    );
  }
  if (queue.length) yield queue.splice(0, queue.length);
}

/** The local part of an element name ("gpx:trkpt" → "trkpt"). */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}
