import type { ConnectorInput } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import type { GasLine } from './grdf-reading.ts';
import { isPce, parseAmount, parseDay, parseQuality } from './grdf-reading.ts';
import { readFirstSheetRows } from './xlsx-rows.ts';

/**
 * The GRDF customer-area spreadsheet ("Historique de mes consommations"): a few title rows
 * (one of them names the PCE), then a header, then one row per gas day or per period
 * between two meter readings. Dates are usually TEXT (dd/mm/yyyy), sometimes real Excel
 * dates (serial numbers); numbers usually numbers, sometimes French text ("2,25"). Columns
 * are found by their header words, not their position. Read row by row (see
 * readFirstSheetRows); only the first worksheet is read.
 */
type Col = 'day' | 'from' | 'to' | 'volume' | 'energy' | 'coeff' | 'indexStart' | 'indexEnd' | 'quality' | 'pce';

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/³/g, '3')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

function columnOf(header: string): Col | null {
  const h = norm(header);
  if (/^(pce|numero de pce|point de comptage)/.test(h)) return 'pce';
  if (/index/.test(h)) return /debut|precedent|ancien/.test(h) ? 'indexStart' : /fin|nouvel|releve/.test(h) ? 'indexEnd' : null;
  if (/coef|conversion/.test(h)) return 'coeff';
  if (/journee gaziere/.test(h)) return 'day';
  if (/date de debut|debut de periode|^du$/.test(h)) return 'from';
  if (/date de fin|fin de periode|^au$/.test(h)) return 'to';
  if (/^date/.test(h)) return 'day';
  if (/kwh|energie/.test(h)) return 'energy';
  if (/volume|m3/.test(h)) return 'volume';
  if (/type de relev|qualit|statut|nature/.test(h)) return 'quality';
  return null;
}

/** An Excel serial day number (days since 1899-12-30) as a date. */
function serialDay(n: number): Date | null {
  if (!Number.isInteger(n) || n < 1 || n > 2_958_465) return null;
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000);
}

export async function* readGrdfXlsx(input: ConnectorInput): AsyncIterable<GasLine> {
  const file = input.name;
  let pce: string | undefined;
  let cols: Map<Col, number> | null = null;
  for await (const row of readFirstSheetRows(input)) {
    const values = row.values;
    const texts = Array.from(values, (v) => (typeof v === 'string' ? v : ''));
    if (!cols) {
      pce ??= pceIn(Array.from(values, (v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')));
      const found = new Map<Col, number>();
      texts.forEach((t, i) => {
        const c = t ? columnOf(t) : null;
        if (c && !found.has(c)) found.set(c, i);
      });
      if ((found.has('day') || found.has('from')) && (found.has('volume') || found.has('energy'))) cols = found;
      continue;
    }
    const at = (c: Col) => (cols!.has(c) ? values[cols!.get(c)!] : undefined);
    if (values.every((v) => v === undefined || v === '')) continue;
    const where = `row ${row.number}`;
    const num = (c: Col, label: string) => {
      const n = parseAmount(at(c));
      if (n === null) throw new ConnectorError(`${file}, ${where}: expected a number in "${label}", found "${String(at(c))}"`, { file, line: row.number, field: label });
      return n;
    };
    const day = (c: Col, label: string) => {
      const raw = at(c);
      if (raw === undefined || raw === '') return undefined;
      const d = parseDay(typeof raw === 'number' ? serialDay(raw) : raw);
      if (!d) throw new ConnectorError(`${file}, ${where}: expected a date like 25/10/2024 in "${label}", found "${String(raw)}"`, { file, line: row.number, field: label });
      return d;
    };
    const pceCell = at('pce');
    const rowPce = typeof pceCell === 'string' || typeof pceCell === 'number' ? String(pceCell).trim().toUpperCase() : pce;
    if (!rowPce) throw new ConnectorError(`${file}, ${where}: no PCE found in the title rows or a PCE column`, { file, line: row.number, field: 'PCE' });
    const line: GasLine = { pce: rowPce, quality: parseQuality(at('quality')), where };
    const d = day('day', 'Journée gazière');
    const from = day('from', 'Date de début');
    const to = day('to', 'Date de fin');
    if (from && to) Object.assign(line, { from, to });
    else if (d) line.day = d;
    else if (from) line.day = from;
    else throw new ConnectorError(`${file}, ${where}: the row has no date`, { file, line: row.number, field: 'Journée gazière' });
    const put = (k: keyof GasLine, v: number | undefined) => {
      if (v !== undefined) (line as unknown as Record<string, unknown>)[k] = v;
    };
    put('volumeM3', num('volume', 'Volume (m³)'));
    put('energyKWh', num('energy', 'Énergie (kWh)'));
    put('conversionKWhPerM3', num('coeff', 'Coefficient de conversion'));
    put('indexStartM3', num('indexStart', 'Index de début'));
    put('indexEndM3', num('indexEnd', 'Index de fin'));
    yield line;
  }
  if (!cols) throw new ConnectorError(`${file}: no GRDF header found: expected a row with "Journée gazière" (or "Date de début") and a volume or energy column`, { file });
}

/** A PCE named in a title row: "PCE : 21546789012345", or a "PCE" cell followed by the id. */
function pceIn(texts: string[]): string | undefined {
  for (const [i, t] of texts.entries()) {
    const m = /\b(\d{14}|GI\d{6})\b/i.exec(t);
    if (m && /pce|point de comptage/i.test(t)) return m[1]!.toUpperCase();
    if (/^\s*(n(um[ée]ro|°)\s*(de\s*)?)?pce\s*:?\s*$/i.test(t)) {
      const next = texts.slice(i + 1).find((x) => x.trim() !== '');
      if (next && isPce(next.trim())) return next.trim().toUpperCase();
    }
  }
  return undefined;
}
