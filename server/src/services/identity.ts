import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { ok } from '../../../electron/result';
import { validateIdNumber } from '../../../electron/domain/id-number';
import { maskCardNumber, maskPhone } from '../../../electron/domain/mask';
import type { CentralContext } from '../context';
import type { Queryable } from '../db/database';
import type { CardStatus } from '../domain/card-status';
import { failure, type Outcome } from '../errors';
import { consumeRate } from './rate-limit';

const hmac = (ctx: CentralContext, data: string): string =>
  createHmac('sha256', ctx.pepper).update(data).digest('hex');
const codeHash = (ctx: CentralContext, challengeId: string, code: string): string =>
  createHash('sha256').update(`${ctx.pepper}:${challengeId}:${code}`).digest('hex');

/** A mobile number that looks registered but is derived from the ID number: same answer every time. */
function decoyPhone(ctx: CentralContext, idNumber: string): string {
  const h = hmac(ctx, `decoy-phone:${idNumber}`);
  const digits = Array.from(h, (c) => String(parseInt(c, 16) % 10)).join('');
  return `13${digits.slice(0, 9)}`;
}

/**
 * ID number + name → a one-time code to the registered mobile. The answer has the same shape
 * whether or not the person exists (a decoy masked number otherwise), and both the kiosk and
 * the ID number are rate-limited, so a kiosk cannot be used to probe who is insured.
 */
export async function createChallenge(
  ctx: CentralContext,
  kioskId: string,
  input: { idNumber: string; name: string },
): Promise<Outcome<{ challengeId: string; sentTo: string; expiresAt: string }>> {
  const id = validateIdNumber(input.idNumber, new Date(ctx.now()));
  if (!id.ok) return failure('validation_failed', `idNumber: ${id.error}`);
  const idNumber = id.value.idNumber;
  const c = ctx.config.challenge;
  const created = await ctx.db.transaction(async (tx) => {
    const perKiosk = await consumeRate(
      tx,
      `challenge:kiosk:${kioskId}`,
      c.perKioskPerHour,
      3600,
      ctx.now(),
    );
    if (!perKiosk.ok) return perKiosk;
    const perId = await consumeRate(
      tx,
      `challenge:id:${hmac(ctx, idNumber)}`,
      c.perIdNumberPerHour,
      3600,
      ctx.now(),
    );
    if (!perId.ok) return perId;
    const people = await tx.query<{ id: number; phone: string }>(
      'SELECT id, phone FROM persons WHERE id_number = $1 AND name = $2',
      [idNumber, input.name.trim()],
    );
    const person = people[0];
    const challengeId = randomBytes(18).toString('base64url');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(ctx.now() + c.codeSeconds * 1000);
    await tx.query(
      'INSERT INTO identity_challenges (id, kiosk_id, person_id, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        challengeId,
        kioskId,
        person?.id ?? null,
        codeHash(ctx, challengeId, code),
        new Date(ctx.now()),
        expiresAt,
      ],
    );
    return ok({
      answer: {
        challengeId,
        sentTo: maskPhone(person?.phone ?? decoyPhone(ctx, idNumber)),
        expiresAt: expiresAt.toISOString(),
      },
      sms: person
        ? {
            phone: person.phone,
            text: `【社会保障】您的验证码为${code}，${Math.round(c.codeSeconds / 60)}分钟内有效，用于社会保障卡临时挂失。如非本人操作请忽略。`,
            challengeId,
          }
        : undefined,
    });
  });
  if (!created.ok) return created;
  // Sent once the challenge is committed, outside the transaction (see SmsDispatcher).
  if (created.value.sms) await ctx.sms.dispatch(ctx.db, created.value.sms);
  return ok(created.value.answer);
}

/**
 * Checks a code (counting the attempt even when it fails); the matched person's id.
 * `purpose: 'report'` is the loss report that follows a verified code: a kiosk records it in
 * its outbox once the citizen's code was accepted, and may deliver it after an outage, so a
 * challenge already verified with this very code stays good for the report for
 * `challenge.reportHours` after the verification, without counting another attempt.
 */
export async function checkCode(
  ctx: CentralContext,
  tx: Queryable,
  kioskId: string,
  challengeId: string,
  code: string,
  purpose: 'verify' | 'report' = 'verify',
): Promise<Outcome<number>> {
  const rows = await tx.query<{
    person_id: number | null;
    code_hash: string;
    expires_at: Date;
    attempts: number;
    verified_at: Date | null;
  }>(
    'SELECT person_id, code_hash, expires_at, attempts, verified_at FROM identity_challenges WHERE id = $1 AND kiosk_id = $2 FOR UPDATE',
    [challengeId, kioskId],
  );
  const ch = rows[0];
  if (!ch) return failure('challenge_not_found');
  if (
    purpose === 'report' &&
    ch.verified_at !== null &&
    ch.person_id !== null &&
    ch.code_hash === codeHash(ctx, challengeId, code)
  ) {
    const until = ch.verified_at.getTime() + ctx.config.challenge.reportHours * 3_600_000;
    return until > ctx.now() ? ok(ch.person_id) : failure('code_expired');
  }
  if (ch.attempts >= ctx.config.challenge.maxAttempts) return failure('challenge_locked');
  if (ch.expires_at.getTime() <= ctx.now()) return failure('code_expired');
  await tx.query('UPDATE identity_challenges SET attempts = attempts + 1 WHERE id = $1', [
    challengeId,
  ]);
  if (ch.person_id === null || ch.code_hash !== codeHash(ctx, challengeId, code))
    return failure('code_invalid');
  await tx.query('UPDATE identity_challenges SET verified_at = $2 WHERE id = $1', [
    challengeId,
    new Date(ctx.now()),
  ]);
  return ok(ch.person_id);
}

/** Opaque per-challenge reference to one of the person's cards (no card number leaves masked). */
export const cardRef = (ctx: CentralContext, challengeId: string, cardId: number): string =>
  hmac(ctx, `card-ref:${challengeId}:${cardId}`).slice(0, 32);

export async function personCards(
  ctx: CentralContext,
  q: Queryable,
  challengeId: string,
  personId: number,
) {
  const rows = await q.query<{ id: number; card_number: string; status: CardStatus; bank: string }>(
    'SELECT id, card_number, status, bank FROM cards WHERE person_id = $1 ORDER BY id',
    [personId],
  );
  return rows.map((r) => ({
    id: r.id,
    cardRef: cardRef(ctx, challengeId, r.id),
    cardNumberMasked: maskCardNumber(r.card_number),
    status: r.status,
    bank: r.bank,
  }));
}

export async function verifyChallenge(
  ctx: CentralContext,
  kioskId: string,
  challengeId: string,
  code: string,
): Promise<
  Outcome<{
    cards: { cardRef: string; cardNumberMasked: string; status: CardStatus; bank: string }[];
  }>
> {
  return ctx.db.transaction(async (tx) => {
    const person = await checkCode(ctx, tx, kioskId, challengeId, code);
    if (!person.ok) return person;
    const cards = await personCards(ctx, tx, challengeId, person.value);
    return ok({ cards: cards.map(({ id: _id, ...c }) => c) });
  });
}
