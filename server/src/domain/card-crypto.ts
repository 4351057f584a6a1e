import { createCipheriv } from 'node:crypto';
import smCrypto from 'sm-crypto';

const { sm4 } = smCrypto;

/**
 * Card key diversification and the two authentication cryptograms of CARD.md. This module
 * stands in for the bureau's hardware security module: master keys never leave the server.
 *
 * SM4 (algorithm 03): K = SM4_ECB(master[keyId], cardIdentificationCode) — one 16-byte block.
 * 3DES (algorithm 01): K = 3DES_ECB(master[keyId], cardIdentificationCode) — two 8-byte
 * blocks, giving a 16-byte two-key 3DES key. Node's OpenSSL has no SM4 in Electron's
 * BoringSSL, so SM4 comes from sm-crypto; 3DES from node:crypto.
 */
export type CardAlgorithm = 'sm4' | '3des';
export type CardKeyId = 'internal' | 'read';
export type MasterKeys = Record<CardAlgorithm, Record<CardKeyId, string>>;

export const BLOCK_BYTES: Record<CardAlgorithm, number> = { sm4: 16, '3des': 8 };
/**
 * Length of the INTERNAL AUTHENTICATE challenge R: 16 bytes for both algorithms, as the
 * APDU `00 88 00 00 10 R` fixes it (for 3DES that is two blocks; the answer is the first).
 */
export const CHALLENGE_BYTES = 16;
/** Length of the card's answer and of the EXTERNAL AUTHENTICATE cryptogram C. */
export const CRYPTOGRAM_BYTES = 8;

export function ecbEncrypt(algorithm: CardAlgorithm, key: Buffer, data: Buffer): Buffer {
  if (key.length !== 16) throw new Error('card keys are 16 bytes');
  if (data.length % BLOCK_BYTES[algorithm] !== 0) throw new Error('data is not whole blocks');
  if (algorithm === 'sm4') {
    return Buffer.from(sm4.encrypt([...data], [...key], { padding: 'none', output: 'array' }));
  }
  const cipher = createCipheriv('des-ede-ecb', key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

export function diversify(
  masterKeys: MasterKeys,
  algorithm: CardAlgorithm,
  keyId: CardKeyId,
  cardIdentificationCode: Buffer,
): Buffer {
  return ecbEncrypt(
    algorithm,
    Buffer.from(masterKeys[algorithm][keyId], 'hex'),
    cardIdentificationCode,
  );
}

/** What a genuine card answers to INTERNAL AUTHENTICATE with challenge R. */
export function internalAuthResponse(
  masterKeys: MasterKeys,
  algorithm: CardAlgorithm,
  cardIdentificationCode: Buffer,
  challenge: Buffer,
): Buffer {
  const k = diversify(masterKeys, algorithm, 'internal', cardIdentificationCode);
  return ecbEncrypt(algorithm, k, challenge).subarray(0, CRYPTOGRAM_BYTES);
}

/** C for EXTERNAL AUTHENTICATE: first 8 bytes of E(K_read, N ‖ 00×8), N the 8-byte card challenge. */
export function externalAuthCryptogram(
  masterKeys: MasterKeys,
  algorithm: CardAlgorithm,
  cardIdentificationCode: Buffer,
  cardChallenge: Buffer,
): Buffer {
  const k = diversify(masterKeys, algorithm, 'read', cardIdentificationCode);
  const block = Buffer.alloc(16);
  cardChallenge.copy(block, 0, 0, Math.min(cardChallenge.length, 8));
  return ecbEncrypt(algorithm, k, block).subarray(0, CRYPTOGRAM_BYTES);
}
