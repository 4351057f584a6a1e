import { createCipheriv } from 'node:crypto';
import smCrypto from 'sm-crypto';

/**
 * The card profile's symmetric cryptography (CARD.md, "Authentication"). Pure functions used
 * by the virtual card and by the central service (which stands in for the bureau's HSM); the
 * kiosk itself never holds a key. SM4 comes from sm-crypto because Electron's BoringSSL has
 * none; 3DES (two-key, ECB) from Node's crypto.
 */
export type CardAlgorithm = 'DES' | 'SSF33' | 'SM4';

export const blockSize = (algorithm: CardAlgorithm): number => (algorithm === 'SM4' ? 16 : 8);

/** ECB encryption without padding; `data` must be a whole number of blocks. */
export function ecbEncrypt(algorithm: CardAlgorithm, key: Uint8Array, data: Uint8Array): Buffer {
  if (key.length !== 16) throw new RangeError('card keys are 16 bytes');
  if (data.length % blockSize(algorithm) !== 0) throw new RangeError('data is not whole blocks');
  if (algorithm === 'SM4') {
    return Buffer.from(
      smCrypto.sm4.encrypt(Array.from(data), Array.from(key), { padding: 'none', output: 'array' }),
    );
  }
  if (algorithm === 'SSF33') {
    // SSF33 is a classified algorithm with no public implementation; no demo card uses it.
    throw new RangeError('SSF33 is not available');
  }
  // Two-key 3DES as three-key K1‖K2‖K1: BoringSSL (Electron) and OpenSSL both have des-ede3.
  const k = Buffer.from(key);
  const cipher = createCipheriv('des-ede3-ecb', Buffer.concat([k, k.subarray(0, 8)]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.from(data)), cipher.final()]);
}

/** K = E(master[keyId], cardIdentificationCode): the card's own key, 16 bytes. */
export function diversifyKey(
  algorithm: CardAlgorithm,
  masterKey: Uint8Array,
  cardIdentificationCode: Uint8Array,
): Buffer {
  if (cardIdentificationCode.length !== 16) throw new RangeError('identification code is 16 bytes');
  return ecbEncrypt(algorithm, masterKey, cardIdentificationCode);
}

/** INTERNAL AUTHENTICATE answer: first 8 bytes of E(K_internal, R), R being 16 bytes. */
export function internalAuthResponse(
  algorithm: CardAlgorithm,
  cardKey: Uint8Array,
  random: Uint8Array,
): Buffer {
  return ecbEncrypt(algorithm, cardKey, random).subarray(0, 8);
}

/** EXTERNAL AUTHENTICATE cryptogram: first 8 bytes of E(K_read, N ‖ 00×8). */
export function externalAuthCryptogram(
  algorithm: CardAlgorithm,
  cardKey: Uint8Array,
  challenge: Uint8Array,
): Buffer {
  if (challenge.length !== 8) throw new RangeError('card challenge is 8 bytes');
  return ecbEncrypt(
    algorithm,
    cardKey,
    Buffer.concat([Buffer.from(challenge), Buffer.alloc(8)]),
  ).subarray(0, 8);
}
