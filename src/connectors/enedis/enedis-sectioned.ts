import type { ConnectorContext } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { DEFAULT_UNIT, norm, parseDirection, parseQuality, parseUnit, parseValue, scale, seriesInText, unitInText } from './enedis-columns.ts';
import type { EnedisPoint, EnedisSeries, EnedisUnit } from './enedis-reading.ts';
import { parseLabel } from './enedis-time.ts';

/**
 * The older Enedis export: one file holds several blocks (load curve, daily energy,
 * maximum power), each opened by its own title and metadata lines, then a small
 * "Horodate;Valeur" table:
 *
 *   Récapitulatif de ma consommation journalière
 *   Identifiant PRM;Type de données;Date de début;Date de fin;Grandeur physique;Grandeur métier;Etape métier;Unité
 *   12345678901234;Consommation quotidienne;01/01/2020;08/01/2020;Energie active;Consommation;Comptage Brut;Wh
 *   Horodate;Valeur
 *   2020-01-01T00:00:00+01:00;8123
 *
 * A block's quantity comes from its "Type de données" (else its title, else its unit);
 * its unit from "Unité" (else the title or the value column's name, else the usual unit
 * of the quantity, with a warning). Load-curve blocks do not state their step: the
 * builder infers it from the spacing.
 */
export type SectionEvent = { kind: 'boundary' } | { kind: 'point'; point: EnedisPoint } | { kind: 'empty'; lineNo: number } | { kind: 'none' };

interface Section {
  title?: string;
  typeText?: string;
  unitText?: string;
  direction?: EnedisPoint['direction'];
  dateCol: number;
  valueCol: number;
  qualityCol: number;
  resolved?: { series: EnedisSeries; unit: EnedisUnit; factor: number };
}

const META_KEYS = ['identifiant prm', 'type de donnees', 'date de debut', 'date de fin', 'grandeur', 'etape metier', 'unite', 'prm', 'point de livraison'];

export class EnedisSectioned {
  private prm: string | undefined;
  private section: Section = newSection();
  private metaHeader: string[] | null = null;

  constructor(
    private readonly file: string,
    private readonly ctx: ConnectorContext,
  ) {}

  line(cells: string[], lineNo: number): SectionEvent {
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 0) return { kind: 'none' };
    const n = cells.map(norm);
    if (this.metaHeader) {
      const header = this.metaHeader;
      this.metaHeader = null;
      header.forEach((h, i) => this.meta(h, cells[i] ?? ''));
      return { kind: 'none' };
    }
    const first = n[0]!;
    const inline = /^identifiant prm\s*:?\s*(\d{14})$/.exec(filled.length === 1 ? norm(filled[0]!) : '');
    if (inline) {
      // "Identifiant PRM : 12345678901234" in one cell.
      this.prm = inline[1]!;
      return { kind: 'none' };
    }
    const label = parseLabel(cells[0]!);
    if (label) return this.dataRow(cells, label, lineNo);
    if (META_KEYS.some((k) => first.startsWith(k)) && filled.length >= 2) {
      if (filled.length === 2 && !META_KEYS.some((k) => norm(filled[1]!).startsWith(k))) {
        // "Identifiant PRM;12345678901234" — one key and its value.
        this.meta(first, filled[1]!);
        return { kind: 'none' };
      }
      this.metaHeader = n;
      const title = this.section.resolved ? undefined : this.section.title;
      this.section = newSection();
      if (title) this.section.title = title;
      return { kind: 'boundary' };
    }
    if (/^(horodate|date)/.test(first) && n.length >= 2) {
      const valueCol = n.findIndex((c, i) => i > 0 && /valeur|consommation|puissance|energie/.test(c));
      this.section.dateCol = 0;
      this.section.valueCol = valueCol > 0 ? valueCol : 1;
      this.section.qualityCol = n.findIndex((c) => /nature|qualite|statut/.test(c));
      const u = unitInText(cells[this.section.valueCol] ?? '');
      if (u && !this.section.unitText) this.section.unitText = cells[this.section.valueCol]!.match(/(kWh|Wh|kVA|VA|kW|W)/i)?.[1];
      return { kind: 'none' };
    }
    // Anything else is a title: a new block begins.
    this.section = newSection();
    this.section.title = filled.join(' ');
    return { kind: 'boundary' };
  }

  private meta(key: string, value: string): void {
    const k = norm(key);
    const v = value.trim();
    if (v === '') return;
    if (k.startsWith('identifiant prm') || k === 'prm' || k.startsWith('point de livraison')) this.prm = v.replace(/\s/g, '');
    else if (k.startsWith('type de donnees')) this.section.typeText = v;
    else if (k.startsWith('unite')) this.section.unitText = v;
    else if (k.startsWith('grandeur metier')) this.section.direction = parseDirection(v);
  }

  private dataRow(cells: string[], firstLabel: NonNullable<ReturnType<typeof parseLabel>>, lineNo: number): SectionEvent {
    const s = this.section;
    const label = s.dateCol === 0 ? firstLabel : parseLabel(cells[s.dateCol] ?? '');
    const where = (field: string) => ({ file: this.file, line: lineNo, field });
    if (!label) throw new ConnectorError(`${this.file}, line ${lineNo}: expected a date and time in the first column`, where('Horodate'));
    if (!this.prm) throw new ConnectorError(`${this.file}, line ${lineNo}: a value comes before any "Identifiant PRM" line, so the meter is unknown`, where('Identifiant PRM'));
    const text = (cells[s.valueCol] ?? '').trim();
    if (text === '') return { kind: 'empty', lineNo };
    const raw = parseValue(text);
    if (raw === null) throw new ConnectorError(`${this.file}, line ${lineNo}: expected a number in "Valeur", found "${text}"`, where('Valeur'));
    const r = (s.resolved ??= this.resolve(lineNo));
    return {
      kind: 'point',
      point: {
        prm: this.prm,
        series: r.series,
        direction: s.direction ?? 'consumption',
        label,
        value: scale(raw, r.factor),
        unit: r.unit,
        quality: parseQuality(s.qualityCol >= 0 ? cells[s.qualityCol] : undefined),
        lineNo,
      },
    };
  }

  private resolve(lineNo: number): NonNullable<Section['resolved']> {
    const s = this.section;
    const unit = parseUnit(s.unitText) ?? unitInText(s.unitText ?? '') ?? unitInText(s.title ?? '');
    let series = seriesInText(s.typeText ?? '') ?? seriesInText(s.title ?? '');
    if (!series && unit) series = unit.unit === 'W' ? 'load_curve' : unit.unit === 'Wh' ? 'energy' : 'max_power';
    if (!series)
      throw new ConnectorError(`${this.file}, line ${lineNo}: cannot tell what this block measures: no "Type de données", title or unit names a load curve, a daily energy or a maximum power`, {
        file: this.file,
        line: lineNo,
        field: 'Type de données',
      });
    if (unit) {
      if (series === 'energy' && unit.unit !== 'Wh') series = unit.unit === 'VA' ? 'max_power' : 'load_curve';
      return { series, unit: unit.unit, factor: unit.factor };
    }
    const fallback = DEFAULT_UNIT[series];
    this.ctx.warn(`${this.file}, line ${lineNo}: this block does not give its unit; reading its values as ${fallback}, the unit Enedis uses for it`);
    return { series, unit: fallback, factor: 1 };
  }
}

function newSection(): Section {
  return { dateCol: 0, valueCol: 1, qualityCol: -1 };
}
