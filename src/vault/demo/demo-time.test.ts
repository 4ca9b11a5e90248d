import { describe, expect, it } from 'vitest';
import { offsetAt, zonedToInstant } from '../../domain/time.ts';
import { Rng } from './prng.ts';
import { addMonths, dateOf, dayNumber, parisEpochMs, parisInstant, parisLocal, parisOffsetMinutes } from './demo-time.ts';

describe('demo time helpers', () => {
  it('agree with the Intl-based offsetAt for Europe/Paris, around every change of 1996–2040', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 3000; i++) {
      const ms = Date.UTC(1996, 0, 1) + Math.floor(rng.next() * 45 * 365.25 * 86_400_000);
      expect(parisOffsetMinutes(ms)).toBe(offsetAt(ms, 'Europe/Paris'));
    }
    // Exactly at the changes of 2025: 30 March 01:00Z and 26 October 01:00Z.
    expect(parisOffsetMinutes(Date.UTC(2025, 2, 30, 0, 59))).toBe(60);
    expect(parisOffsetMinutes(Date.UTC(2025, 2, 30, 1, 0))).toBe(120);
    expect(parisOffsetMinutes(Date.UTC(2025, 9, 26, 0, 59))).toBe(120);
    expect(parisOffsetMinutes(Date.UTC(2025, 9, 26, 1, 0))).toBe(60);
  });

  it('turn Paris wall times into the same instants as zonedToInstant, gaps and folds included', () => {
    const rng = new Rng(2);
    const days = [dayNumber('2025-03-30'), dayNumber('2025-10-26'), dayNumber('2024-03-31'), dayNumber('2024-10-27')];
    for (let i = 0; i < 2000; i++) days.push(dayNumber('2016-01-01') + rng.int(0, 4000));
    for (const day of days) {
      const minute = rng.int(0, 24 * 60 - 1);
      const [y, m, d] = dateOf(day).split('-').map(Number) as [number, number, number];
      const expected = zonedToInstant({ year: y, month: m, day: d, hour: Math.floor(minute / 60), minute: minute % 60 }, 'Europe/Paris');
      expect(new Date(parisEpochMs(day, minute)).toISOString()).toBe(expected.instant);
    }
    expect(parisInstant(dayNumber('2025-07-14'), 12 * 60)).toEqual({ at: '2025-07-14T10:00:00.000Z', offset: '+02:00' });
    expect(parisInstant(dayNumber('2025-03-30'), 2 * 60 + 30).at).toBe('2025-03-30T01:30:00.000Z'); // in the gap: 03:30 CEST
  });

  it('gives the local day and hour of an instant', () => {
    expect(parisLocal(Date.parse('2025-12-31T23:30:00Z'))).toEqual({ day: dayNumber('2026-01-01'), hour: 0.5 });
    expect(parisLocal(Date.parse('2025-07-01T21:45:00Z'))).toEqual({ day: dayNumber('2025-07-01'), hour: 23.75 });
  });

  it('adds months clamping the day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-10-31', -120)).toBe('2016-10-31');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
  });
});
