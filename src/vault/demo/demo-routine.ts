import { holidayOn, type DemoPlan, type Holiday, type Meeting } from './demo-plan.ts';
import { Rng, hash32 } from './prng.ts';
import { dayNumber, dayNumberOf, isWeekend, partsOf, weekdayOf } from './demo-time.ts';

/**
 * One day of the demo person's life: is she working, at the office or at home, how does
 * she commute, does she go to the gym, shop, see a friend. A pure function of the plan
 * and the day (its randomness is seeded by the day), so the electricity curve, the bank
 * account, the location history and the step count all tell the same story without
 * sharing state.
 */
export interface DayRoutine {
  day: number;
  holiday?: Holiday;
  /** A working day (at the office or teleworking). */
  working: boolean;
  telework: boolean;
  commute: 'bike' | 'tram' | 'car';
  /** Minutes after local midnight. */
  wake: number;
  sleep: number;
  leaveHome: number;
  arriveWork: number;
  leaveWork: number;
  arriveHome: number;
  gym?: { start: number; end: number };
  /** Weekly shopping at the supermarket that gives receipts. */
  supermarket?: number;
  bakery?: number;
  cityShop?: number;
  fuel?: number;
  meeting?: Meeting;
  doctor?: number;
  /** An hour-long machine wash starting at that minute. */
  laundry?: number;
}

const COVID_LOCKDOWNS: [string, string][] = [
  ['2020-03-17', '2020-05-10'],
  ['2020-10-30', '2020-12-14'],
];

/** French public holidays of a year (fixed ones and those following Easter). */
export function publicHolidays(year: number): Set<number> {
  // Anonymous Gregorian algorithm for Easter Sunday.
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dom = ((h + l - 7 * m + 114) % 31) + 1;
  const easter = dayNumberOf(year, month, dom);
  const fixed: [number, number][] = [[1, 1], [5, 1], [5, 8], [7, 14], [8, 15], [11, 1], [11, 11], [12, 25]];
  return new Set([...fixed.map(([mo, d2]) => dayNumberOf(year, mo, d2)), easter + 1, easter + 39, easter + 50]);
}

export class RoutineBook {
  private readonly cache = new Map<number, DayRoutine>();
  private readonly holidaysByYear = new Map<number, Set<number>>();
  private readonly meetings = new Map<number, Meeting>();
  private readonly doctor = new Map<number, number>();
  private readonly lockdowns = COVID_LOCKDOWNS.map(([a, b]) => [dayNumber(a), dayNumber(b)] as const);
  private readonly teleworkFrom = dayNumber('2020-09-01');

  constructor(readonly plan: DemoPlan) {
    for (const m of plan.meetings) this.meetings.set(m.day, m);
    for (const v of plan.doctorVisits) this.doctor.set(v.day, v.minute);
  }

  isPublicHoliday(day: number): boolean {
    const y = partsOf(day).year;
    let set = this.holidaysByYear.get(y);
    if (!set) {
      set = publicHolidays(y);
      this.holidaysByYear.set(y, set);
    }
    return set.has(day);
  }

  /** The routine of a day; cached, since readings ask for the same day 48 times. */
  of(day: number): DayRoutine {
    let r = this.cache.get(day);
    if (!r) {
      r = this.compute(day);
      if (this.cache.size > 64) this.cache.clear();
      this.cache.set(day, r);
    }
    return r;
  }

  private compute(day: number): DayRoutine {
    const plan = this.plan;
    const rng = new Rng(hash32(plan.seed, 0x7007, day));
    const wd = weekdayOf(day);
    const month = partsOf(day).month;
    const holiday = holidayOn(plan, day);
    const working = !holiday && !isWeekend(day) && !this.isPublicHoliday(day) && !rng.chance(0.02);
    const locked = this.lockdowns.some(([a, b]) => day >= a && day <= b);
    const telework = working && (locked || (day >= this.teleworkFrom && (wd === 1 || wd === 5)));
    const winter = month <= 3 || month >= 11;
    const commute: DayRoutine['commute'] = winter ? (rng.chance(0.15) ? 'car' : 'tram') : rng.chance(0.85) ? 'bike' : 'tram';
    const wake = working ? 6 * 60 + 30 + rng.int(0, 6) * 5 : 8 * 60 + rng.int(0, 12) * 10;
    const leaveHome = wake + 60 + rng.int(0, 4) * 5;
    const travel = commute === 'bike' ? 22 : commute === 'tram' ? 30 : 25;
    const leaveWork = 17 * 60 + 15 + rng.int(0, 9) * 5;
    const r: DayRoutine = {
      day,
      working,
      telework,
      commute,
      wake,
      sleep: 22 * 60 + 45 + rng.int(0, 8) * 10,
      leaveHome,
      arriveWork: leaveHome + travel + rng.int(0, 5),
      leaveWork,
      arriveHome: leaveWork + travel + rng.int(0, 8),
    };
    if (holiday) r.holiday = holiday;
    if (holiday) return r;
    if (day >= plan.gym.start && day <= plan.gym.end && (wd === 2 || wd === 4) && rng.chance(0.85)) {
      r.gym = { start: 18 * 60 + 30, end: 19 * 60 + 45 };
      r.arriveHome = 20 * 60 + rng.int(0, 3) * 5;
    }
    if ((wd === 6 && rng.chance(0.8)) || (wd === 3 && rng.chance(0.45))) r.supermarket = wd === 6 ? 10 * 60 + rng.int(0, 12) * 10 : 18 * 60 + 20 + rng.int(0, 4) * 5;
    if (rng.chance(wd === 0 ? 0.7 : 0.3)) r.bakery = wd === 0 ? 9 * 60 + 30 + rng.int(0, 6) * 5 : r.working && !r.telework ? r.arriveHome - 15 : 12 * 60 + rng.int(0, 6) * 5;
    if (!r.working && wd !== 0 && rng.chance(0.2)) r.cityShop = 15 * 60 + rng.int(0, 12) * 10;
    else if (r.working && !r.telework && rng.chance(0.08)) r.cityShop = 12 * 60 + 20 + rng.int(0, 4) * 5;
    if (wd === 6 && rng.chance(0.42)) r.fuel = 11 * 60 + 45 + rng.int(0, 6) * 5;
    if ((wd === 6 || wd === 0 || wd === 3) && rng.chance(0.55)) r.laundry = (wd === 3 ? 20 * 60 : 10 * 60) + rng.int(0, 4) * 30;
    const meeting = this.meetings.get(day);
    if (meeting) r.meeting = meeting;
    const doctor = this.doctor.get(day);
    if (doctor !== undefined) r.doctor = doctor;
    return r;
  }

  /** Whether she is at home at a local minute of the day (for the electricity curve). */
  atHome(r: DayRoutine, minute: number): boolean {
    if (r.holiday) return false;
    if (r.working && !r.telework && minute >= r.leaveHome && minute < r.arriveHome) return false;
    if (r.gym && minute >= r.gym.start - 20 && minute < r.gym.end + 15) return false;
    if (r.meeting && r.meeting.where !== 'home' && minute >= r.meeting.minute - 20 && minute < r.meeting.minute + r.meeting.durationMin + 20) return false;
    if (r.supermarket !== undefined && minute >= r.supermarket - 15 && minute < r.supermarket + 50) return false;
    return true;
  }
}
