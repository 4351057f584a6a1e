import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ok } from '../../../electron/result';
import type { CentralContext } from '../context';
import type { Queryable } from '../db/database';
import {
  CHALLENGE_BYTES,
  externalAuthCryptogram,
  internalAuthResponse,
  type CardAlgorithm,
} from '../domain/card-crypto';
import { failure, type Outcome } from '../errors';
import { cardSummary, loadCard, type CardRow, type CardSummary } from './cards';

// One wrong cryptogram may be a glitch on the wire; more looks like a cloned card.
const MAX_AUTH_ATTEMPTS = 3;

export const hashToken = (token: string): string =>
  createHash('sha256').update(`session:${token}`).digest('hex');

export interface OpenSessionRequest {
  cardIdentificationCode: string;
  cardNumber: string;
  atr: string;
  specVersion: string;
  algorithm: CardAlgorithm;
}

interface SessionRow {
  id: string;
  kiosk_id: string;
  card_id: number;
  challenge: string;
  expires_at: Date;
  auth_attempts: number;
  token_hash: string | null;
}

export async function openCardSession(
  ctx: CentralContext,
  kioskId: string,
  req: OpenSessionRequest,
): Promise<
  Outcome<{ sessionId: string; expiresAt: string; card: CardSummary; challenge: string }>
> {
  return ctx.db.transaction(async (tx) => {
    const card = await loadCard(ctx, tx, { cardNumber: req.cardNumber });
    if (!card) return failure('card_not_found');
    // The card identification code and algorithm must be the ones the bureau issued: a card
    // whose EF05 was copied onto another chip fails here or at INTERNAL AUTHENTICATE.
    if (
      card.card_identification_code !== req.cardIdentificationCode.toUpperCase() ||
      card.algorithm !== req.algorithm
    ) {
      return failure('card_mismatch');
    }
    const sessionId = randomBytes(18).toString('base64url');
    const challenge = randomBytes(CHALLENGE_BYTES).toString('hex').toUpperCase();
    const expiresAt = new Date(ctx.now() + ctx.config.cardSessionSeconds * 1000);
    await tx.query(
      'INSERT INTO card_sessions (id, kiosk_id, card_id, challenge, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [sessionId, kioskId, card.id, challenge, new Date(ctx.now()), expiresAt],
    );
    return ok({
      sessionId,
      expiresAt: expiresAt.toISOString(),
      card: cardSummary(card),
      challenge,
    });
  });
}

async function liveSession(
  ctx: CentralContext,
  tx: Queryable,
  kioskId: string,
  sessionId: string,
): Promise<Outcome<SessionRow>> {
  const rows = await tx.query<SessionRow>(
    'SELECT * FROM card_sessions WHERE id = $1 AND kiosk_id = $2 FOR UPDATE',
    [sessionId, kioskId],
  );
  const s = rows[0];
  if (!s) return failure('session_not_found');
  if (s.expires_at.getTime() <= ctx.now()) return failure('session_expired');
  return ok(s);
}

async function cardOf(ctx: CentralContext, tx: Queryable, s: SessionRow): Promise<CardRow> {
  const card = await loadCard(ctx, tx, { id: s.card_id });
  if (!card) throw new Error(`session ${s.id} points at a missing card`);
  return card;
}

export async function authenticateCardSession(
  ctx: CentralContext,
  kioskId: string,
  sessionId: string,
  cardCryptogram: string,
): Promise<Outcome<{ token: string; expiresAt: string; card: CardSummary }>> {
  return ctx.db.transaction(async (tx) => {
    const live = await liveSession(ctx, tx, kioskId, sessionId);
    if (!live.ok) return live;
    const s = live.value;
    if (s.auth_attempts >= MAX_AUTH_ATTEMPTS || s.token_hash !== null)
      return failure('card_auth_attempts_exceeded');
    const card = await cardOf(ctx, tx, s);
    const expected = internalAuthResponse(
      ctx.masterKeys,
      card.algorithm,
      Buffer.from(card.card_identification_code, 'hex'),
      Buffer.from(s.challenge, 'hex'),
    );
    const given = Buffer.from(cardCryptogram, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      await tx.query('UPDATE card_sessions SET auth_attempts = auth_attempts + 1 WHERE id = $1', [
        s.id,
      ]);
      return failure('card_auth_failed');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(ctx.now() + ctx.config.cardSessionSeconds * 1000);
    await tx.query(
      'UPDATE card_sessions SET token_hash = $2, authenticated_at = $3, expires_at = $4 WHERE id = $1',
      [s.id, hashToken(token), new Date(ctx.now()), expiresAt],
    );
    return ok({ token, expiresAt: expiresAt.toISOString(), card: cardSummary(card) });
  });
}

export async function externalAuth(
  ctx: CentralContext,
  kioskId: string,
  sessionId: string,
  cardChallenge: string,
): Promise<Outcome<{ cryptogram: string }>> {
  return ctx.db.transaction(async (tx) => {
    const live = await liveSession(ctx, tx, kioskId, sessionId);
    if (!live.ok) return live;
    const card = await cardOf(ctx, tx, live.value);
    const c = externalAuthCryptogram(
      ctx.masterKeys,
      card.algorithm,
      Buffer.from(card.card_identification_code, 'hex'),
      Buffer.from(cardChallenge, 'hex'),
    );
    return ok({ cryptogram: c.toString('hex').toUpperCase() });
  });
}

/** The authenticated session behind an x-card-session token, bound to this kiosk. */
export async function sessionForToken(
  ctx: CentralContext,
  kioskId: string,
  token: string | undefined,
  sessionId?: string,
): Promise<Outcome<{ sessionId: string; cardId: number; personId: number }>> {
  if (!token || token.length > 100) return failure('session_token_invalid');
  const tokenHash = hashToken(token);
  let binding = ctx.sessions.get(tokenHash, ctx.now());
  if (!binding) {
    const rows = await ctx.db.query<SessionRow & { person_id: number }>(
      `SELECT s.*, c.person_id FROM card_sessions s JOIN cards c ON c.id = s.card_id
        WHERE s.token_hash = $1`,
      [tokenHash],
    );
    const s = rows[0];
    if (!s) return failure('session_token_invalid');
    binding = {
      sessionId: s.id,
      kioskId: s.kiosk_id,
      cardId: s.card_id,
      personId: s.person_id,
      expiresAt: s.expires_at.getTime(),
    };
    if (binding.expiresAt <= ctx.now()) return failure('session_expired');
    ctx.sessions.set(tokenHash, binding);
  }
  if (binding.kioskId !== kioskId || (sessionId !== undefined && binding.sessionId !== sessionId)) {
    return failure('session_token_invalid');
  }
  return ok({ sessionId: binding.sessionId, cardId: binding.cardId, personId: binding.personId });
}
