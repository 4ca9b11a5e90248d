import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatOffset, instantSchema, isRealDate, localDateSchema, offsetAt, offsetSchema, toEpochMs, toInstant, zonedToInstant } from './time.ts';

const messageOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message).join('; ') ?? '';

describe('instantSchema', () => {
  it.each([
    '2025-03-01T08:30:00Z',
    '2025-03-01T08:30:00.000Z',
    '2025-03-01T08:30:00.5Z',
    '2025-03-01T08:30:00.123456789Z', // nanoseconds, as some exports write them
    '2024-02-29T23:59:59Z',
    '1970-01-01T00:00:00Z',
  ])('accepts %s', (s) => {
    expect(instantSchema.safeParse(s).success).toBe(true);
  });

  it.each([
    ['2025-03-01T09:30:00+01:00', /UTC instant like 2025-03-01T08:30:00Z/], // offset instead of Z
    ['2025-03-01T08:30:00+00:00', /UTC instant/],
    ['2025-03-01T08:30:00', /UTC instant/], // naive local time
    ['2025-03-01T08:30Z', /UTC instant/], // no seconds
    ['2025-03-01 08:30:00Z', /UTC instant/],
    ['2025-03-01T08:30:00z', /UTC instant/],
    ['2025-03-01', /UTC instant/],
    ['2025-02-30T00:00:00Z', /not a real date and time/],
    ['2023-02-29T12:00:00Z', /not a real date and time/],
    ['2025-13-01T00:00:00Z', /not a real date and time/],
    ['2025-00-10T00:00:00Z', /not a real date and time/],
    ['2025-03-01T24:00:00Z', /not a real date and time/],
    ['2025-03-01T23:60:00Z', /not a real date and time/],
    ['2025-03-01T23:59:60Z', /not a real date and time/], // leap seconds are not kept
  ])('refuses %s', (s, message) => {
    const r = instantSchema.safeParse(s);
    expect(r.success).toBe(false);
    expect(messageOf(r)).toMatch(message);
  });

  it('accepts every instant toInstant produces (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const s = toInstant(ms);
        expect(instantSchema.safeParse(s).success).toBe(true);
        expect(toEpochMs(s)).toBe(ms);
      }),
    );
  });
});

describe('localDateSchema', () => {
  it.each(['2024-02-29', '2025-03-01', '2025-12-31', '2000-02-29'])('accepts %s', (s) => {
    expect(localDateSchema.safeParse(s).success).toBe(true);
    expect(isRealDate(s)).toBe(true);
  });

  it.each([
    ['2023-02-29', /not a real calendar date/],
    ['1900-02-29', /not a real calendar date/], // 1900 is not a leap year
    ['2025-04-31', /not a real calendar date/],
    ['2025-13-01', /not a real calendar date/],
    ['2025-00-01', /not a real calendar date/],
    ['2025-3-1', /date like 2025-03-01/],
    ['01/03/2025', /date like 2025-03-01/],
    ['2025-03-01T00:00:00Z', /date like 2025-03-01/],
  ])('refuses %s', (s, message) => {
    const r = localDateSchema.safeParse(s);
    expect(r.success).toBe(false);
    expect(messageOf(r)).toMatch(message);
  });
});

describe('offsetSchema and formatOffset', () => {
  it.each([
    [60, '+01:00'],
    [120, '+02:00'],
    [0, '+00:00'],
    [-330, '-05:30'],
    [330, '+05:30'],
    [345, '+05:45'], // Nepal
    [-600, '-10:00'],
    [840, '+14:00'], // Kiribati
    [-720, '-12:00'],
  ])('%i minutes → %s', (minutes, text) => {
    expect(formatOffset(minutes)).toBe(text);
    expect(offsetSchema.safeParse(text).success).toBe(true);
  });

  it.each(['+1:00', '+0100', 'Z', '+15:00', '+01:60', 'UTC'])('offsetSchema refuses %s', (s) => {
    const r = offsetSchema.safeParse(s);
    expect(r.success).toBe(false);
    expect(messageOf(r)).toMatch(/UTC offset like \+01:00/);
  });
});

describe('offsetAt', () => {
  it.each([
    ['2025-07-14T12:00:00Z', 'Europe/Paris', 120],
    ['2025-01-15T12:00:00Z', 'Europe/Paris', 60],
    ['2025-03-30T00:59:59Z', 'Europe/Paris', 60], // the second before the spring change
    ['2025-03-30T01:00:00Z', 'Europe/Paris', 120],
    ['2025-10-26T00:59:59Z', 'Europe/Paris', 120],
    ['2025-10-26T01:00:00Z', 'Europe/Paris', 60],
    ['2025-07-14T12:00:00Z', 'UTC', 0],
    ['2025-01-15T12:00:00Z', 'America/New_York', -300],
    ['2025-01-15T12:00:00Z', 'Asia/Kolkata', 330],
    ['2025-01-15T12:00:00Z', 'Asia/Kathmandu', 345],
    ['2025-01-15T12:00:00Z', 'Indian/Reunion', 240],
    ['2025-07-14T12:00:00Z', 'Pacific/Tahiti', -600],
    ['2025-07-14T12:00:00.999Z', 'Europe/Paris', 120], // milliseconds do not skew it
  ])('%s in %s → %i', (instant, tz, minutes) => {
    expect(offsetAt(Date.parse(instant), tz)).toBe(minutes);
  });
});

describe('zonedToInstant', () => {
  const wall = (s: string) => {
    const [d, t] = s.split(' ');
    const [year, month, day] = d!.split('-').map(Number);
    const [hour, minute, second] = t!.split(':').map(Number);
    return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, ...(second !== undefined ? { second } : {}) };
  };

  it.each([
    // local wall time, zone, fold, instant, offset minutes
    ['2025-07-14 10:30', 'Europe/Paris', 0, '2025-07-14T08:30:00.000Z', 120], // summer
    ['2025-01-15 10:30', 'Europe/Paris', 0, '2025-01-15T09:30:00.000Z', 60], // winter
    ['2025-01-15 10:30', 'Europe/Paris', 1, '2025-01-15T09:30:00.000Z', 60], // fold is moot outside a change
    ['2025-01-01 00:00:00', 'Europe/Paris', 0, '2024-12-31T23:00:00.000Z', 60], // previous UTC day and year
    // October fold: 02:30 happens twice; fold 0 is the first (CEST), fold 1 the second (CET).
    ['2025-10-26 02:30', 'Europe/Paris', 0, '2025-10-26T00:30:00.000Z', 120],
    ['2025-10-26 02:30', 'Europe/Paris', 1, '2025-10-26T01:30:00.000Z', 60],
    ['2025-10-26 02:00', 'Europe/Paris', 0, '2025-10-26T00:00:00.000Z', 120],
    ['2025-10-26 02:00', 'Europe/Paris', 1, '2025-10-26T01:00:00.000Z', 60],
    ['2025-10-26 03:00', 'Europe/Paris', 0, '2025-10-26T02:00:00.000Z', 60],
    ['2025-10-26 01:59:59', 'Europe/Paris', 1, '2025-10-25T23:59:59.000Z', 120], // before the fold: one answer
    // March gap: 02:30 does not exist; shifted forward by the gap (read as 03:30 CEST).
    ['2025-03-30 02:30', 'Europe/Paris', 0, '2025-03-30T01:30:00.000Z', 120],
    ['2025-03-30 02:00', 'Europe/Paris', 0, '2025-03-30T01:00:00.000Z', 120],
    ['2025-03-30 03:00', 'Europe/Paris', 0, '2025-03-30T01:00:00.000Z', 120],
    ['2025-03-30 01:59:59', 'Europe/Paris', 0, '2025-03-30T00:59:59.000Z', 60],
    // Elsewhere.
    ['2025-11-02 01:30', 'America/New_York', 0, '2025-11-02T05:30:00.000Z', -240],
    ['2025-11-02 01:30', 'America/New_York', 1, '2025-11-02T06:30:00.000Z', -300],
    ['2025-03-09 02:30', 'America/New_York', 0, '2025-03-09T07:30:00.000Z', -240],
    ['2025-06-01 12:00', 'Asia/Kolkata', 0, '2025-06-01T06:30:00.000Z', 330],
    ['2025-06-01 12:00', 'UTC', 0, '2025-06-01T12:00:00.000Z', 0],
  ] as const)('%s in %s (fold %i) → %s (%i)', (local, tz, fold, instant, offsetMinutes) => {
    expect(zonedToInstant(wall(local), tz, fold)).toEqual({ instant, offsetMinutes });
  });

  it('the fold answers differ by exactly the hour that repeats', () => {
    const a = zonedToInstant(wall('2025-10-26 02:30'), 'Europe/Paris', 0);
    const b = zonedToInstant(wall('2025-10-26 02:30'), 'Europe/Paris', 1);
    expect(Date.parse(b.instant) - Date.parse(a.instant)).toBe(3_600_000);
    expect([formatOffset(a.offsetMinutes), formatOffset(b.offsetMinutes)]).toEqual(['+02:00', '+01:00']);
  });

  it.each(['Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Pacific/Auckland', 'Australia/Lord_Howe', 'Asia/Kolkata'])(
    'finds the instant again from its wall time in %s, whichever side of a change (property)',
    (tz) => {
      const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' });
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2037, 11, 31) }), (ms) => {
          const t = Math.floor(ms / 1000) * 1000;
          const local = wall(fmt.format(new Date(t))); // "2025-07-14 10:30:00"
          const first = zonedToInstant(local, tz, 0);
          const second = zonedToInstant(local, tz, 1);
          // A wall time in a repeated hour has two answers; the instant must be one of them.
          expect([first.instant, second.instant]).toContain(new Date(t).toISOString());
          expect(Date.parse(first.instant)).toBeLessThanOrEqual(Date.parse(second.instant));
          expect(first.offsetMinutes).toBe(offsetAt(Date.parse(first.instant), tz));
          expect(second.offsetMinutes).toBe(offsetAt(Date.parse(second.instant), tz));
        }),
        { numRuns: 300 },
      );
    },
  );

  it('finds both instants of every October fold in Paris, 2000–2037', () => {
    for (let year = 2000; year <= 2037; year++) {
      // The last Sunday of October.
      const lastDay = new Date(Date.UTC(year, 9, 31));
      const day = 31 - lastDay.getUTCDay();
      const a = zonedToInstant({ year, month: 10, day, hour: 2, minute: 30 }, 'Europe/Paris', 0);
      const b = zonedToInstant({ year, month: 10, day, hour: 2, minute: 30 }, 'Europe/Paris', 1);
      expect([a.offsetMinutes, b.offsetMinutes], String(year)).toEqual([120, 60]);
      expect(a.instant).toBe(`${year}-10-${String(day).padStart(2, '0')}T00:30:00.000Z`);
    }
  });
});

describe('toEpochMs', () => {
  it.each([
    ['2025-03-01', Date.UTC(2025, 2, 1)],
    ['2025-03-01T08:30:00Z', Date.UTC(2025, 2, 1, 8, 30)],
    ['2025-03-01T08:30:00.250Z', Date.UTC(2025, 2, 1, 8, 30, 0, 250)],
  ])('%s → %i', (s, ms) => {
    expect(toEpochMs(s)).toBe(ms);
  });
});
