/**
 * A card number (one capital letter, 7 digits, check character 0-9 or X) packed into a
 * 32-bit unsigned integer: ((letter × 10⁷ + digits) × 11 + check). The largest,
 * Z9999999X, is 2,859,999,999 < 2³², so five million numbers take 20 MB in a Uint32Array and
 * sort in the same order as the strings.
 */
const DIGITS = 10_000_000;

export function encodeCardNumber(card: string): number | null {
  if (card.length !== 9) return null;
  const letter = card.charCodeAt(0) - 65;
  if (letter < 0 || letter > 25) return null;
  let digits = 0;
  for (let i = 1; i < 8; i += 1) {
    const d = card.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    digits = digits * 10 + d;
  }
  const c = card.charCodeAt(8);
  const check = c === 88 ? 10 : c - 48; // 'X'
  if (check < 0 || check > 10) return null;
  return (letter * DIGITS + digits) * 11 + check;
}

export function decodeCardNumber(code: number): string {
  const check = code % 11;
  const rest = (code - check) / 11;
  const digits = rest % DIGITS;
  const letter = (rest - digits) / DIGITS;
  return (
    String.fromCharCode(65 + letter) +
    String(digits).padStart(7, '0') +
    (check === 10 ? 'X' : String(check))
  );
}
