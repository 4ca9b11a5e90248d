import type { ConnectorInput } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { decodeInput } from '../util/text.ts';
import type { GasLine, LocalDay } from './grdf-reading.ts';
import { isPce, parseAmount, parseDay, parseQuality } from './grdf-reading.ts';

/**
 * GRDF's API-style JSON, as the customer area serves it: consumption lines under
 * `releves` (informative daily data) or `consommations` (published periodic data), in a
 * block per PCE, either keyed by the PCE or carrying `idPce`/`pce`:
 *
 *   { "21546789012345": { "idPce": "21546789012345", "releves": [
 *       { "journeeGaziere": "2024-10-26", "dateDebutReleve": "2024-10-26", "dateFinReleve": "2024-10-27",
 *         "indexDebut": 8125, "indexFin": 8129, "volumeBrutConsomme": 3.44, "energieConsomme": 39,
 *         "coeffConversion": 11.37, "qualificationReleve": "Mesuré" } ] } }
 *
 * Volumes and indexes in m³, energy in kWh, the factor in kWh/m³. The document is parsed
 * whole (these exports are a few hundred kB to a few MB).
 */
const LIST_KEYS = ['releves', 'consommations'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const first = (o: Obj, ...keys: string[]) => keys.map((k) => o[k]).find((v) => v !== undefined && v !== null);

export function looksLikeGrdfJson(text: string): boolean {
  const t = text.trimStart();
  return (t.startsWith('{') || t.startsWith('[')) && /"(releves|consommations)"\s*:/.test(t) && /"(journeeGaziere|energieConsomme|volumeBrutConsomme|coeffConversion|indexDebut)"/.test(t);
}

export async function* readGrdfJson(input: ConnectorInput): AsyncIterable<GasLine> {
  const file = input.name;
  let text = '';
  for await (const chunk of decodeInput(input)) text += chunk;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : text.split('\n').length;
    throw new ConnectorError(`${file}, line ${line}: this is not valid JSON${pos ? '' : ' (the file may be truncated)'}`, { file, line }, (e as Error).message);
  }
  let blocks = 0;
  for (const { pce, list, path } of findBlocks(doc, file)) {
    blocks++;
    for (const [i, item] of list.entries()) {
      const where = `${path}[${i}]`;
      if (!isObj(item)) throw new ConnectorError(`${file}, ${where}: expected an object`, { file, element: where });
      yield toLine(item, pce, where, file);
    }
  }
  if (blocks === 0) throw new ConnectorError(`${file}: no "releves" or "consommations" list found`, { file });
}

function* findBlocks(doc: unknown, file: string): Iterable<{ pce: string | undefined; list: unknown[]; path: string }> {
  const blockOf = (o: Obj, path: string, key?: string) => {
    const listKey = LIST_KEYS.find((k) => Array.isArray(o[k]));
    if (!listKey) return null;
    const own = first(o, 'idPce', 'pce', 'PCE');
    const pce = typeof own === 'string' || typeof own === 'number' ? String(own) : key && isPce(key) ? key : undefined;
    return { pce, list: o[listKey] as unknown[], path: `${path}${path ? '.' : ''}${listKey}` };
  };
  const roots: { o: unknown; path: string }[] = Array.isArray(doc) ? doc.map((o, i) => ({ o, path: `[${i}]` })) : [{ o: doc, path: '' }];
  for (const { o, path } of roots) {
    if (!isObj(o)) throw new ConnectorError(`${file}, ${path || 'root'}: expected an object`, { file, element: path || 'root' });
    const direct = blockOf(o, path);
    if (direct) {
      yield direct;
      continue;
    }
    for (const [key, v] of Object.entries(o)) {
      if (!isObj(v)) continue;
      const b = blockOf(v, `${path}${path ? '.' : ''}${key}`, key);
      if (b) yield b;
    }
  }
}

function toLine(o: Obj, blockPce: string | undefined, where: string, file: string): GasLine {
  const own = first(o, 'idPce', 'pce');
  const pce = typeof own === 'string' || typeof own === 'number' ? String(own) : blockPce;
  if (!pce) throw new ConnectorError(`${file}, ${where}: no PCE for this line (expected "idPce" on it or its block, or a block keyed by the PCE)`, { file, element: where, field: 'idPce' });
  const day = (field: string, ...keys: string[]): LocalDay | undefined => {
    const v = first(o, ...keys);
    if (v === undefined) return undefined;
    const d = parseDay(v);
    if (!d) throw new ConnectorError(`${file}, ${where}: expected a date like 2024-10-26 in "${field}", found ${JSON.stringify(v)}`, { file, element: where, field });
    return d;
  };
  const num = (field: string, ...keys: string[]): number | undefined => {
    const v = first(o, ...keys);
    const n = parseAmount(v);
    if (n === null) throw new ConnectorError(`${file}, ${where}: expected a number in "${field}", found ${JSON.stringify(v)}`, { file, element: where, field });
    return n;
  };
  const line: GasLine = { pce, quality: parseQuality(first(o, 'qualificationReleve', 'qualite', 'natureReleve')), where };
  const gasDay = day('journeeGaziere', 'journeeGaziere');
  const from = day('dateDebutReleve', 'dateDebutReleve', 'dateDebutConsommation', 'dateDebut');
  const to = day('dateFinReleve', 'dateFinReleve', 'dateFinConsommation', 'dateFin');
  if (gasDay) line.day = gasDay;
  else if (from && to) Object.assign(line, { from, to });
  else throw new ConnectorError(`${file}, ${where}: no "journeeGaziere" and no "dateDebutReleve"/"dateFinReleve"`, { file, element: where, field: 'journeeGaziere' });
  const values: [keyof GasLine, number | undefined][] = [
    ['volumeM3', num('volumeBrutConsomme', 'volumeBrutConsomme', 'volumeConsomme', 'volume')],
    ['energyKWh', num('energieConsomme', 'energieConsomme', 'energie')],
    ['conversionKWhPerM3', num('coeffConversion', 'coeffConversion', 'coefficientConversion')],
    ['indexStartM3', num('indexDebut', 'indexDebut')],
    ['indexEndM3', num('indexFin', 'indexFin')],
  ];
  for (const [k, v] of values) if (v !== undefined) (line as unknown as Record<string, unknown>)[k] = v;
  return line;
}
