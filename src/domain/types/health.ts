import { z } from 'zod';
import { instantSchema } from '../time.ts';
import { codingSchema, dateOrInstantSchema } from './common.ts';

/**
 * `health.measure` — a measured value about the body or activity: steps, heart rate,
 * weight, blood pressure (with components), sleep… (FHIR Observation, Apple Health Record).
 * `unit` is UCUM where the source allows ("kg", "/min", "mm[Hg]", "count").
 */
const quantity = z.strictObject({ code: codingSchema, value: z.number().finite(), unit: z.string() });

export const healthMeasureSchema = z
  .strictObject({
    /** Short kind for charts: steps, heart_rate, body_mass, blood_pressure, sleep… */
    kind: z.string().min(1),
    code: codingSchema,
    value: z.number().finite().optional(),
    /** For categorical values (sleep stage, FHIR valueString/valueCodeableConcept). */
    valueText: z.string().optional(),
    unit: z.string().optional(),
    components: z.array(quantity).default([]),
    start: instantSchema,
    end: instantSchema.optional(),
    /** The app or device that recorded it ("Apple Watch", "iPhone", "Withings"). */
    device: z.string().optional(),
    sourceName: z.string().optional(),
    status: z.string().optional(),
    category: z.string().optional(),
  })
  .superRefine((m, ctx) => {
    if (m.value === undefined && m.valueText === undefined && m.components.length === 0)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a measure needs value, valueText or components' });
  });

/**
 * `health.event` — a clinical fact that is not a measurement: a condition, a medication
 * prescribed, an immunization, a procedure, an allergy (FHIR Condition,
 * MedicationRequest, Immunization, Procedure, AllergyIntolerance).
 */
export const healthEventSchema = z.strictObject({
  kind: z.enum(['condition', 'medication', 'immunization', 'procedure', 'allergy', 'encounter', 'other']),
  code: codingSchema,
  codes: z.array(codingSchema).default([]),
  status: z.string().optional(),
  start: dateOrInstantSchema.optional(),
  end: dateOrInstantSchema.optional(),
  dosage: z.string().optional(),
  performer: z.string().optional(),
  note: z.string().optional(),
});
