import type { Connector } from '../connector.ts';
import { headText } from '../util/text.ts';
import { readGrdfJson, looksLikeGrdfJson } from './grdf-json.ts';
import { GasReadingBuilder } from './grdf-reading.ts';
import { readGrdfXlsx } from './grdf-xlsx.ts';
import { sniffXlsx } from './xlsx-sniff.ts';

const MARKERS = [/\bPCE\b/, /journ[ée]e gazi[èe]re/i, /\bGRDF\b/, /coefficient de conversion/i, /m³|\(m3\)/i, /\bkWh\b/];

/**
 * GRDF customer-area exports → gas `energy.reading` records: the XLSX spreadsheet (see
 * grdf-xlsx.ts) and the API-style JSON (see grdf-json.ts). Each consumption line gives an
 * interval reading (volumeM3, energyWh from kWh, conversionKWhPerM3) over its gas day(s),
 * 06:00 to 06:00 Europe/Paris, and index readings (indexM3) at the boundaries when given.
 *
 * Source `grdf:<pce>`; sourceRef `<PCE>:interval:<end instant>` and `<PCE>:index:<instant>`,
 * so overlapping exports and the two formats dedup against each other.
 *
 * Recognition: JSON by its GRDF field names (0.9). An XLSX is recognised as a zip whose
 * local headers name `[Content_Types].xml` and `xl/`; when its shared strings lie in the
 * first 64 KiB they are inflated and searched for GRDF words (0.9 if found, 0.1 if all the
 * strings were there and none is GRDF's); otherwise 0.55, and read() fails clearly when
 * the sheet has no GRDF header.
 */
export const grdfConnector: Connector = {
  id: 'grdf',
  label: 'GRDF gas consumption (XLSX or JSON)',
  recognize(input) {
    const h = input.head;
    if (h[0] === 0x50 && h[1] === 0x4b && h[2] === 0x03 && h[3] === 0x04) {
      const s = sniffXlsx(h);
      if (!s.isXlsx) return { confidence: 0, reason: 'a zip, but not an XLSX workbook' };
      const hits = MARKERS.filter((m) => m.test(s.text)).length;
      if (hits >= 2) return { confidence: 0.9, reason: `an XLSX workbook with GRDF words (${hits})` };
      if (s.complete) return { confidence: 0.1, reason: 'an XLSX workbook without GRDF words' };
      return { confidence: 0.55, reason: 'an XLSX workbook whose strings are not all in the first bytes' };
    }
    if (looksLikeGrdfJson(headText(input, 16384))) return { confidence: 0.9, reason: 'JSON with GRDF fields (releves, journeeGaziere…)' };
    return { confidence: 0, reason: 'neither a GRDF XLSX nor GRDF JSON' };
  },
  async *read(input, ctx) {
    const h = input.head;
    const isZip = h[0] === 0x50 && h[1] === 0x4b;
    const builder = new GasReadingBuilder(input.name, ctx);
    let count = 0;
    for await (const line of isZip ? readGrdfXlsx(input) : readGrdfJson(input)) {
      for (const r of builder.build(line)) {
        count++;
        yield r;
      }
    }
    builder.finish();
    if (count === 0) ctx.warn(`${input.name}: the export holds no consumption`);
  },
};
