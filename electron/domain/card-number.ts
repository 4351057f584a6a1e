import { err, ok, type Result } from '../result';

/**
 * Social security card number (社会保障卡卡号, CARD.md): one capital letter, 7 digits and a
 * check character. Check = 11 − (Σ Cᵢ·Wᵢ mod 11) over the first 8 characters, letters valued
 * A=10, B=11, …; a result of 10 is written X and 11 is written 0.
 */
const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type CardNumberError = 'card_number_format' | 'card_number_check_character';

function charValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  return code - 65 + 10; // 'A' = 10
}

/** The check character for the first 8 characters; `null` if they are not letter + 7 digits. */
export function cardCheckCharacter(first8: string): string | null {
  if (!/^[A-Z]\d{7}$/.test(first8)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += charValue(first8[i] ?? '0') * (WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  if (c === 10) return 'X';
  if (c === 11) return '0';
  return String(c);
}

export function validateCardNumber(input: string): Result<string, CardNumberError> {
  const n = input.trim().toUpperCase();
  if (!/^[A-Z]\d{7}[\dX]$/.test(n)) return err('card_number_format');
  if (cardCheckCharacter(n.slice(0, 8)) !== n[8]) return err('card_number_check_character');
  return ok(n);
}
