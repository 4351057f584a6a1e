/**
 * On-screen keypad logic, pure: which key sits where (optionally shuffled against shoulder
 * surfing) and what a key press does to the entry. The entry itself lives only in the Keypad
 * component's state and in the one call that submits it.
 */

export type KeypadKey =
  | { readonly kind: 'digit'; readonly digit: string }
  | { readonly kind: 'x' }
  | { readonly kind: 'blank' };

export type KeypadAction = KeypadKey | { readonly kind: 'back' } | { readonly kind: 'clear' };

export interface KeypadOptions {
  /** Digits in a random order, fresh for each keypad shown. */
  readonly shuffled: boolean;
  /** An "X" key, for ID numbers whose check character can be X (GB 11643). */
  readonly withX: boolean;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;

/** A uniform integer in [0, n) from the platform's cryptographic source. */
export function secureRandomInt(n: number): number {
  // Rejection sampling keeps every value equally likely.
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    const v = buf[0] ?? 0;
    if (v < limit) return v % n;
  }
}

export function shuffle<T>(items: readonly T[], randomInt: (n: number) => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/**
 * Four rows of three, like a telephone: 1–9, then [X or blank] 0 [blank]. Shuffling moves the
 * ten digits among the ten digit places; the X key keeps its place (it is no secret).
 */
export function keypadLayout(
  options: KeypadOptions,
  randomInt: (n: number) => number = secureRandomInt,
): KeypadKey[][] {
  const digits = options.shuffled ? shuffle(DIGITS, randomInt) : [...DIGITS];
  const key = (i: number): KeypadKey => ({ kind: 'digit', digit: digits[i] ?? '0' });
  return [
    [key(0), key(1), key(2)],
    [key(3), key(4), key(5)],
    [key(6), key(7), key(8)],
    [options.withX ? { kind: 'x' } : { kind: 'blank' }, key(9), { kind: 'blank' }],
  ];
}

/**
 * The entry after a key press. Input stops at `length`; X is accepted only as the last
 * character (the only place GB 11643 allows it).
 */
export function pressKey(entry: string, action: KeypadAction, length: number): string {
  switch (action.kind) {
    case 'digit':
      return entry.length < length ? entry + action.digit : entry;
    case 'x':
      return entry.length === length - 1 ? `${entry}X` : entry;
    case 'back':
      return entry.slice(0, -1);
    case 'clear':
      return '';
    case 'blank':
      return entry;
  }
}

/** What a physical key (a PIN pad that types, a keyboard in the service room) means. */
export function actionForKey(key: string, withX: boolean): KeypadAction | null {
  if (/^[0-9]$/.test(key)) return { kind: 'digit', digit: key };
  if (withX && (key === 'x' || key === 'X')) return { kind: 'x' };
  if (key === 'Backspace') return { kind: 'back' };
  if (key === 'Escape' || key === 'Delete') return { kind: 'clear' };
  return null;
}

/** ●●●○○○ — one dot per place; never the digits. */
export function maskedEntry(entry: string, length: number): string {
  const filled = Math.min(entry.length, length);
  return '●'.repeat(filled) + '○'.repeat(length - filled);
}
