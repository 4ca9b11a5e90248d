import type { RecordExample } from './record-example.ts';

/** Health: FHIR Observation and clinical resources, Apple Health. */
export const HEALTH_EXAMPLES = {
  'health.measure': [
    {
      name: 'FHIR Observation blood pressure panel with components',
      source: 'fhir:withings',
      sourceRef: 'Observation/bp-20250210-0745',
      occurredAt: '2025-02-10T07:45:00Z',
      data: {
        kind: 'blood_pressure',
        code: { system: 'http://loinc.org', code: '85354-9', display: 'Blood pressure panel with all children optional' },
        components: [
          { code: { system: 'http://loinc.org', code: '8480-6', display: 'Systolic blood pressure' }, value: 128, unit: 'mm[Hg]' },
          { code: { system: 'http://loinc.org', code: '8462-4', display: 'Diastolic blood pressure' }, value: 82, unit: 'mm[Hg]' },
        ],
        start: '2025-02-10T07:45:00Z',
        status: 'final',
        category: 'vital-signs',
        device: 'Withings BPM Connect',
      },
    },
    {
      name: 'Apple Health step count',
      source: 'apple-health',
      sourceRef: 'HKQuantityTypeIdentifierStepCount/2025-03-01T08:00:00Z/iPhone',
      occurredAt: '2025-03-01T08:00:00Z',
      data: {
        kind: 'steps',
        code: { system: 'com.apple.health', code: 'HKQuantityTypeIdentifierStepCount' },
        value: 1234,
        unit: 'count',
        start: '2025-03-01T08:00:00Z',
        end: '2025-03-01T08:10:00Z',
        sourceName: 'iPhone de Camille',
      },
    },
    {
      name: 'Apple Health sleep stage (categorical)',
      source: 'apple-health',
      sourceRef: 'HKCategoryTypeIdentifierSleepAnalysis/2025-03-01T23:10:00Z',
      occurredAt: '2025-03-01T23:10:00Z',
      data: {
        kind: 'sleep',
        code: { system: 'com.apple.health', code: 'HKCategoryTypeIdentifierSleepAnalysis' },
        valueText: 'HKCategoryValueSleepAnalysisAsleepDeep',
        start: '2025-03-01T23:10:00Z',
        end: '2025-03-02T00:05:00Z',
        device: 'Apple Watch',
      },
    },
  ],
  'health.event': [
    {
      name: 'FHIR Immunization',
      source: 'fhir:mon-espace-sante',
      sourceRef: 'Immunization/7d1c',
      occurredAt: '2021-05-12T00:00:00Z',
      data: {
        kind: 'immunization',
        code: { system: 'http://hl7.org/fhir/sid/cvx', code: '208', display: 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose' },
        status: 'completed',
        start: '2021-05-12',
        performer: 'Pharmacie du Centre, Lyon',
      },
    },
    {
      name: 'FHIR Condition with several codings',
      source: 'fhir:mon-espace-sante',
      sourceRef: 'Condition/hta-01',
      occurredAt: '2019-06-03T09:00:00Z',
      data: {
        kind: 'condition',
        code: { system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertensive disorder' },
        codes: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10', display: 'Essential (primary) hypertension' }],
        status: 'active',
        start: '2019-06-03T09:00:00Z',
        note: 'Suivi tous les six mois',
      },
    },
  ],
} satisfies Record<'health.measure' | 'health.event', RecordExample[]>;
