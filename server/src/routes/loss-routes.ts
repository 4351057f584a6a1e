import type { FastifyInstance } from 'fastify';
import type * as api from '../../api-types';
import type { CentralContext } from '../context';
import { callerOf, reply, route } from '../http/route-kit';
import { reportLoss } from '../services/card-actions';
import { createChallenge, verifyChallenge } from '../services/identity';
import { runOnce } from '../services/idempotency';

export function lossRoutes(app: FastifyInstance, ctx: CentralContext): void {
  route(app, 'post', '/v1/identity/challenges', 'kiosk', async (req) =>
    reply(
      await createChallenge(ctx, callerOf(req).kioskId, req.body as api.IdentityChallengeRequest),
      201,
    ),
  );
  route(app, 'post', '/v1/identity/challenges/{challengeId}/verify', 'kiosk', async (req) => {
    const { challengeId } = req.params as { challengeId: string };
    const body = req.body as api.ChallengeVerifyRequest;
    return reply(await verifyChallenge(ctx, callerOf(req).kioskId, challengeId, body.code));
  });
  route(app, 'post', '/v1/loss-reports', 'kiosk', async (req) => {
    const { kioskId } = callerOf(req);
    const { idempotencyKey, ...request } = req.body as api.LossReportRequest;
    return runOnce(
      ctx.db,
      { kioskId, key: idempotencyKey, operation: 'loss_report', request },
      201,
      (tx) => reportLoss(ctx, tx, kioskId, request),
    );
  });
}
