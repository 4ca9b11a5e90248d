import type { ConnectorContext } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { norm, parseDirection, parseQuality, parseStep, parseUnit, parseValue, scale, unquote } from './enedis-columns.ts';
import type { EnedisPoint, EnedisSeries, EnedisUnit } from './enedis-reading.ts';
import { parseLabel } from './enedis-time.ts';

/**
 * The current Enedis export ("Mes données de consommation", 2022 onwards): one header,
 * then one row per value, each row naming its PRM, quantity, unit and step:
 *
 *   Identifiant PRM;Date de début;Date de fin;Grandeur physique;Grandeur métier;Etape métier;Unité;Horodate;Valeur;Nature;Pas;…
 *   12345678901234;2023-10-28T00:00:00+02:00;…;PA;CONS;BRUT;W;2023-10-29 02:30:00;412;B;PT30M;…
 *
 * Grandeur physique: PA (average active power, the load curve), EA (active energy),
 * PMA (maximum power reached). `Horodate` is the naive local END of the interval for a
 * load curve; for a daily value (Pas P1D) its date is the day; for maximum power its time,
 * when given, is when the maximum was reached.
 */
export class EnedisTabular {
  private readonly col: Record<'prm' | 'gp' | 'gm' | 'unit' | 'time' | 'value' | 'nature' | 'step', number>;
  private readonly lastStep = new Map<string, number>();
  private warnedDaily = false;

  /** True when a header row names the columns of this layout. */
  static isHeader(cells: string[]): boolean {
    const n = cells.map(norm);
    return n.includes('horodate') && n.includes('valeur') && n.some((c) => c.includes('prm'));
  }

  constructor(
    cells: string[],
    private readonly file: string,
    private readonly ctx: ConnectorContext,
  ) {
    const n = cells.map(norm);
    const find = (...names: string[]) => n.findIndex((c) => names.some((x) => c === x || c.startsWith(x)));
    this.col = {
      prm: find('identifiant prm', 'prm', 'point de livraison'),
      gp: find('grandeur physique'),
      gm: find('grandeur metier'),
      unit: find('unite'),
      time: find('horodate'),
      value: find('valeur'),
      nature: find('nature'),
      step: find('pas'),
    };
  }

  /** Reads one data row; null for a row without a value (reported by the caller). */
  row(cells: string[], lineNo: number): EnedisPoint | null {
    const at = (i: number) => (i >= 0 ? unquote(cells[i] ?? '') : '');
    const where = (field: string) => ({ file: this.file, line: lineNo, field });
    const timeText = at(this.col.time);
    const label = parseLabel(timeText);
    if (!label) throw new ConnectorError(`${this.file}, line ${lineNo}: expected a date and time in "Horodate" like 2023-01-01 00:30:00, found "${timeText}"`, where('Horodate'));
    const valueText = at(this.col.value);
    if (valueText === '') return null;
    const raw = parseValue(valueText);
    if (raw === null) throw new ConnectorError(`${this.file}, line ${lineNo}: expected a number in "Valeur", found "${valueText}"`, where('Valeur'));
    const gp = norm(at(this.col.gp));
    const unitText = at(this.col.unit);
    let unit = parseUnit(unitText);
    if (!unit && unitText !== '')
      throw new ConnectorError(`${this.file}, line ${lineNo}: unknown unit "${unitText}" (expected W, kW, Wh, kWh, VA or kVA)`, where('Unité'));
    const stepText = at(this.col.step);
    const step = parseStep(stepText);
    if (step === null && stepText !== '') throw new ConnectorError(`${this.file}, line ${lineNo}: expected a step like PT30M or P1D in "Pas", found "${stepText}"`, where('Pas'));
    if (!unit) {
      const guessed: EnedisUnit | undefined = gp === 'pa' ? 'W' : gp === 'ea' ? 'Wh' : gp === 'pma' ? 'VA' : undefined;
      if (!guessed) throw new ConnectorError(`${this.file}, line ${lineNo}: the row gives neither a unit nor a known "Grandeur physique" (PA, EA, PMA)`, where('Unité'));
      unit = { unit: guessed, factor: 1 };
    }
    const series = seriesOf(gp, unit.unit, step);
    const prm = at(this.col.prm);
    const direction = parseDirection(at(this.col.gm));
    let stepMinutes: number | undefined;
    if (step !== null && step !== 'day') stepMinutes = step;
    if (series === 'load_curve' && stepMinutes === undefined) {
      // No Pas on a load-curve row: keep the series' last step, else let the builder infer it.
      stepMinutes = this.lastStep.get(`${prm}/${direction}`);
    }
    if (series === 'load_curve' && stepMinutes !== undefined) this.lastStep.set(`${prm}/${direction}`, stepMinutes);
    if (series !== 'load_curve' && step === null && label.kind !== 'date' && unit.unit === 'Wh' && !this.warnedDaily) {
      this.warnedDaily = true;
      this.ctx.warn(`${this.file}, line ${lineNo}: energy rows without "Pas" are read as totals of their local day`);
    }
    return {
      prm,
      series,
      direction,
      label,
      value: scale(raw, unit.factor),
      unit: unit.unit,
      ...(series === 'max_power' ? {} : stepMinutes !== undefined ? { stepMinutes } : {}),
      quality: parseQuality(at(this.col.nature)),
      lineNo,
    };
  }
}

function seriesOf(gp: string, unit: EnedisUnit, step: number | 'day' | null): EnedisSeries {
  if (gp === 'pma' || gp === 'pmax' || unit === 'VA') return 'max_power';
  if (gp === 'ea' || unit === 'Wh') return 'energy';
  // Power in W: a daily value is a maximum, otherwise an average over the step.
  return step === 'day' ? 'max_power' : 'load_curve';
}
