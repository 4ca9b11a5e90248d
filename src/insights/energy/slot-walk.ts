import { NO_DATA, type EnergySeries } from './energy-series.ts';
import { DAY_MS, SLOT_MS, SLOTS_PER_DAY, type LocalClock } from './local-clock.ts';

/** What `walkSlots` reports for each half-hour that holds data. */
export interface SlotVisit {
  /** Local day number and minute of the slot's start. */
  day: number;
  minute: number;
  startMs: number;
  wh: number;
  m3: number;
  /** FINE or COARSE (see energy-series.ts). */
  state: number;
}

/**
 * Visits, in time order, every half-hour slot of a series that holds data and starts in
 * the local days [fromDay, toDay). One object is reused across calls: copy what you keep.
 */
export function walkSlots(series: EnergySeries, clock: LocalClock, fromDay: number, toDay: number, visit: (v: SlotVisit) => void): void {
  const startMs = clock.midnight(fromDay);
  const endMs = clock.midnight(toDay);
  const v: SlotVisit = { day: 0, minute: 0, startMs: 0, wh: 0, m3: 0, state: 0 };
  const firstUtcDay = Math.floor(startMs / DAY_MS);
  const lastUtcDay = Math.floor((endMs - 1) / DAY_MS);
  // Walk the stored days only (a sparse series over a long period costs what it holds).
  const utcDays = series.days.size < lastUtcDay - firstUtcDay + 1 ? [...series.days.keys()].filter((d) => d >= firstUtcDay && d <= lastUtcDay).sort((a, b) => a - b) : null;
  const each = (utcDay: number) => {
    const slots = series.days.get(utcDay);
    if (!slots) return;
    for (let i = 0; i < SLOTS_PER_DAY; i++) {
      const state = slots.state[i]!;
      if (state === NO_DATA) continue;
      const t = utcDay * DAY_MS + i * SLOT_MS;
      if (t < startMs || t >= endMs) continue;
      const local = t + clock.offsetMs(t);
      v.day = Math.floor(local / DAY_MS);
      v.minute = Math.floor((local - v.day * DAY_MS) / 60_000);
      v.startMs = t;
      v.wh = slots.wh[i]!;
      v.m3 = slots.m3[i]!;
      v.state = state;
      visit(v);
    }
  };
  if (utcDays) for (const d of utcDays) each(d);
  else for (let d = firstUtcDay; d <= lastUtcDay; d++) each(d);
}
