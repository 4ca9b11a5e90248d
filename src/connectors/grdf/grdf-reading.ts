import { formatOffset, isRealDate, zonedToInstant } from '../../domain/time.ts';
import type { ConnectorContext, ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';

/**
 * One GRDF consumption line, from either export, before it becomes records. A daily
 * value names its gas day (`journée gazière` D runs from D 06:00 to D+1 06:00, French
 * legal time); a periodic one (between two meter readings) runs from its start date 06:00
 * to its end date 06:00.
 */
export interface GasLine {
  pce: string;
  day?: LocalDay;
  from?: LocalDay;
  to?: LocalDay;
  volumeM3?: number;
  energyKWh?: number;
  conversionKWhPerM3?: number;
  indexStartM3?: number;
  indexEndM3?: number;
  quality: 'measured' | 'estimated' | 'corrected' | 'missing';
  /** "row 6" or "releves[3]", for messages. */
  where: string;
}

export interface LocalDay {
  year: number;
  month: number;
  day: number;
}

export const GAS_DAY_ZONE = 'Europe/Paris';
const GAS_DAY_HOUR = 6;

/** dd/mm/yyyy, yyyy-mm-dd (with or without a time) or an Excel date → a local day. */
export function parseDay(v: unknown): LocalDay | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return { year: v.getUTCFullYear(), month: v.getUTCMonth() + 1, day: v.getUTCDate() };
  if (typeof v !== 'string') return null;
  const s = v.trim();
  let m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  const ymd = m ? [m[3]!, m[2]!, m[1]!] : (m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s)) ? [m[1]!, m[2]!, m[3]!] : null;
  if (!ymd || !isRealDate(ymd.join('-'))) return null;
  return { year: +ymd[0]!, month: +ymd[1]!, day: +ymd[2]! };
}

/** A number given as a number or as French text ("8 134,50"); undefined when empty. */
export function parseAmount(v: unknown): number | undefined | null {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

export function parseQuality(v: unknown): GasLine['quality'] {
  const s = String(v ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  if (/absence|manquant|indisponible/.test(s)) return 'missing';
  if (/estim/.test(s)) return 'estimated';
  if (/corrig|rectifi/.test(s)) return 'corrected';
  return 'measured';
}

const PCE_RE = /^(\d{14}|GI\d{6})$/i;
export const isPce = (s: string) => PCE_RE.test(s);

/** Builds `energy.reading` records (commodity gas) from lines; an index reading is emitted once per instant. */
export class GasReadingBuilder {
  private lastIndexAt = new Map<string, string>();
  skipped = 0;

  constructor(
    private readonly file: string,
    private readonly ctx: ConnectorContext,
  ) {}

  build(l: GasLine): ConnectorRecord[] {
    if (!isPce(l.pce)) throw new ConnectorError(`${this.file}, ${l.where}: the PCE (meter id) should be 14 digits or GI and 6 digits, found "${l.pce}"`, { file: this.file, element: l.where, field: 'PCE' });
    const startDay = l.day ?? l.from;
    const endDay = l.day ? nextDay(l.day) : l.to;
    if (!startDay || !endDay) throw new ConnectorError(`${this.file}, ${l.where}: no gas day and no start and end dates`, { file: this.file, element: l.where, field: 'journeeGaziere' });
    const start = gasBoundary(startDay);
    const end = gasBoundary(endDay);
    if (start.instant > end.instant) throw new ConnectorError(`${this.file}, ${l.where}: the end date is before the start date`, { file: this.file, element: l.where, field: 'dateFin' });
    if (l.quality === 'missing' || (l.volumeM3 === undefined && l.energyKWh === undefined && l.indexEndM3 === undefined)) {
      this.skipped++;
      return [];
    }
    const out: ConnectorRecord[] = [];
    const base = { meterId: l.pce, commodity: 'gas', direction: 'consumption', quality: l.quality };
    const source = `grdf:${l.pce.toLowerCase()}`;
    const rec = (kind: string, at: { instant: string; offset: string }, data: Record<string, unknown>): ConnectorRecord => ({
      type: 'energy.reading',
      source,
      sourceRef: `${l.pce.toUpperCase()}:${kind}:${at.instant}`,
      occurredAt: at.instant,
      occurredOffset: at.offset,
      data: { ...base, ...data },
      location: l.where,
    });
    if (l.indexStartM3 !== undefined && this.lastIndexAt.get(l.pce) !== start.instant)
      out.push(rec('index', start, { kind: 'index', end: start.instant, indexM3: l.indexStartM3 }));
    if (l.volumeM3 !== undefined || l.energyKWh !== undefined) {
      const data: Record<string, unknown> = { kind: 'interval', start: start.instant, end: end.instant };
      if (l.volumeM3 !== undefined) data.volumeM3 = l.volumeM3;
      if (l.energyKWh !== undefined) data.energyWh = Math.round(l.energyKWh * 1e6) / 1e3;
      if (l.conversionKWhPerM3 !== undefined && l.conversionKWhPerM3 > 0) data.conversionKWhPerM3 = l.conversionKWhPerM3;
      out.push(rec('interval', end, data));
    }
    if (l.indexEndM3 !== undefined) {
      out.push(rec('index', end, { kind: 'index', end: end.instant, indexM3: l.indexEndM3 }));
      this.lastIndexAt.set(l.pce, end.instant);
    }
    return out;
  }

  /** Reports the lines that carried no measure. */
  finish(): void {
    if (this.skipped > 0) this.ctx.warn(`${this.file}: ${this.skipped} line(s) had no measure ("absence de données") and were skipped`);
  }
}

function nextDay(d: LocalDay): LocalDay {
  const n = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: n.getUTCFullYear(), month: n.getUTCMonth() + 1, day: n.getUTCDate() };
}

function gasBoundary(d: LocalDay): { instant: string; offset: string } {
  const r = zonedToInstant({ ...d, hour: GAS_DAY_HOUR, minute: 0 }, GAS_DAY_ZONE);
  return { instant: r.instant, offset: formatOffset(r.offsetMinutes) };
}
