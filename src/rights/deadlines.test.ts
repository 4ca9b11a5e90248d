import { describe, expect, it } from 'vitest';
import { addMonths, daysUntil, dueDate, isPastDue, localDateOf, overdueFrom } from './deadlines.ts';

describe('one calendar month, art. 12(3) GDPR', () => {
  it('ends on the same day of the next month', () => {
    expect(dueDate('2025-03-15')).toBe('2025-04-15');
    expect(dueDate('2025-12-10')).toBe('2026-01-10');
  });

  it('ends on the last day of a shorter month: 31 January → 28 February, or 29 in a leap year', () => {
    expect(dueDate('2025-01-31')).toBe('2025-02-28');
    expect(dueDate('2024-01-31')).toBe('2024-02-29');
    expect(dueDate('2025-01-29')).toBe('2025-02-28');
    expect(dueDate('2025-03-31')).toBe('2025-04-30');
    expect(dueDate('2025-01-28')).toBe('2025-02-28');
  });

  it('counts an extension from the day the request was sent, not from the first due day', () => {
    // 31 Jan + 3 months = 30 April; 28 Feb + 2 months would give 28 April, too early.
    expect(dueDate('2025-01-31', 2)).toBe('2025-04-30');
    expect(dueDate('2025-01-31', 1)).toBe('2025-03-31');
    expect(dueDate('2025-11-30', 2)).toBe('2026-02-28');
  });

  it('refuses more than two further months', () => {
    expect(() => dueDate('2025-01-10', 3)).toThrow(/0 to 2 months/);
    expect(() => dueDate('2025-01-10', -1)).toThrow(RangeError);
  });

  it('adds months across years both ways', () => {
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });
});

describe('the day in the person’s time zone', () => {
  it('is the Paris date, not the UTC one', () => {
    expect(localDateOf(Date.parse('2025-03-31T22:30:00Z'))).toBe('2025-04-01');
    expect(localDateOf(Date.parse('2025-03-31T21:30:00Z'))).toBe('2025-03-31');
    expect(localDateOf(Date.parse('2025-03-31T22:30:00Z'), 'UTC')).toBe('2025-03-31');
  });

  it('is overdue only once the whole due day has passed in Paris', () => {
    expect(isPastDue('2025-02-28', Date.parse('2025-02-28T22:59:59Z'))).toBe(false); // 23:59:59 in Paris
    expect(isPastDue('2025-02-28', Date.parse('2025-02-28T23:00:00Z'))).toBe(true); // midnight, 1 March
    expect(overdueFrom('2025-02-28')).toBe('2025-02-28T23:00:00.000Z');
    expect(overdueFrom('2025-07-31')).toBe('2025-07-31T22:00:00.000Z'); // summer time
  });

  it('counts days left', () => {
    expect(daysUntil('2025-02-28', '2025-02-01')).toBe(27);
    expect(daysUntil('2025-02-28', '2025-03-02')).toBe(-2);
  });
});
