import { describe, expect, it } from 'vitest';
import { andThen, err, mapResult, ok, type Result } from './result';

describe('Result', () => {
  it('maps ok values and passes errors through', () => {
    const parse = (s: string): Result<number, string> =>
      /^\d+$/.test(s) ? ok(Number(s)) : err('nope');
    const good = parse('2');
    const bad = parse('x');
    expect(mapResult(good, (n) => n * 3)).toEqual({ ok: true, value: 6 });
    expect(mapResult(bad, (n) => n * 3)).toEqual({ ok: false, error: 'nope' });
  });

  it('chains fallible steps and stops at the first error', () => {
    const half = (n: number): Result<number, 'odd'> => (n % 2 === 0 ? ok(n / 2) : err('odd'));
    expect(andThen(ok(8), half)).toEqual({ ok: true, value: 4 });
    expect(andThen(andThen(ok(6), half), half)).toEqual({ ok: false, error: 'odd' });
  });
});
