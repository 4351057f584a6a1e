import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The attendant card list (`attendant.cards` in the configuration): the card numbers of the
 * cards that open attendant mode (with the card's own PIN), kept only as scrypt hashes under
 * one salt per list. A card number has little entropy (a letter, 7 digits, a check character),
 * so the hash is slow on purpose; one salt for the whole list means one derivation per
 * inserted card, whatever the list's length. Produced by `npm run attendant-card`
 * (electron/cli/attendant-card.ts). The configuration never holds a card number.
 */

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KEY_LENGTH = 32;

const base64Bytes = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(BASE64, `${what}: base64 expected`)
    .refine(
      (s) => {
        const n = Buffer.from(s, 'base64').length;
        return n >= min && n <= max;
      },
      `${what}: ${min === max ? min : `${min}-${max}`} bytes expected`,
    );

export const attendantCardsSchema = z
  .object({
    /** scrypt cost; bounded so a hostile configuration cannot make every card cost seconds. */
    scrypt: z
      .object({
        N: z
          .number()
          .int()
          .min(1024)
          .max(1 << 20)
          .refine((n) => (n & (n - 1)) === 0, 'a power of two'),
        r: z.number().int().min(1).max(32),
        p: z.number().int().min(1).max(16),
      })
      .strict()
      .prefault({ N: 16384, r: 8, p: 1 }),
    /** One random salt for the list (16-64 bytes, base64). */
    salt: base64Bytes(16, 64, 'salt'),
    entries: z
      .array(
        z
          .object({
            /** Who holds the card (a staff number, not a card number); written to the audit log. */
            label: z
              .string()
              .trim()
              .min(1)
              .max(40)
              .refine((s) => !/[A-Z]\d{7}[\dX]/i.test(s), 'label: no card number in a label'),
            /** scrypt(card number, salt), base64. */
            hash: base64Bytes(KEY_LENGTH, KEY_LENGTH, 'hash'),
          })
          .strict(),
      )
      .max(200)
      .default([]),
  })
  .strict();

export type AttendantCards = z.infer<typeof attendantCardsSchema>;
export type AttendantCardsInput = z.input<typeof attendantCardsSchema>;

const normalise = (cardNumber: string): string => cardNumber.trim().toUpperCase();

function derive(cardNumber: string, list: Pick<AttendantCards, 'salt' | 'scrypt'>) {
  const { N, r, p } = list.scrypt;
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      normalise(cardNumber),
      Buffer.from(list.salt, 'base64'),
      KEY_LENGTH,
      { N, r, p, maxmem: 256 * N * r + 1024 * 1024 },
      (e, key) => {
        if (e) reject(e);
        else resolve(key);
      },
    );
  });
}

/** A new, empty list with a fresh salt. */
export function newCardList(): AttendantCards {
  return attendantCardsSchema.parse({ salt: randomBytes(16).toString('base64') });
}

/** The list entry for a card (the number is hashed here and not kept). */
export async function cardListEntry(
  list: Pick<AttendantCards, 'salt' | 'scrypt'>,
  cardNumber: string,
  label: string,
): Promise<AttendantCards['entries'][number]> {
  return { label, hash: (await derive(cardNumber, list)).toString('base64') };
}

/**
 * The entry a card number matches, or null. One derivation, then a constant-time comparison
 * with every entry (no early exit: the time does not say where in the list a card is).
 */
export async function matchCard(
  list: AttendantCards,
  cardNumber: string,
): Promise<{ readonly label: string } | null> {
  if (list.entries.length === 0) return null;
  const key = await derive(cardNumber, list);
  let found: string | null = null;
  for (const e of list.entries) {
    const stored = Buffer.from(e.hash, 'base64');
    if (stored.length === key.length && timingSafeEqual(stored, key) && found === null)
      found = e.label;
  }
  return found === null ? null : { label: found };
}
