/** A valid hourly electricity reading of `energyWh` at `day` `hour`:00 UTC (for tests that need energy data). */
export function energyReading(day: string, hour: number, energyWh: number, source = 'enedis') {
  const start = `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  return {
    type: 'energy.reading' as const,
    source,
    sourceRef: `${day}T${hour}`,
    occurredAt: start,
    data: { meterId: 'PDL-001', commodity: 'electricity', kind: 'interval', start, end: new Date(Date.parse(start) + 3_600_000).toISOString(), energyWh },
  };
}
