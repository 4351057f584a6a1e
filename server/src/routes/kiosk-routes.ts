import { ok } from '../../../electron/result';
import type * as api from '../../api-types';
import type { CentralContext } from '../context';
import type { FastifyInstance } from 'fastify';
import { callerOf, reply, route } from '../http/route-kit';
import { enrolKiosk } from '../services/kiosk-auth';
import { heartbeat, kioskConfig } from '../services/kiosks';
import { hotlist } from '../services/hotlist';

export function kioskRoutes(app: FastifyInstance, ctx: CentralContext): void {
  route(app, 'post', '/v1/kiosks/enrol', 'none', async (req) => {
    const body = req.body as api.EnrolRequest;
    const enrolled = await enrolKiosk(ctx, body.code, body.name);
    if (!enrolled.ok) return reply(enrolled);
    return reply(
      ok({
        ...enrolled.value,
        hotlistPublicKey: {
          keyId: ctx.hotlistSigner.keyId,
          publicKeyPem: ctx.hotlistSigner.publicKeyPem,
        },
      }),
      201,
    );
  });
  route(app, 'post', '/v1/kiosks/heartbeat', 'kiosk', async (req) =>
    reply(ok(await heartbeat(ctx, callerOf(req).kioskId, req.body as Record<string, unknown>))),
  );
  route(app, 'get', '/v1/kiosks/config', 'kiosk', () =>
    Promise.resolve(reply(ok(kioskConfig(ctx)))),
  );
  route(app, 'get', '/v1/hotlist', 'kiosk', async (req) => {
    const { since } = req.query as { since?: number };
    return reply(ok(await hotlist(ctx, since)));
  });
}
