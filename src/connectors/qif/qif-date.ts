import { isRealDate } from '../../domain/time.ts';

/**
 * QIF dates, as Quicken and banks write them: `25/12/2024`, `12/25/24`, `12/25'04`
 * (apostrophe: 2000s), `4/ 8/08` (space-padded), `04.08.2008`, `2008-04-08`.
 *
 * Day/month order cannot be told from one date like `04/08/2008`; it is decided ONCE per
 * file from all its dates (`DateOrderVotes`): a first number above 12 proves
 * day-first, a second number above 12 proves month-first; no proof → day-first (France)
 * with a warning; both → the file is inconsistent (an error).
 */
export type DateOrder = 'dmy' | 'mdy';

const SLASHED = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-]|('))(\d{1,4})$/;
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

function clean(text: string): string {
  return text.trim().replace(/\s+/g, '');
}

/** Collects the evidence for the day/month order of a file. */
export class DateOrderVotes {
  dayFirstLine: number | undefined;
  monthFirstLine: number | undefined;
  dates = 0;

  add(text: string, line: number): void {
    const m = SLASHED.exec(clean(text));
    if (!m) return;
    this.dates++;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && this.dayFirstLine === undefined) this.dayFirstLine = line;
    if (b > 12 && this.monthFirstLine === undefined) this.monthFirstLine = line;
  }

  /** The order, or a conflict (both proofs found). */
  decide(): { order: DateOrder; proven: boolean } | { conflict: [number, number] } {
    if (this.dayFirstLine !== undefined && this.monthFirstLine !== undefined) return { conflict: [this.dayFirstLine, this.monthFirstLine] };
    if (this.monthFirstLine !== undefined) return { order: 'mdy', proven: true };
    return { order: 'dmy', proven: this.dayFirstLine !== undefined || this.dates === 0 };
  }
}

/** The date as YYYY-MM-DD, or null when it is not a date in the given order. */
export function parseQifDate(text: string, order: DateOrder): string | null {
  const s = clean(text);
  let y: number, mo: number, d: number;
  const iso = ISO.exec(s);
  const m = iso ? null : SLASHED.exec(s);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    [d, mo] = order === 'dmy' ? [a, b] : [b, a];
    const yt = m[4]!;
    y = Number(yt);
    if (yt.length <= 2) y += m[3] ? 2000 : y < 70 ? 2000 : 1900;
    else if (yt.length === 3) return null;
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isRealDate(date) ? date : null;
}
