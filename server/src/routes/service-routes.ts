import type { FastifyInstance } from 'fastify';
import { ok } from '../../../electron/result';
import type * as api from '../../api-types';
import type { CentralContext } from '../context';
import { failure } from '../errors';
import { callerOf, reply, route } from '../http/route-kit';
import { API_VERSION, openApiDocument } from '../openapi/document';
import { deliverOperations } from '../services/operations';
import { verifyStatement } from '../services/statements';

export function serviceRoutes(app: FastifyInstance, ctx: CentralContext): void {
  app.get('/openapi.json', { schema: { hide: true } }, () => Promise.resolve(openApiDocument));
  route(app, 'get', '/v1/health', 'none', () =>
    Promise.resolve(reply(ok({ status: 'ok', version: API_VERSION }))),
  );
  route(app, 'get', '/v1/statements/{code}', 'none', async (req) => {
    const { code } = req.params as { code: string };
    return reply(await verifyStatement(ctx, code));
  });
  route(app, 'post', '/v1/operations', 'kiosk', async (req) => {
    const body = req.body as api.OperationBatch;
    return reply(ok(await deliverOperations(ctx, callerOf(req).kioskId, body.operations)));
  });
  route(app, 'get', '/v1/dev/sms', 'none', async () => {
    // Readable only where the sink is the development one (demo/test), never in production.
    if (!ctx.sms.readable || !ctx.config.demo) return reply(failure('dev_sink_disabled'));
    const rows = await ctx.db.query<{
      phone: string;
      text: string;
      challenge_id: string | null;
      at: Date;
    }>('SELECT phone, text, challenge_id, at FROM dev_sms_messages ORDER BY id DESC LIMIT 50');
    return reply(
      ok({
        messages: rows.map((r) => ({
          phone: r.phone,
          text: r.text,
          challengeId: r.challenge_id,
          at: r.at.toISOString(),
        })),
      }),
    );
  });
}
