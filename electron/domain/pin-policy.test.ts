import { describe, expect, it } from 'vitest';
import {
  birthDateForms,
  checkNewPin,
  pinPolicySchema,
  withForbidden,
  type PinContext,
} from './pin-policy';

const ctx: PinContext = { currentPin: '123456', birthDate: '1992-07-18' };
const reason = (pin: string, policy = pinPolicySchema.parse({}), c = ctx) => {
  const r = checkNewPin(pin, c, policy);
  return r.ok ? null : r.error;
};

describe('PIN policy', () => {
  it('accepts an ordinary PIN', () => {
    expect(reason('258036')).toBeNull();
    expect(reason('902461')).toBeNull();
  });

  it('refuses each weak PIN with its reason', () => {
    expect(reason('12345')).toBe('format');
    expect(reason('12a456')).toBe('format');
    expect(reason('1234567')).toBe('format');
    expect(reason('123456')).toBe('same_as_current');
    expect(reason('111111')).toBe('all_same');
    expect(reason('000000')).toBe('all_same');
    expect(reason('234567')).toBe('sequence');
    expect(reason('654321')).toBe('sequence');
    expect(reason('890123')).toBe('sequence'); // wraps 9 → 0
    expect(reason('210987')).toBe('sequence');
    expect(reason('920718')).toBe('birth_date'); // YYMMDD
    expect(reason('071892')).toBe('birth_date'); // MMDDYY
    expect(reason('180792')).toBe('birth_date'); // DDMMYY
  });

  it('checks the same-as-current rule before the weaker ones', () => {
    expect(reason('111111', undefined, { currentPin: '111111', birthDate: null })).toBe(
      'same_as_current',
    );
  });

  it('takes its rules from configuration', () => {
    const lax = pinPolicySchema.parse({
      rejectAllSame: false,
      rejectSequences: false,
      rejectBirthDate: false,
      rejectSameAsCurrent: false,
    });
    for (const pin of ['111111', '234567', '920718', '123456']) expect(reason(pin, lax)).toBeNull();
    expect(reason('12345', lax)).toBe('format');
  });

  it('has no birth-date rule without a birth date on the card', () => {
    expect(reason('920718', undefined, { currentPin: null, birthDate: null })).toBeNull();
    expect(birthDateForms('not a date')).toEqual([]);
  });

  it('refuses a PIN on the forbidden list with its own reason, before the pattern rules', () => {
    const central = ['000000', '111111', '123456', '654321', '888888', '520520'];
    const policy = withForbidden(pinPolicySchema.parse({}), central);
    expect(reason('520520', policy)).toBe('forbidden');
    expect(reason('888888', policy)).toBe('forbidden');
    expect(reason('654321', policy)).toBe('forbidden');
    // the same-as-current rule stays first; ordinary PINs pass
    expect(reason('123456', policy)).toBe('same_as_current');
    expect(reason('258036', policy)).toBeNull();
    // without a central list: the local policy alone
    expect(reason('520520', withForbidden(pinPolicySchema.parse({}), null))).toBeNull();
    expect(reason('888888', withForbidden(pinPolicySchema.parse({}), []))).toBe('all_same');
  });

  it('adds the central list to a local one, never replacing it', () => {
    const local = pinPolicySchema.parse({ forbidden: ['147147'] });
    expect(reason('147147', local)).toBe('forbidden');
    const both = withForbidden(local, ['520520', '147147']);
    expect(both.forbidden).toEqual(['147147', '520520']);
    expect(reason('147147', both)).toBe('forbidden');
    expect(reason('520520', both)).toBe('forbidden');
    expect(local.forbidden).toEqual(['147147']);
    expect(pinPolicySchema.safeParse({ forbidden: ['12a456'] }).success).toBe(false);
  });
});
