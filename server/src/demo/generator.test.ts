import { describe, expect, it } from 'vitest';
import { validateCardNumber } from '../../../electron/domain/card-number';
import { validateIdNumber } from '../../../electron/domain/id-number';
import { CARD_STATUSES } from '../domain/card-status';
import { generatedPersona, GENERATED_STATUSES } from './generator';
import { PERSONAS } from './personas';

const UNTIL = 202610;

describe('demo data', () => {
  it('personas carry valid ID numbers (sex matching), card numbers and 16-byte identification codes', () => {
    for (const p of PERSONAS) {
      const id = validateIdNumber(p.idNumber);
      expect(id.ok, p.key).toBe(true);
      if (id.ok) expect(id.value.sex === 'male' ? 1 : 2, p.key).toBe(p.sex);
      for (const c of p.cards) {
        expect(validateCardNumber(c.cardNumber).ok, c.cardNumber).toBe(true);
        expect(c.cardIdentificationCode).toMatch(/^[0-9]{6}D156000005[0-9A-F]{16}$/);
      }
    }
  });

  it('covers every card status between personas and generated citizens', () => {
    const seen = new Set([
      ...PERSONAS.flatMap((p) => p.cards.map((c) => c.status)),
      ...GENERATED_STATUSES,
    ]);
    expect([...seen].sort()).toEqual([...CARD_STATUSES].sort());
  });

  it('is deterministic and unique in ID and card numbers', () => {
    expect(generatedPersona(123, UNTIL)).toEqual(generatedPersona(123, UNTIL));
    const ids = new Set<string>();
    const cards = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) {
      const p = generatedPersona(i, UNTIL);
      expect(validateIdNumber(p.idNumber).ok).toBe(true);
      ids.add(p.idNumber);
      for (const c of p.cards) cards.add(c.cardNumber);
    }
    expect(ids.size).toBe(20_000);
    expect(cards.size).toBe(20_000);
  });
});
