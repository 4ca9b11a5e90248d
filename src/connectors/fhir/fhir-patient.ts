import { type Json, arr, obj, str } from './fhir-values.ts';

/** One thing the source believes about the person, before the envelope is added. */
export interface Attribute {
  attribute: string;
  value: string;
  address?: Json;
  purpose?: string;
  /** Distinguishes several values of one attribute in the sourceRef. */
  key: string;
}

/** French INS (NIR / NIA) identifier systems. */
const NIR_SYSTEMS = ['urn:oid:1.2.250.1.213.1.4.8', 'urn:oid:1.2.250.1.213.1.4.10', 'urn:oid:1.2.250.1.213.1.4.11'];

/**
 * Patient → what the source believes: full name (the official name first), given and
 * family names, birth date, gender, postal addresses, phones and e-mails (with their
 * `use` as purpose), and the French INS (NIR) when present.
 */
export function patientAttributes(p: Json): Attribute[] {
  const out: Attribute[] = [];
  const names = arr(p.name).map(obj).filter((n): n is Json => !!n && str(n.use) !== 'old');
  names.sort((a, b) => Number(str(b.use) === 'official') - Number(str(a.use) === 'official'));
  const name = names[0];
  if (name) {
    const given = arr(name.given).map(str).filter((x): x is string => !!x);
    const family = str(name.family);
    const full = str(name.text) ?? [...arr(name.prefix).map(str).filter((x) => x), ...given, family].filter((x) => x).join(' ');
    if (full) out.push({ attribute: 'full_name', value: full, key: full });
    if (given.length) out.push({ attribute: 'given_name', value: given.join(' '), key: given.join(' ') });
    if (family) out.push({ attribute: 'family_name', value: family, key: family });
  }
  const birth = str(p.birthDate);
  if (birth) out.push({ attribute: 'birth_date', value: birth, key: birth });
  const gender = str(p.gender);
  if (gender && gender !== 'unknown') out.push({ attribute: 'gender', value: gender, key: gender });
  for (const raw of arr(p.address)) {
    const a = obj(raw);
    if (!a) continue;
    const street = arr(a.line).map(str).filter((x): x is string => !!x);
    const address: Json = {};
    if (street.length) address.street = street;
    const parts: [string, unknown][] = [
      ['locality', a.city],
      ['region', a.state],
      ['postalCode', a.postalCode],
      ['country', a.country],
      ['label', a.text],
    ];
    for (const [k, v] of parts) if (str(v)) address[k] = str(v);
    if (str(a.country) && /^[A-Z]{2}$/.test(str(a.country)!)) address.countryCode = str(a.country);
    const value = str(a.text) ?? [street.join(', '), [str(a.postalCode), str(a.city)].filter((x) => x).join(' '), str(a.country)].filter((x) => x).join(', ');
    if (!value) continue;
    const attr: Attribute = { attribute: 'postal_address', value, address, key: value };
    if (str(a.use)) attr.purpose = str(a.use);
    out.push(attr);
  }
  for (const raw of arr(p.telecom)) {
    const t = obj(raw);
    const system = str(t?.system);
    const value = str(t?.value);
    if (!t || !value || (system !== 'phone' && system !== 'email' && system !== 'sms')) continue;
    const attr: Attribute = { attribute: system === 'email' ? 'email' : 'phone', value, key: value.replace(/\s+/g, '') };
    if (str(t.use)) attr.purpose = str(t.use);
    out.push(attr);
  }
  for (const raw of arr(p.identifier)) {
    const id = obj(raw);
    const system = str(id?.system);
    const value = str(id?.value);
    if (system && value && NIR_SYSTEMS.includes(system)) out.push({ attribute: 'social_security_number', value, key: value, purpose: 'INS' });
  }
  return out;
}
