/**
 * The loss-report calls (services/loss-report.ts `LossCentralApi`) on the sync engine's signed
 * client. The identity challenge sends an SMS and counts against rate limits, and verifying a
 * code counts an attempt: neither is retried blindly (one attempt, bounded to the screen's
 * time). The cancellation carries an idempotency key, so it may be repeated safely.
 */
import type { CentralFailure } from '../services/session';
import type { LossCentralApi } from '../services/loss-report';
import { err, ok, type Result } from '../result';
import type { CentralClient } from './client';
import { describeError, type CentralError } from './errors';
import { CardActionResultSchema, ChallengeCardsSchema, IdentityChallengeSchema } from './schemas';

const INTERACTIVE_TIMEOUT_MS = 8_000;

const mapped = <T>(r: Result<T, CentralError>): Result<T, CentralFailure> => {
  if (r.ok) return ok(r.value);
  const e = r.error;
  return err(
    e.kind === 'rejected'
      ? { code: 'central_rejected', apiCode: e.code, detail: e.message }
      : { code: 'central_unavailable', detail: describeError(e) },
  );
};

export function centralLossApi(client: CentralClient): LossCentralApi {
  return {
    createChallenge: async (body) =>
      mapped(
        await client.call('createIdentityChallenge', {
          body,
          schema: IdentityChallengeSchema,
          idempotent: false,
          totalTimeoutMs: INTERACTIVE_TIMEOUT_MS,
        }),
      ),
    verifyChallenge: async (challengeId, code) =>
      mapped(
        await client.call('verifyIdentityChallenge', {
          params: { challengeId },
          body: { code },
          schema: ChallengeCardsSchema,
          idempotent: false,
          totalTimeoutMs: INTERACTIVE_TIMEOUT_MS,
        }),
      ),
    cancelLossReport: async (sessionId, token, idempotencyKey) =>
      mapped(
        await client.call('cancelLossReport', {
          params: { sessionId },
          token,
          body: { idempotencyKey },
          schema: CardActionResultSchema,
          idempotent: true,
          maxAttempts: 2,
          totalTimeoutMs: INTERACTIVE_TIMEOUT_MS,
        }),
      ),
  };
}
