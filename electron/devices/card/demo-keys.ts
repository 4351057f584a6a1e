import { diversifyKey, type CardAlgorithm } from './card-crypto';

/**
 * TEST master keys for the demo and test cards. They stand in for the issuer's keys in the
 * bureau's HSM: the virtual card holds keys diversified from them, and the reference central
 * service's demo data uses the same ones so that demo cards authenticate end to end. Never
 * use them for anything real.
 */
export const KEY_ID = {
  /** INTERNAL AUTHENTICATE (card is genuine), P2 = 00. */
  internal: 0x00,
  /** EXTERNAL AUTHENTICATE that unlocks EF06 on 3.00 cards, P2 = 0A. */
  read: 0x0a,
} as const;

export type KeyRole = keyof typeof KEY_ID;

export const DEMO_MASTER_KEYS: Readonly<Record<KeyRole, Buffer>> = {
  internal: Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex'),
  read: Buffer.from('A0A1A2A3A4A5A6A7A8A9AAABACADAEAF', 'hex'),
};

/** The card key for `role` of the card with this identification code, from the demo masters. */
export function demoCardKey(
  algorithm: CardAlgorithm,
  role: KeyRole,
  cardIdentificationCode: Uint8Array,
): Buffer {
  return diversifyKey(algorithm, DEMO_MASTER_KEYS[role], cardIdentificationCode);
}
