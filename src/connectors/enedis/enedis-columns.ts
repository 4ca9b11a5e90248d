import type { EnedisPoint, EnedisSeries, EnedisUnit } from './enedis-reading.ts';

/** Small helpers shared by both Enedis layouts: cells, header words, units, steps, quality. */

/** Lower-case, accents removed, quotes and spaces trimmed: "Unité" → "unite". */
export function norm(s: string): string {
  // Fast path: most cells are plain ASCII words or numbers.
  if (/^[\x20-\x7e]*$/.test(s) && !s.includes('"')) return s.toLowerCase().replace(/\s+/g, ' ').trim();
  return unquote(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/** Splits a `;` line; quoted cells may hold `;`. */
export function splitCells(line: string): string[] {
  if (!line.includes('"')) return line.split(';').map((c) => c.trim());
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ';' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** A unit as written ("kWh", "W", "kVA") → base unit and factor. */
export function parseUnit(text: string | undefined): { unit: EnedisUnit; factor: number } | null {
  const u = (text ?? '').trim().replace(/[()[\]]/g, '').toLowerCase();
  switch (u) {
    case 'w':
      return { unit: 'W', factor: 1 };
    case 'kw':
      return { unit: 'W', factor: 1000 };
    case 'wh':
      return { unit: 'Wh', factor: 1 };
    case 'kwh':
      return { unit: 'Wh', factor: 1000 };
    case 'va':
      return { unit: 'VA', factor: 1 };
    case 'kva':
      return { unit: 'VA', factor: 1000 };
    default:
      return null;
  }
}

/** Finds a unit word inside a title or column name: "Puissance atteinte (kVA)" → kVA. */
export function unitInText(text: string): { unit: EnedisUnit; factor: number } | null {
  const m = /(?:^|[\s(\[])(kwh|wh|kva|va|kw|w)(?=$|[\s)\]])/i.exec(text);
  return m ? parseUnit(m[1]) : null;
}

/** ISO 8601 step: PT30M → 30, PT1H → 60, P1D → 'day'; null when not a step. */
export function parseStep(text: string | undefined): number | 'day' | null {
  const s = (text ?? '').trim().toUpperCase();
  let m = /^PT(\d+)M$/.exec(s);
  if (m) return Number(m[1]);
  m = /^PT(\d+)H$/.exec(s);
  if (m) return Number(m[1]) * 60;
  if (s === 'P1D' || s === 'PT24H') return 'day';
  return null;
}

/** A number as Enedis writes it: "1234", "1234.5", "1 234,5". Null when not a number. */
export function parseValue(text: string): number | null {
  const s = unquote(text).replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** Scales a value to the base unit without float noise for whole kilo-values ("1,234" kWh → 1234 Wh). */
export function scale(value: number, factor: number): number {
  return factor === 1 ? value : Math.round(value * factor * 1e6) / 1e6;
}

export function parseQuality(text: string | undefined): EnedisPoint['quality'] {
  const n = norm(text ?? '');
  if (n === 'e' || n.startsWith('estim')) return 'estimated';
  if (n === 'c' || n.startsWith('corrig')) return 'corrected';
  return 'measured';
}

export function parseDirection(text: string | undefined): EnedisPoint['direction'] {
  return /prod|inject/.test(norm(text ?? '')) ? 'production' : 'consumption';
}

/** The series a data-type wording names ("Courbe de charge", "Puissance maximale", "Consommation quotidienne"). */
export function seriesInText(text: string): EnedisSeries | null {
  const n = norm(text);
  if (/courbe|charge|horaire|pas de temps/.test(n)) return 'load_curve';
  if (/puissance.*(max|atteinte)|pmax|pma\b/.test(n)) return 'max_power';
  if (/quotidien|journali|par jour|energie|consommation/.test(n)) return 'energy';
  return null;
}

/** The unit each series has when a file does not say. */
export const DEFAULT_UNIT: Record<EnedisSeries, EnedisUnit> = { load_curve: 'W', energy: 'Wh', max_power: 'VA' };
