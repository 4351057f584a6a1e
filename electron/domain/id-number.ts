import { err, ok, type Result } from '../result';

/**
 * Citizen ID number (公民身份号码), GB 11643-1999: 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character (0-9 or X).
 * The social security number on the card is the same number.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export type IdNumberError =
  'id_length' | 'id_characters' | 'id_region' | 'id_birth_date' | 'id_check_character';

export interface IdNumberInfo {
  readonly idNumber: string;
  readonly region: string;
  readonly birthDate: string; // YYYY-MM-DD
  readonly sex: 'male' | 'female';
}

/** The check character for the first 17 digits; `null` if they are not 17 digits. */
export function idCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? null;
}

/** A calendar date that exists, not in the future and not before 1900. */
export function isPlausibleBirthDate(yyyymmdd: string, today = new Date()): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return date.getTime() <= today.getTime();
}

/** Validates an 18-character ID number (lower-case x accepted and normalised). */
export function validateIdNumber(
  input: string,
  today = new Date(),
): Result<IdNumberInfo, IdNumberError> {
  const id = input.trim().toUpperCase();
  if (id.length !== 18) return err('id_length');
  if (!/^\d{17}[\dX]$/.test(id)) return err('id_characters');
  // Province codes run 11–82 (GB/T 2260); 00 or 99 is never a region.
  const province = Number(id.slice(0, 2));
  if (province < 11 || province > 82) return err('id_region');
  const birth = id.slice(6, 14);
  if (!isPlausibleBirthDate(birth, today)) return err('id_birth_date');
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return err('id_check_character');
  return ok({
    idNumber: id,
    region: id.slice(0, 6),
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  });
}
