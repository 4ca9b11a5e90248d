/**
 * A small streaming JSON reader: it walks a JSON text chunk by chunk and hands back, whole
 * and parsed, only the values whose path the caller selects; everything else is skipped
 * without being kept. Memory is bounded by the largest selected value, not by the file:
 * a 500 MB Google `Records.json` is read one location at a time.
 *
 * A path is the list of object keys and array indexes from the root:
 * `{"locations":[{…},{…}]}` has its items at `['locations', 0]`, `['locations', 1]`.
 * The selector is asked once per value, before the value is read; answering true captures
 * the value whole (its inner values are then not asked about).
 *
 * Example:
 *   for await (const { path, value } of streamJson(decodeInput(input), {
 *     select: (p) => p.length === 2 && p[0] === 'locations',
 *   })) handle(value);
 *
 * Malformed JSON throws a `JsonStreamError` carrying the 1-based line and column.
 */
export type JsonPath = readonly (string | number)[];

export interface JsonStreamItem {
  path: JsonPath;
  value: unknown;
  /** 1-based line where the value starts. */
  line: number;
}

export interface JsonStreamOptions {
  /** True to capture the value at this path whole. */
  select(path: JsonPath): boolean;
  /** Refuse a single selected value longer than this many characters (default 64 Mi). */
  maxValueChars?: number;
}

export class JsonStreamError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = 'JsonStreamError';
  }
}

interface Frame {
  kind: 'object' | 'array';
  /** Current key (object) or index (array). */
  key: string | number;
}

const enum S {
  Value, // expecting a value
  ValueOrEnd, // after '[': a value or ']'
  KeyOrEnd, // after '{': a key or '}'
  Key, // after ',' in an object: a key
  Colon,
  CommaOrEnd,
  InKey,
  InString,
  InLiteral,
  Done,
}

const SPECIAL = /["\\{}[\]\n]/g;
const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export async function* streamJson(chunks: AsyncIterable<string>, opts: JsonStreamOptions): AsyncIterable<JsonStreamItem> {
  const maxChars = opts.maxValueChars ?? 64 * 1024 * 1024;
  const frames: Frame[] = [];
  let state: S = S.Value;
  let esc = false;
  let keyRaw = '';
  let line = 1;
  let col = 0;
  // Capture state.
  let capturing = false;
  let capBuf = '';
  let capDepth = 0;
  let capInStr = false;
  let capEsc = false;
  let capScalar = false;
  let capPath: JsonPath = [];
  let capLine = 0;
  let seenAny = false;

  const path = (): (string | number)[] => frames.map((f) => f.key);
  const fail = (msg: string): never => {
    throw new JsonStreamError(msg, line, col);
  };
  const afterValue = () => {
    state = frames.length === 0 ? S.Done : S.CommaOrEnd;
  };
  /** Ends the capture of `text` (the whole selected value) and parses it. */
  const finishCapture = (text: string): JsonStreamItem => {
    capBuf = '';
    capturing = false;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new JsonStreamError(`malformed JSON value at ${describe(capPath)}: ${(e as Error).message}`, capLine, 0);
    }
    afterValue();
    return { path: capPath, value, line: capLine };
  };

  for await (const chunk of chunks) {
    const out: JsonStreamItem[] = [];
    let capStart = capturing ? 0 : -1;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      if (capturing && !capScalar) {
        // Fast path inside a captured object or array: jump from one meaningful character
        // (quote, backslash, bracket, newline) to the next; JSON.parse checks the rest.
        let j = i;
        let end = -1;
        let nl = -1;
        while (j < n) {
          if (capEsc) {
            capEsc = false;
            if (chunk.charCodeAt(j) === 0x0a) {
              line++;
              nl = j;
            }
            j++;
            continue;
          }
          SPECIAL.lastIndex = j;
          const m = SPECIAL.exec(chunk);
          if (!m) {
            j = n;
            break;
          }
          const k = m.index;
          const ch = chunk.charCodeAt(k);
          j = k + 1;
          if (ch === 0x0a) {
            line++;
            nl = k;
          } else if (capInStr) {
            if (ch === 0x5c) capEsc = true;
            else if (ch === 0x22) {
              capInStr = false;
              if (capDepth === 0) {
                end = j; // a captured string value
                break;
              }
            }
          } else if (ch === 0x22) capInStr = true;
          else if (ch === 0x7b || ch === 0x5b) capDepth++;
          else if (ch === 0x7d || ch === 0x5d) {
            capDepth--;
            if (capDepth === 0) {
              end = j;
              break;
            }
          }
        }
        const stop = end >= 0 ? end : n;
        col = nl >= 0 ? stop - 1 - nl : col + (stop - i);
        if (end < 0) break;
        out.push(finishCapture(capBuf + chunk.slice(capStart, end)));
        i = end - 1;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 0x0a) {
        line++;
        col = 0;
      } else col++;
      if (capturing) {
        // A captured number or literal: it ends at a delimiter, which is then read again.
        let end = -1;
        let reprocess = false;
        if (isWs(c) || c === 0x2c || c === 0x7d || c === 0x5d) {
          end = i;
          reprocess = true;
        }
        if (end >= 0) {
          out.push(finishCapture(capBuf + chunk.slice(capStart, end)));
          if (reprocess) {
            if (c === 0x0a) line--;
            else col--;
            i--;
          }
        }
        continue;
      }
      switch (state) {
        case S.InString:
          if (esc) esc = false;
          else if (c === 0x5c) esc = true;
          else if (c === 0x22) afterValue();
          continue;
        case S.InKey:
          if (esc) {
            esc = false;
            keyRaw += chunk[i];
          } else if (c === 0x5c) {
            esc = true;
            keyRaw += '\\';
          } else if (c === 0x22) {
            let key: string;
            try {
              key = JSON.parse(`"${keyRaw}"`) as string;
            } catch {
              fail('malformed object key');
            }
            frames[frames.length - 1]!.key = key!;
            state = S.Colon;
          } else keyRaw += chunk[i];
          continue;
        case S.InLiteral:
          if (isWs(c) || c === 0x2c || c === 0x7d || c === 0x5d) {
            afterValue();
            break; // fall through to structural handling of this char
          }
          if (!/[0-9a-zA-Z.+-]/.test(chunk[i]!)) fail(`unexpected character ${JSON.stringify(chunk[i])}`);
          continue;
        default:
          break;
      }
      if (isWs(c)) continue;
      if (c === 0xfeff && !seenAny) continue;
      seenAny = true;
      switch (state as S) {
        case S.Value:
        case S.ValueOrEnd: {
          if (state === S.ValueOrEnd && c === 0x5d) {
            frames.pop();
            afterValue();
            break;
          }
          const p = path();
          if (opts.select(p)) {
            capturing = true;
            capPath = p;
            capLine = line;
            capStart = i;
            capBuf = '';
            capDepth = c === 0x7b || c === 0x5b ? 1 : 0;
            capInStr = c === 0x22;
            capEsc = false;
            capScalar = !(c === 0x7b || c === 0x5b || c === 0x22);
            if (c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a) fail(`expected a value, found ${JSON.stringify(chunk[i])}`);
            break;
          }
          if (c === 0x7b) {
            frames.push({ kind: 'object', key: '' });
            state = S.KeyOrEnd;
          } else if (c === 0x5b) {
            frames.push({ kind: 'array', key: 0 });
            state = S.ValueOrEnd;
          } else if (c === 0x22) {
            state = S.InString;
            esc = false;
          } else if (/[0-9tfn-]/.test(chunk[i]!)) state = S.InLiteral;
          else fail(`expected a value, found ${JSON.stringify(chunk[i])}`);
          break;
        }
        case S.KeyOrEnd:
        case S.Key:
          if (state === S.KeyOrEnd && c === 0x7d) {
            frames.pop();
            afterValue();
          } else if (c === 0x22) {
            keyRaw = '';
            esc = false;
            state = S.InKey;
          } else fail(`expected an object key in double quotes, found ${JSON.stringify(chunk[i])}`);
          break;
        case S.Colon:
          if (c !== 0x3a) fail(`expected ':' after an object key, found ${JSON.stringify(chunk[i])}`);
          state = S.Value;
          break;
        case S.CommaOrEnd: {
          const top = frames[frames.length - 1]!;
          if (c === 0x2c) {
            if (top.kind === 'array') {
              top.key = (top.key as number) + 1;
              state = S.Value;
            } else state = S.Key;
          } else if ((c === 0x7d && top.kind === 'object') || (c === 0x5d && top.kind === 'array')) {
            frames.pop();
            afterValue();
          } else fail(`expected ',' or '${top.kind === 'array' ? ']' : '}'}', found ${JSON.stringify(chunk[i])}`);
          break;
        }
        case S.Done:
          fail(`unexpected ${JSON.stringify(chunk[i])} after the end of the JSON document`);
          break;
        default:
          break;
      }
    }
    if (capturing) {
      capBuf += chunk.slice(capStart);
      if (capBuf.length > maxChars) fail(`value at ${describe(capPath)} is longer than ${maxChars} characters`);
    }
    yield* out;
  }
  if (capturing && capScalar) {
    yield finishCapture(capBuf);
  }
  if (state === S.InLiteral && frames.length === 0) state = S.Done;
  if (capturing || state !== S.Done) {
    if (!seenAny) fail('the JSON document is empty');
    fail('the JSON document ends too early (truncated?)');
  }
}

function describe(p: JsonPath): string {
  return p.length === 0 ? 'the root' : p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
}

/** The key path of a value as text ("locations[3].activity"), for messages. */
export const describeJsonPath = describe;
