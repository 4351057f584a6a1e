import { DEMO_MASTER_KEYS } from '../config';
import { externalAuthCryptogram, internalAuthResponse } from '../domain/card-crypto';
import type { PersonaCard } from '../demo/personas';

/**
 * What a genuine demo card computes, for tests that do not drive the full virtual card: the
 * answer to INTERNAL AUTHENTICATE, and the check a 3.00 card makes on EXTERNAL AUTHENTICATE.
 */
export const cardAnswer = (card: PersonaCard, challengeHex: string): string =>
  internalAuthResponse(
    DEMO_MASTER_KEYS,
    card.algorithm,
    Buffer.from(card.cardIdentificationCode, 'hex'),
    Buffer.from(challengeHex, 'hex'),
  )
    .toString('hex')
    .toUpperCase();

export const expectedExternalCryptogram = (card: PersonaCard, cardChallengeHex: string): string =>
  externalAuthCryptogram(
    DEMO_MASTER_KEYS,
    card.algorithm,
    Buffer.from(card.cardIdentificationCode, 'hex'),
    Buffer.from(cardChallengeHex, 'hex'),
  )
    .toString('hex')
    .toUpperCase();
