/**
 * A last-line check on values that are meant to be non-personal (outbox summaries, audit
 * details): a full ID number (18), card number (letter + 8) or mainland mobile (11) in clear, or
 * a PIN-like key, is refused. Callers should pass masked values (`domain/mask.ts`) or keyed
 * references (`FieldCipher.reference`).
 */
const PERSONAL_VALUE =
  /\d{17}[\dXx]|(?<![A-Za-z0-9])[A-Z]\d{7}[\dX](?![A-Za-z0-9])|(?<!\d)1\d{10}(?!\d)/;
const FORBIDDEN_KEY = /pin|passcode|password|secret/i;

export function findPersonalData(values: Readonly<Record<string, unknown>>): string | null {
  for (const [k, v] of Object.entries(values)) {
    if (FORBIDDEN_KEY.test(k)) return `field "${k}" may not be stored`;
    if (typeof v === 'string' && PERSONAL_VALUE.test(v))
      return `field "${k}" holds an unmasked number`;
  }
  return null;
}
