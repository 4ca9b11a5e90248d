import { formatOffset } from '../../domain/time.ts';
import type { ConnectorContext, ConnectorRecord } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import type { Label, ResolvedInstant } from './enedis-time.ts';
import { LocalTimeResolver, localDay } from './enedis-time.ts';

/** What one Enedis value measures. */
export type EnedisSeries = 'load_curve' | 'energy' | 'max_power';
export type EnedisUnit = 'W' | 'Wh' | 'VA';

/** One value read from an Enedis file, units already scaled to W, Wh or VA. */
export interface EnedisPoint {
  prm: string;
  series: EnedisSeries;
  direction: 'consumption' | 'production';
  label: Label;
  value: number;
  unit: EnedisUnit;
  /** Interval length; undefined for a load curve means "infer from the spacing"; for energy, a whole local day. */
  stepMinutes?: number;
  quality: 'measured' | 'estimated' | 'corrected';
  lineNo: number;
}

/** Steps a load curve may have. */
const STEPS = new Set([5, 10, 15, 30, 60]);
const DEFAULT_STEP = 30;

/**
 * Turns points into `energy.reading` records. Naive labels are resolved per series in file
 * order (see LocalTimeResolver). A load curve without a stated step takes the spacing of
 * its first two points (a later, smaller spacing switches the step: Enedis moved meters
 * from 30 to 10 minutes); the first point is held back until the second arrives.
 */
export class EnedisReadingBuilder {
  private readonly resolvers = new Map<string, LocalTimeResolver>();
  private readonly inferred = new Map<string, { step?: number; last?: number; held?: { point: EnedisPoint; end: ResolvedInstant } }>();

  constructor(
    private readonly file: string,
    private readonly timeZone: string,
    private readonly ctx: ConnectorContext,
  ) {}

  /** Forgets the order of labels and held points (a new block of the file starts); returns the held points. */
  reset(): ConnectorRecord[] {
    const out = this.flush();
    this.resolvers.clear();
    this.inferred.clear();
    return out;
  }

  push(p: EnedisPoint): ConnectorRecord[] {
    if (!/^\d{14}$/.test(p.prm))
      throw new ConnectorError(`${this.file}, line ${p.lineNo}: the PRM (meter id) should be 14 digits, found "${p.prm}"`, { file: this.file, line: p.lineNo, field: 'Identifiant PRM' });
    if (p.series !== 'load_curve' || p.stepMinutes !== undefined) {
      if (p.series === 'load_curve') return [this.loadCurve(p, this.end(p), p.stepMinutes!)];
      return [this.build(p)];
    }
    const key = `${p.prm}/${p.direction}`;
    const end = this.end(p);
    const st = this.inferred.get(key) ?? {};
    this.inferred.set(key, st);
    const out: ConnectorRecord[] = [];
    if (st.last !== undefined) {
      const delta = (end.epochMs - st.last) / 60_000;
      if (STEPS.has(delta) && (st.step === undefined || delta < st.step)) st.step = delta;
      if (st.step === undefined) {
        st.step = DEFAULT_STEP;
        this.ctx.warn(`${this.file}, line ${p.lineNo}: the load curve does not say its step and its first points are ${delta} minutes apart; assuming ${DEFAULT_STEP} minutes`);
      }
    }
    st.last = end.epochMs;
    if (st.held) {
      out.push(this.loadCurve(st.held.point, st.held.end, st.step!));
      st.held = undefined;
    }
    if (st.step === undefined) st.held = { point: p, end };
    else out.push(this.loadCurve(p, end, st.step));
    return out;
  }

  /** Emits held points (end of a block or of the file). */
  flush(): ConnectorRecord[] {
    const out: ConnectorRecord[] = [];
    for (const st of this.inferred.values()) {
      if (!st.held) continue;
      const step = st.step ?? DEFAULT_STEP;
      if (st.step === undefined)
        this.ctx.warn(`${this.file}, line ${st.held.point.lineNo}: a load curve with a single point and no stated step; assuming ${DEFAULT_STEP} minutes`);
      out.push(this.loadCurve(st.held.point, st.held.end, step));
      st.held = undefined;
    }
    return out;
  }

  private end(p: EnedisPoint): ResolvedInstant {
    if (p.label.kind === 'date')
      throw new ConnectorError(`${this.file}, line ${p.lineNo}: a load-curve point needs a time, found a bare date`, { file: this.file, line: p.lineNo, field: 'Horodate' });
    const key = `${p.prm}/${p.direction}/${p.series}/${p.stepMinutes ?? 'day'}`;
    let r = this.resolvers.get(key);
    if (!r) this.resolvers.set(key, (r = new LocalTimeResolver(this.timeZone)));
    const end = r.resolve(p.label);
    if (!end) {
      const w = p.label.wall;
      throw new ConnectorError(
        `${this.file}, line ${p.lineNo}: the local time ${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} does not exist in ${this.timeZone} (clocks go forward); Enedis labels skip it`,
        { file: this.file, line: p.lineNo, field: 'Horodate' },
      );
    }
    return end;
  }

  private loadCurve(p: EnedisPoint, end: ResolvedInstant, step: number): ConnectorRecord {
    const start = end.epochMs - step * 60_000;
    return this.record(p, 'load_curve', end, {
      kind: 'interval',
      start: iso(start),
      end: iso(end.epochMs),
      averagePowerW: p.value,
      energyWh: (p.value * step) / 60,
    });
  }

  private build(p: EnedisPoint): ConnectorRecord {
    if (p.series === 'energy' && p.stepMinutes !== undefined) {
      const end = this.end(p);
      return this.record(p, `energy_pt${p.stepMinutes}m`, end, { kind: 'interval', start: iso(end.epochMs - p.stepMinutes * 60_000), end: iso(end.epochMs), energyWh: p.value });
    }
    const day = localDay(p.label.wall, this.timeZone);
    if (p.series === 'energy') return this.record(p, 'energy_day', day.end, { kind: 'interval', start: iso(day.start.epochMs), end: iso(day.end.epochMs), energyWh: p.value });
    const data: Record<string, unknown> = { kind: 'max_power', start: iso(day.start.epochMs), end: iso(day.end.epochMs) };
    data[p.unit === 'VA' ? 'maxPowerVA' : 'maxPowerW'] = p.value;
    const w = p.label.wall;
    if (p.label.kind !== 'date' && (w.hour !== 0 || w.minute !== 0 || w.second !== 0)) data.maxPowerAt = iso(this.end(p).epochMs);
    return this.record(p, 'max_power_day', day.end, data);
  }

  private record(p: EnedisPoint, seriesRef: string, end: ResolvedInstant, data: Record<string, unknown>): ConnectorRecord {
    const endIso = iso(end.epochMs);
    return {
      type: 'energy.reading',
      source: `enedis:${p.prm}`,
      sourceRef: `${p.prm}:${p.direction}:${seriesRef}:${endIso}`,
      occurredAt: endIso,
      occurredOffset: formatOffset(end.offsetMinutes),
      data: { meterId: p.prm, commodity: 'electricity', direction: p.direction, quality: p.quality, ...data },
      location: `line ${p.lineNo}`,
    };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number) => String(n).padStart(2, '0');
