import { MesInfosError } from '../../domain/errors.ts';

/** The default off-peak (heures creuses) window: 22:00–06:00 local time, 8 hours. */
export const DEFAULT_OFF_PEAK = ['22:00-06:00'];

/**
 * Off-peak windows in local wall time, as a person or a tariff states them:
 * "22:00-06:00" (crossing midnight), or several: ["01:30-07:30", "12:30-14:30"].
 * `contains(minute)` says whether a minute of the day (0–1439) is off-peak.
 */
export class OffPeakWindow {
  private readonly minutes: Uint8Array;

  private constructor(readonly windows: string[], minutes: Uint8Array) {
    this.minutes = minutes;
  }

  static parse(windows: readonly string[]): OffPeakWindow {
    const minutes = new Uint8Array(1440);
    for (const w of windows) {
      const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(w);
      const from = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
      const to = m ? Number(m[3]) * 60 + Number(m[4]) : NaN;
      if (!m || Number(m[2]) > 59 || Number(m[4]) > 59 || from > 1440 || to > 1440 || from === to)
        throw new MesInfosError('INPUT_INVALID', `Off-peak window "${w}": expected HH:MM-HH:MM, e.g. 22:00-06:00.`, { field: 'offPeak', value: w });
      for (let t = from; t !== to; t = (t + 1) % 1440) minutes[t % 1440] = 1;
    }
    return new OffPeakWindow(
      windows.map((w) => w.replace(/\s+/g, '')),
      minutes,
    );
  }

  contains(minuteOfDay: number): boolean {
    return this.minutes[minuteOfDay] === 1;
  }

  /** Hours per day inside the windows. */
  hoursPerDay(): number {
    let n = 0;
    for (const v of this.minutes) n += v;
    return n / 60;
  }
}
