import { formatOffset, isRealDate, zonedToInstant } from '../../domain/time.ts';

/**
 * ISO 20022 dates: `Dt` is a date ("2025-03-12", sometimes with an offset
 * "2025-03-12+01:00"); `DtTm` is an ISO date-time with or without an offset
 * ("2025-03-12T10:30:00.000+01:00", "2025-03-12T10:30:00Z", "2025-03-12T10:30:00").
 * The date as written is the local date; the instant comes from the offset, or from
 * `timeZone` for a naive time, or is midnight in `timeZone` for a date.
 */
export interface IsoDate {
  date: string;
  instant: string;
  offset?: string;
  hasTime: boolean;
}

const RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

export function parseIsoDate(text: string, timeZone: string): IsoDate | null {
  const m = RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss, tz] = m;
  const date = `${y}-${mo}-${d}`;
  if (!isRealDate(date)) return null;
  const hasTime = hh !== undefined;
  if (hasTime && (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 59)) return null;
  const wall = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(hh ?? 0), minute: Number(mi ?? 0), second: Number(ss ?? 0) };
  if (tz === undefined) return { date, instant: zonedToInstant(wall, timeZone).instant, hasTime };
  const minutes = tz === 'Z' ? 0 : (tz.startsWith('-') ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(-2)));
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - minutes * 60_000;
  return { date, instant: new Date(utc).toISOString(), offset: formatOffset(minutes), hasTime };
}
