import { offsetAt, wallAsUtcMs, zonedToInstant, type WallTime } from '../../domain/time.ts';

/**
 * Time labels in Enedis exports. The current export writes naive local wall times
 * (Europe/Paris) such as `2023-10-29 02:30:00`; older exports write ISO times with an
 * offset (`2023-01-01T00:30:00+01:00`) or French `01/01/2023 00:30`. A daily value may be
 * a bare date.
 */
export type Label =
  | { kind: 'date'; wall: WallTime }
  | { kind: 'naive'; wall: WallTime }
  | { kind: 'offset'; wall: WallTime; epochMs: number; offsetMinutes: number };

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
const FR_RE = /^(\d{2})\/(\d{2})\/(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses a time label, or returns null when it is not one. */
export function parseLabel(text: string): Label | null {
  const s = text.trim();
  let y: string, mo: string, d: string, h: string | undefined, mi: string | undefined, sec: string | undefined, zone: string | undefined;
  let m = ISO_RE.exec(s);
  if (m) [, y, mo, d, h, mi, sec, zone] = m as unknown as [string, string, string, string, string?, string?, string?, string?];
  else {
    m = FR_RE.exec(s);
    if (!m) return null;
    [, d, mo, y, h, mi, sec] = m as unknown as [string, string, string, string, string?, string?, string?];
  }
  const wall: WallTime = { year: +y, month: +mo, day: +d, hour: h ? +h : 0, minute: mi ? +mi : 0, second: sec ? +sec : 0 };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 24 || wall.minute > 59 || wall.second > 59) return null;
  if (wall.hour === 24 && (wall.minute !== 0 || wall.second !== 0)) return null;
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  if (check.getUTCMonth() !== wall.month - 1) return null;
  if (h === undefined) return { kind: 'date', wall };
  if (zone === undefined) return { kind: 'naive', wall };
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const epochMs = wallAsUtcMs(wall) - offsetMinutes * 60_000;
  return { kind: 'offset', wall, epochMs, offsetMinutes };
}

export interface ResolvedInstant {
  epochMs: number;
  offsetMinutes: number;
}

/**
 * Resolves naive local labels of one series in file order. A wall time that exists twice
 * (the October change) is given by Enedis twice, in time order: in an ascending series it
 * goes to its first instant unless the series has already reached it, then to the second;
 * in a descending series (seen once two unambiguous labels go backwards) the other way
 * round. A wall time in the March gap does not exist and is an error (returned as null).
 */
export class LocalTimeResolver {
  private last: number | undefined;
  private descending = false;
  constructor(private readonly timeZone: string) {}

  resolve(label: Label): ResolvedInstant | null {
    if (label.kind === 'offset') {
      this.follow(label.epochMs);
      return { epochMs: label.epochMs, offsetMinutes: label.offsetMinutes };
    }
    const naive = wallAsUtcMs(label.wall);
    const candidates = instantsOf(naive, this.timeZone);
    if (candidates.length === 0) return null;
    let t: number;
    if (candidates.length === 1) t = candidates[0]!;
    else if (!this.descending) t = this.last !== undefined && candidates[0]! <= this.last ? candidates[1]! : candidates[0]!;
    else t = this.last !== undefined && candidates[1]! >= this.last ? candidates[0]! : candidates[1]!;
    if (candidates.length === 1) this.follow(t);
    else this.last = t;
    return { epochMs: t, offsetMinutes: offsetAt(t, this.timeZone) };
  }

  private follow(t: number): void {
    if (this.last !== undefined && t !== this.last) this.descending = t < this.last;
    this.last = t;
  }
}

/** Every instant whose wall time in the zone is the given naive time (0, 1 or 2 of them). */
function instantsOf(naiveUtcMs: number, timeZone: string): number[] {
  const out: number[] = [];
  for (const guess of [offsetAt(naiveUtcMs - 36e5 * 3, timeZone), offsetAt(naiveUtcMs + 36e5 * 3, timeZone)]) {
    const t = naiveUtcMs - guess * 60_000;
    if (offsetAt(t, timeZone) === guess && !out.includes(t)) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

/** The local day [start, end) that holds a wall time's date, as instants. */
export function localDay(wall: WallTime, timeZone: string): { start: ResolvedInstant; end: ResolvedInstant } {
  const next = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
  const s = zonedToInstant({ year: wall.year, month: wall.month, day: wall.day, hour: 0, minute: 0 }, timeZone);
  const e = zonedToInstant({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, timeZone);
  return {
    start: { epochMs: Date.parse(s.instant), offsetMinutes: s.offsetMinutes },
    end: { epochMs: Date.parse(e.instant), offsetMinutes: e.offsetMinutes },
  };
}
