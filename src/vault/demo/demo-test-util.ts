/** "06 12 34 56 78", "+33612345678", "0612345678" → "+33612345678" (test helper for matching numbers). */
export function normaliseFrenchPhone(s: string): string {
  const digits = s.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('0')) return `+33${digits.slice(1)}`;
  return digits;
}
