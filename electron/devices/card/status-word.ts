/** What a status word means for the kiosk (CARD.md, "Status words the kiosk must map"). */
export type StatusMeaning =
  | { readonly kind: 'ok' }
  | { readonly kind: 'more_data'; readonly available: number }
  | { readonly kind: 'wrong_le'; readonly exact: number }
  | { readonly kind: 'wrong_length' }
  | { readonly kind: 'security_not_satisfied' }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'wrong_pin'; readonly triesLeft: number }
  | { readonly kind: 'verification_failed' }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'record_not_found' }
  | { readonly kind: 'instruction_not_supported' }
  | { readonly kind: 'class_not_supported' }
  | { readonly kind: 'card_error'; readonly sw: number };

export const SW = {
  OK: 0x9000,
  WRONG_LENGTH: 0x6700,
  SECURITY_NOT_SATISFIED: 0x6982,
  BLOCKED: 0x6983,
  VERIFICATION_FAILED: 0x6300,
  NOT_FOUND: 0x6a82,
  RECORD_NOT_FOUND: 0x6a83,
  WRONG_P1P2: 0x6a86,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  WRONG_DATA: 0x6a80,
} as const;

/** Total: every 16-bit value maps to a meaning; unknown codes are `card_error` with the code. */
export function statusMeaning(sw: number): StatusMeaning {
  const hi = (sw >> 8) & 0xff;
  const lo = sw & 0xff;
  if (sw === SW.OK) return { kind: 'ok' };
  // 61 00 means "256 or more bytes"; GET RESPONSE with Le 00 asks for 256.
  if (hi === 0x61) return { kind: 'more_data', available: lo === 0 ? 256 : lo };
  if (hi === 0x6c) return { kind: 'wrong_le', exact: lo === 0 ? 256 : lo };
  if (hi === 0x63 && (lo & 0xf0) === 0xc0) return { kind: 'wrong_pin', triesLeft: lo & 0x0f };
  switch (sw) {
    case SW.WRONG_LENGTH:
      return { kind: 'wrong_length' };
    case SW.SECURITY_NOT_SATISFIED:
      return { kind: 'security_not_satisfied' };
    case SW.BLOCKED:
      return { kind: 'blocked' };
    case SW.VERIFICATION_FAILED:
      return { kind: 'verification_failed' };
    case SW.NOT_FOUND:
      return { kind: 'not_found' };
    case SW.RECORD_NOT_FOUND:
      return { kind: 'record_not_found' };
    case SW.INS_NOT_SUPPORTED:
      return { kind: 'instruction_not_supported' };
    case SW.CLA_NOT_SUPPORTED:
      return { kind: 'class_not_supported' };
    default:
      return { kind: 'card_error', sw };
  }
}

export const swHex = (sw: number): string => sw.toString(16).toUpperCase().padStart(4, '0');
