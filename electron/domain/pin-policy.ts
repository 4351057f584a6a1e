import { z } from 'zod';
import { err, ok, type Result } from '../result';

/**
 * The rules a new PIN must meet before anything is sent to the card (PRODUCT.md items 6–7).
 * Checked on the main side, where the birth date on the card is known; the renderer only
 * shows the reason. The PIN is only compared here, never kept.
 */
export const pinPolicySchema = z
  .object({
    /** 6 digits, as the card expects. */
    length: z.number().int().min(6).max(6).default(6),
    /** Refuse a new PIN equal to the current (initial) one. */
    rejectSameAsCurrent: z.boolean().default(true),
    /** Refuse 111111, 000000 … */
    rejectAllSame: z.boolean().default(true),
    /** Refuse 123456, 654321, 901234 … (each digit one more / less than the one before). */
    rejectSequences: z.boolean().default(true),
    /** Refuse the birth date of the card holder as YYMMDD, MMDDYY or DDMMYY. */
    rejectBirthDate: z.boolean().default(true),
    /**
     * PINs refused outright (too common). The central configuration's `pinPolicy.forbidden`
     * is added to this list once known (`withForbidden`); this one applies on its own before.
     */
    forbidden: z.array(z.string().regex(/^\d+$/)).max(10_000).default([]),
  })
  .strict();
export type PinPolicy = z.infer<typeof pinPolicySchema>;
export const DEFAULT_PIN_POLICY: PinPolicy = pinPolicySchema.parse({});

export type PinPolicyReason =
  'format' | 'same_as_current' | 'forbidden' | 'all_same' | 'sequence' | 'birth_date';
export const PIN_POLICY_REASONS: readonly PinPolicyReason[] = [
  'format',
  'same_as_current',
  'forbidden',
  'all_same',
  'sequence',
  'birth_date',
];

export interface PinContext {
  /** The PIN the card has now (initial PIN on activation); compared only. */
  readonly currentPin: string | null;
  /** The holder's birth date `YYYY-MM-DD` (from the card), when the card gave it. */
  readonly birthDate: string | null;
}

function isRun(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) {
    const prev = pin.charCodeAt(i - 1) - 48;
    const cur = pin.charCodeAt(i) - 48;
    if (cur !== (prev + step + 10) % 10) return false;
  }
  return true;
}

/** Six-digit forms of a birth date a citizen might choose. */
export function birthDateForms(birthDate: string): string[] {
  const m = /^(\d{2})(\d{2})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return [];
  const [, , yy = '', mm = '', dd = ''] = m;
  return [`${yy}${mm}${dd}`, `${mm}${dd}${yy}`, `${dd}${mm}${yy}`];
}

/**
 * The local policy with the central configuration's forbidden PINs added (the union: a list
 * from the centre never weakens the local one). No central list known: the local policy.
 */
export function withForbidden(
  policy: PinPolicy,
  central: readonly string[] | null | undefined,
): PinPolicy {
  if (!central || central.length === 0) return policy;
  return { ...policy, forbidden: [...new Set([...policy.forbidden, ...central])] };
}

export function checkNewPin(
  pin: string,
  context: PinContext,
  policy: PinPolicy = DEFAULT_PIN_POLICY,
): Result<void, PinPolicyReason> {
  if (!new RegExp(`^\\d{${policy.length}}$`).test(pin)) return err('format');
  if (policy.rejectSameAsCurrent && context.currentPin !== null && pin === context.currentPin)
    return err('same_as_current');
  // The issuer's list is explicit: its own reason, before the rules that explain a pattern.
  if (policy.forbidden.includes(pin)) return err('forbidden');
  if (policy.rejectAllSame && /^(\d)\1*$/.test(pin)) return err('all_same');
  if (policy.rejectSequences && (isRun(pin, 1) || isRun(pin, -1))) return err('sequence');
  if (
    policy.rejectBirthDate &&
    context.birthDate !== null &&
    birthDateForms(context.birthDate).includes(pin)
  )
    return err('birth_date');
  return ok(undefined);
}
