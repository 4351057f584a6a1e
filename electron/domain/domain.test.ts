import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idCheckCharacter, validateIdNumber } from './id-number';
import { cardCheckCharacter, validateCardNumber } from './card-number';
import { maskCardNumber, maskIdNumber, maskName, maskPhone } from './mask';

describe('ID number (GB 11643)', () => {
  it('accepts the standard example and computes its check character', () => {
    // The worked example of GB 11643-1999.
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    const r = validateIdNumber('11010519491231002x');
    expect(r).toEqual({
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        region: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
      },
    });
  });

  it('names what is wrong', () => {
    expect(validateIdNumber('1101051949123100')).toEqual({ ok: false, error: 'id_length' });
    expect(validateIdNumber('11010519491231002Y')).toEqual({ ok: false, error: 'id_characters' });
    expect(validateIdNumber('99010519491231002X')).toEqual({ ok: false, error: 'id_region' });
    expect(validateIdNumber('110105194913310021')).toEqual({ ok: false, error: 'id_birth_date' });
    expect(validateIdNumber('110105194912310021')).toEqual({
      ok: false,
      error: 'id_check_character',
    });
  });

  it('accepts exactly one check character for every 17-digit prefix', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(
          /^[1-6][1-9]\d{4}(19[5-9]\d|20[01]\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}$/,
        ),
        (p) => {
          const accepted = '0123456789X'.split('').filter((c) => validateIdNumber(p + c).ok);
          expect(accepted).toEqual([idCheckCharacter(p)]);
        },
      ),
    );
  });
});

describe('card number', () => {
  it('computes check characters with letters valued from A=10', () => {
    // A1234567: 10·3 + 1·7 + 2·9 + 3·10 + 4·5 + 5·8 + 6·4 + 7·2 = 183; 183 mod 11 = 7; 11 − 7 = 4.
    expect(cardCheckCharacter('A1234567')).toBe('4');
    expect(validateCardNumber('a12345674')).toEqual({ ok: true, value: 'A12345674' });
    expect(validateCardNumber('A12345675')).toEqual({
      ok: false,
      error: 'card_number_check_character',
    });
    expect(validateCardNumber('A1234567')).toEqual({ ok: false, error: 'card_number_format' });
  });

  it('writes 10 as X and 11 as 0', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]\d{7}$/), (p) => {
        const c = cardCheckCharacter(p);
        expect(c).toMatch(/^[\dX]$/);
        seen.add(c ?? '');
        expect(validateCardNumber(p + (c ?? '')).ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(seen.has('X')).toBe(true);
    expect(seen.has('0')).toBe(true);
  });
});

describe('masking', () => {
  it('keeps only what a screen may show', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskCardNumber('A12345674')).toBe('A1*****74');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('李四')).toBe('*四');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
});
