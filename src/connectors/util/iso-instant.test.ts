import { describe, it, expect } from 'vitest';
import { parseIsoInstant } from './iso-instant.ts';

describe('parseIsoInstant', () => {
  it('reads Z, offsets with and without colon, and fractions', () => {
    expect(parseIsoInstant('2024-06-01T08:30:00Z')).toEqual({ instant: '2024-06-01T08:30:00.000Z', epochMs: Date.UTC(2024, 5, 1, 8, 30) });
    expect(parseIsoInstant('2024-06-01T10:30:00.1239+02:00')).toMatchObject({ instant: '2024-06-01T08:30:00.123Z', offset: '+02:00' });
    expect(parseIsoInstant('2017-03-30 09:29:00 +0200')).toMatchObject({ instant: '2017-03-30T07:29:00.000Z', offset: '+02:00' });
    expect(parseIsoInstant('2024-01-01T00:15:00-05:30')).toMatchObject({ instant: '2024-01-01T05:45:00.000Z', offset: '-05:30' });
  });
  it('reads a naive time as UTC or in a zone', () => {
    expect(parseIsoInstant('2024-06-01T08:30:00')).toEqual({ instant: '2024-06-01T08:30:00.000Z', epochMs: Date.UTC(2024, 5, 1, 8, 30) });
    expect(parseIsoInstant('2024-06-01T08:30:00', 'Europe/Paris')).toMatchObject({ instant: '2024-06-01T06:30:00.000Z', offset: '+02:00' });
  });
  it('refuses what is not a real date-time', () => {
    expect(parseIsoInstant('2024-02-30T08:30:00Z')).toBeNull();
    expect(parseIsoInstant('2024-06-01')).toBeNull();
    expect(parseIsoInstant('yesterday')).toBeNull();
    expect(parseIsoInstant('2024-06-01T25:00:00Z')).toBeNull();
  });
});
