import { z } from 'zod';
import { localDateSchema, instantSchema } from '../time.ts';
import { addressSchema, blobRefSchema, nonEmpty } from './common.ts';

/**
 * `contact` — a person or organisation in the person's address book (vCard 2.1/3.0/4.0).
 * Multi-valued properties keep their types (`home`, `work`, `cell`…) and preference.
 */
const typed = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    value,
    types: z.array(z.string()).default([]),
    pref: z.boolean().optional(),
    label: z.string().optional(),
  });

const BIRTHDAY_EXPECTED = 'expected a date like 1985-03-14, or --03-14 without the year';

export const contactSchema = z.strictObject({
  /** vCard UID, when the card has one. */
  uid: z.string().optional(),
  fullName: nonEmpty,
  name: z
    .strictObject({
      family: z.string().optional(),
      given: z.string().optional(),
      additional: z.string().optional(),
      prefix: z.string().optional(),
      suffix: z.string().optional(),
    })
    .optional(),
  nicknames: z.array(z.string()).default([]),
  kind: z.enum(['individual', 'organization', 'group', 'location']).default('individual'),
  emails: z.array(typed(z.string())).default([]),
  phones: z.array(typed(z.string())).default([]),
  addresses: z.array(addressSchema.extend({ types: z.array(z.string()).default([]), pref: z.boolean().optional() })).default([]),
  organization: z.string().optional(),
  title: z.string().optional(),
  role: z.string().optional(),
  /** Full date, or a partial one such as "--03-14" (vCard 4 date without year). */
  birthday: z
    .union([localDateSchema, z.string().regex(/^--\d{2}-\d{2}$/, { message: BIRTHDAY_EXPECTED, abort: true })], { error: BIRTHDAY_EXPECTED })
    .optional(),
  anniversary: localDateSchema.optional(),
  gender: z.string().optional(),
  urls: z.array(z.string()).default([]),
  categories: z.array(z.string()).default([]),
  note: z.string().optional(),
  photo: z.union([blobRefSchema, z.strictObject({ uri: z.string() })], { error: 'expected a stored file (sha256, mediaType, size) or { uri }' }).optional(),
  related: z.array(typed(z.string())).default([]),
  /** vCard REV, when given. */
  revisedAt: instantSchema.optional(),
});

/**
 * `identity.attribute` — one thing a source believes about the person: their address,
 * phone, e-mail, name, IBAN, customer number… The data-quality insight compares these
 * across sources to find what is stale or contradictory.
 * Example: { attribute: 'email', value: 'camille.martin@example.fr' } from source 'org:insurer'.
 */
export const identityAttributeSchema = z.strictObject({
  attribute: z.enum([
    'full_name',
    'given_name',
    'family_name',
    'birth_date',
    'birth_place',
    'postal_address',
    'email',
    'phone',
    'iban',
    'customer_number',
    'tax_id',
    'social_security_number',
    'nationality',
    'gender',
    'other',
  ]),
  value: nonEmpty,
  /** For postal addresses, the parts. */
  address: addressSchema.optional(),
  /** What this value is for at the source ("billing", "delivery", "contact"). */
  purpose: z.string().optional(),
  /** When the source last confirmed or updated the value. */
  asOf: localDateSchema.optional(),
  verified: z.boolean().optional(),
});
