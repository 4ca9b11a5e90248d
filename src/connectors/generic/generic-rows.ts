import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { ConnectorInput } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { decodeInput, headText, readJsonLines } from '../util/text.ts';
import { JsonStreamError, type JsonPath, streamJson } from '../util/json-stream.ts';

/** One row of a generic file: a CSV line as column → text, or a JSON object. */
export interface Row {
  values: Record<string, unknown>;
  /** "row 3" (CSV data row, header excluded), "line 7" (JSON Lines), "items[2]" (JSON). */
  where: string;
  line?: number;
}

export type GenericKind = 'csv' | 'json' | 'jsonl';

/** Which of CSV, JSON or JSON Lines the content is. */
export function kindOf(input: ConnectorInput): GenericKind | null {
  const text = headText(input, 65536).replace(/^[\s\ufeff]+/, '');
  if (text === '') return null;
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) {
    const first = text.split(/\r?\n/, 1)[0]!;
    try {
      const o = JSON.parse(first) as unknown;
      if (o && typeof o === 'object' && !Array.isArray(o)) {
        const vals = Object.values(o);
        return vals.length === 1 && Array.isArray(vals[0]) ? 'json' : 'jsonl';
      }
    } catch (e) {
      // A pretty-printed JSON document: its first line alone is not JSON.
      if (e instanceof SyntaxError) return 'json';
      throw e;
    }
    return 'json';
  }
  return 'csv';
}

/** Streams the rows of a generic file. */
export async function* rowsOf(input: ConnectorInput, kind: GenericKind): AsyncIterable<Row> {
  if (kind === 'csv') yield* csvRows(input);
  else if (kind === 'jsonl') yield* jsonlRows(input);
  else yield* jsonRows(input);
}

async function* csvRows(input: ConnectorInput): AsyncIterable<Row> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    header: true,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [';', ',', '\t', '|'],
    transformHeader: (h: string) => h.trim(),
  });
  const source = Readable.from(decodeInput(input));
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  let n = 0;
  for await (const row of parser as AsyncIterable<Record<string, unknown>>) {
    n++;
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (k !== '__parsed_extra') values[k] = v;
    yield { values, where: `row ${n}` };
  }
}

async function* jsonlRows(input: ConnectorInput): AsyncIterable<Row> {
  for await (const { value, lineNo } of readJsonLines(input, 'a JSON object on each line')) yield { values: value, where: `line ${lineNo}`, line: lineNo };
}

async function* jsonRows(input: ConnectorInput): AsyncIterable<Row> {
  let arrayKey: string | number | undefined;
  const select = (p: JsonPath) => {
    if (p.length === 1 && typeof p[0] === 'number') return true;
    if (p.length === 2 && typeof p[1] === 'number') {
      arrayKey ??= p[0];
      return p[0] === arrayKey;
    }
    return false;
  };
  try {
    for await (const { path, value, line } of streamJson(decodeInput(input), { select })) {
      const where = path.length === 1 ? `[${path[0]}]` : `${String(path[0])}[${path[1]}]`;
      if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new ConnectorError(`${input.name}, line ${line}, ${where}: expected an object for each item`, { file: input.name, line, element: where });
      yield { values: value as Record<string, unknown>, where: `line ${line}, ${where}`, line };
    }
  } catch (e) {
    if (e instanceof JsonStreamError) throw new ConnectorError(`${input.name}, line ${e.line}: this JSON is malformed`, { file: input.name, line: e.line }, e.message);
    throw e;
  }
}

/** A value by exact key, else by dotted path into nested objects ("mesure.valeur"). */
export function valueAt(values: Record<string, unknown>, key: string): unknown {
  if (key in values) return values[key];
  let cur: unknown = values;
  for (const part of key.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The keys of a row, nested ones dotted, for "columns found" messages. */
export function keysOf(values: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(values).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
