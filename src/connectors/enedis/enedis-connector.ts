import type { Connector, ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { decodeInput, headText, readLines } from '../util/text.ts';
import { norm, splitCells } from './enedis-columns.ts';
import { EnedisReadingBuilder } from './enedis-reading.ts';
import { EnedisSectioned } from './enedis-sectioned.ts';
import { EnedisTabular } from './enedis-tabular.ts';

/**
 * Enedis customer-area exports ("Mes données de consommation"), `;`-separated, UTF-8
 * (often with a BOM) or Latin-1: the current one-header layout (see EnedisTabular) and
 * the older layout of titled blocks (see EnedisSectioned). Yields `energy.reading`
 * records of the PRM: load-curve points (average W and Wh over the step), daily energy
 * (Wh over the local day) and daily maximum power (VA or W).
 *
 * Naive local times are French legal time (Europe/Paris) whatever ctx.options.timeZone
 * says: Enedis serves mainland France and Corsica only. Source
 * `enedis:<prm>`; sourceRef `<prm>:<direction>:<series>:<end instant>`, so overlapping
 * exports dedup exactly. Streams line by line.
 */
const ENEDIS_TIME_ZONE = 'Europe/Paris';

export const enedisConnector: Connector = {
  id: 'enedis',
  label: 'Enedis consumption export (CSV)',
  recognize(input) {
    const text = headText(input, 16384);
    const lines = text.split(/\r\n|\r|\n/, 40).map((l) => norm(l.replace(/"/g, '')));
    const hasPrm = lines.some((l) => /(^|;)\s*identifiant prm\b/.test(l));
    if (!hasPrm) return { confidence: 0, reason: 'no "Identifiant PRM" column' };
    if (lines.some((l) => EnedisTabular.isHeader(l.split(';')))) return { confidence: 0.95, reason: 'Enedis header: Identifiant PRM … Horodate;Valeur' };
    if (lines.some((l) => /^(horodate|date)[^;]*;/.test(l)) || lines.some((l) => l.includes('type de donnees')))
      return { confidence: 0.9, reason: 'Enedis blocks: Identifiant PRM, Type de données, Horodate;Valeur' };
    return { confidence: 0.6, reason: '"Identifiant PRM" found but no value table yet' };
  },
  async *read(input, ctx) {
    const builder = new EnedisReadingBuilder(input.name, ENEDIS_TIME_ZONE, ctx);
    let tabular: EnedisTabular | null = null;
    let sectioned: EnedisSectioned | null = null;
    let empty = 0;
    let count = 0;
    for await (const { line, lineNo } of readLines(decodeInput(input))) {
      if (line.trim() === '') continue;
      const cells = splitCells(line);
      if (/horodate/i.test(line) && EnedisTabular.isHeader(cells)) {
        yield* builder.reset();
        tabular = new EnedisTabular(cells, input.name, ctx);
        continue;
      }
      let out: ConnectorRecord[] = [];
      if (tabular) {
        const p = tabular.row(cells, lineNo);
        if (p) out = builder.push(p);
        else empty++;
      } else {
        sectioned ??= new EnedisSectioned(input.name, ctx);
        const ev = sectioned.line(cells, lineNo);
        if (ev.kind === 'boundary') out = builder.reset();
        else if (ev.kind === 'point') out = builder.push(ev.point);
        else if (ev.kind === 'empty') empty++;
      }
      count += out.length;
      yield* out;
    }
    const rest = builder.flush();
    count += rest.length;
    yield* rest;
    if (empty > 0) ctx.warn(`${input.name}: ${empty} value(s) were empty (no measure) and were skipped`);
    if (!tabular && !sectioned) throw new ConnectorError(`${input.name}: the file is empty; expected an Enedis export with an "Identifiant PRM" header`, { file: input.name, line: 1 });
    if (count === 0) ctx.warn(`${input.name}: the export holds no values`);
  },
};
