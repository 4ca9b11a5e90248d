import { eur, type RecordExample } from './record-example.ts';

/** Meters and lines: Enedis load curves, indexes and maximum power, GRDF gas, operator CDRs. */
export const ENERGY_EXAMPLES = {
  'energy.reading': [
    {
      name: 'Enedis 30-minute load-curve point (average power)',
      source: 'enedis:09123456789012',
      sourceRef: '09123456789012/CONS/2025-01-15T09:30:00Z',
      occurredAt: '2025-01-15T09:00:00Z',
      occurredOffset: '+01:00',
      data: {
        meterId: '09123456789012',
        commodity: 'electricity',
        kind: 'interval',
        start: '2025-01-15T09:00:00Z',
        end: '2025-01-15T09:30:00Z',
        averagePowerW: 1200,
        energyWh: 600,
      },
    },
    {
      name: 'Enedis daily index, off-peak register',
      source: 'enedis:09123456789012',
      sourceRef: '09123456789012/INDEX/HC/2025-01-15',
      occurredAt: '2025-01-14T23:00:00Z',
      data: { meterId: '09123456789012', commodity: 'electricity', kind: 'index', end: '2025-01-14T23:00:00Z', indexWh: 23456789, tariffPeriod: 'HC', quality: 'measured' },
    },
    {
      name: 'Enedis daily maximum power',
      source: 'enedis:09123456789012',
      sourceRef: '09123456789012/PMAX/2025-01-15',
      occurredAt: '2025-01-14T23:00:00Z',
      data: {
        meterId: '09123456789012',
        commodity: 'electricity',
        kind: 'max_power',
        start: '2025-01-14T23:00:00Z',
        end: '2025-01-15T23:00:00Z',
        maxPowerVA: 5230,
        maxPowerAt: '2025-01-15T18:42:10Z',
      },
    },
    {
      name: 'GRDF daily gas volume converted to kWh, estimated',
      source: 'grdf:gi123456',
      sourceRef: 'GI123456/2025-01-15',
      occurredAt: '2025-01-15T05:00:00Z',
      data: {
        meterId: 'GI123456',
        commodity: 'gas',
        kind: 'interval',
        start: '2025-01-15T05:00:00Z',
        end: '2025-01-16T05:00:00Z',
        volumeM3: 2.35,
        energyWh: 26555,
        conversionKWhPerM3: 11.3,
        quality: 'estimated',
      },
    },
  ],
  'telecom.usage': [
    {
      name: 'outgoing call on a detailed bill',
      source: 'org:orange',
      sourceRef: 'cdr-2025-02-12-0931-0033145678901',
      occurredAt: '2025-02-12T08:31:07Z',
      data: {
        line: '+33612345678',
        kind: 'call',
        direction: 'outgoing',
        counterpart: '+33145678901',
        start: '2025-02-12T08:31:07Z',
        durationS: 125,
        cost: eur(0),
        included: true,
      },
    },
    {
      name: 'data session in roaming',
      source: 'org:orange',
      sourceRef: 'cdr-2025-07-03-data-es',
      occurredAt: '2025-07-03T10:00:00Z',
      data: { line: '+33612345678', kind: 'data', start: '2025-07-03T10:00:00Z', dataBytes: 52428800, roaming: true, country: 'ES', cost: eur(0), included: true },
    },
  ],
} satisfies Record<'energy.reading' | 'telecom.usage', RecordExample[]>;
