import { describe, expect, it } from 'vitest';
import {
  actionForKey,
  keypadLayout,
  maskedEntry,
  pressKey,
  secureRandomInt,
  shuffle,
  type KeypadKey,
} from './keypad';

const digitsOf = (rows: KeypadKey[][]) =>
  rows.flat().flatMap((k) => (k.kind === 'digit' ? [k.digit] : []));

/** A deterministic "random" source for tests. */
function seeded(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

describe('keypad layout', () => {
  it('is a telephone layout when not shuffled, with X bottom left for ID numbers', () => {
    const plain = keypadLayout({ shuffled: false, withX: false });
    expect(digitsOf(plain).join('')).toBe('1234567890');
    expect(plain[3]?.map((k) => k.kind)).toEqual(['blank', 'digit', 'blank']);
    const id = keypadLayout({ shuffled: false, withX: true });
    expect(id[3]?.map((k) => k.kind)).toEqual(['x', 'digit', 'blank']);
  });

  it('shuffled, holds every digit exactly once and keeps X in its place', () => {
    for (let seed = 1; seed < 50; seed++) {
      const rows = keypadLayout({ shuffled: true, withX: true }, seeded(seed));
      expect(digitsOf(rows).sort().join('')).toBe('0123456789');
      expect(rows[3]?.[0]).toEqual({ kind: 'x' });
    }
  });

  it('shuffled layouts differ from each other and from the plain one', () => {
    const layouts = new Set(
      Array.from({ length: 20 }, () =>
        digitsOf(keypadLayout({ shuffled: true, withX: false })).join(''),
      ),
    );
    expect(layouts.size).toBeGreaterThan(15);
    expect(layouts.has('1234567890')).toBe(false);
  });

  it('the shuffle is uniform: each digit lands in each place about equally often', () => {
    const counts = new Map<string, number>();
    const rounds = 20_000;
    for (let i = 0; i < rounds; i++) {
      const first = shuffle(['a', 'b', 'c', 'd'], secureRandomInt)[0] ?? '';
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    for (const c of counts.values()) expect(Math.abs(c / rounds - 0.25)).toBeLessThan(0.02);
  });

  it('secure random integers stay in range', () => {
    for (let i = 0; i < 1000; i++) {
      const v = secureRandomInt(10);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(10);
    }
  });
});

describe('key presses', () => {
  const digit = (d: string) => ({ kind: 'digit', digit: d }) as const;

  it('takes digits up to the length and no more', () => {
    let entry = '';
    for (const d of '1234567') entry = pressKey(entry, digit(d), 6);
    expect(entry).toBe('123456');
  });

  it('back removes one digit, clear removes all, on an empty entry both do nothing', () => {
    expect(pressKey('123', { kind: 'back' }, 6)).toBe('12');
    expect(pressKey('123', { kind: 'clear' }, 6)).toBe('');
    expect(pressKey('', { kind: 'back' }, 6)).toBe('');
    expect(pressKey('', { kind: 'clear' }, 6)).toBe('');
  });

  it('accepts X only as the last character of an ID number', () => {
    expect(pressKey('1101', { kind: 'x' }, 18)).toBe('1101');
    const seventeen = '11010519491231002';
    expect(pressKey(seventeen, { kind: 'x' }, 18)).toBe(`${seventeen}X`);
    expect(pressKey(`${seventeen}X`, { kind: 'x' }, 18)).toBe(`${seventeen}X`);
  });

  it('maps physical keys, X only where the keypad has it', () => {
    expect(actionForKey('7', false)).toEqual(digit('7'));
    expect(actionForKey('x', false)).toBeNull();
    expect(actionForKey('x', true)).toEqual({ kind: 'x' });
    expect(actionForKey('Backspace', false)).toEqual({ kind: 'back' });
    expect(actionForKey('Escape', false)).toEqual({ kind: 'clear' });
    expect(actionForKey('a', true)).toBeNull();
  });

  it('shows dots, never digits', () => {
    expect(maskedEntry('', 6)).toBe('○○○○○○');
    expect(maskedEntry('482', 6)).toBe('●●●○○○');
    expect(maskedEntry('482913', 6)).toBe('●●●●●●');
  });
});
