import type { FastifyInstance } from 'fastify';
import type { CentralContext } from '../context';
import { errorBody, ERROR_STATUS } from '../errors';
import { sessionForToken } from '../services/card-sessions';
import { authenticateKiosk } from '../services/kiosk-auth';

export const CARD_SESSION_HEADER = 'x-card-session';

/** Every route declares its auth; this hook enforces it before validation or the handler. */
export function installAuthHook(app: FastifyInstance, ctx: CentralContext): void {
  app.addHook('preValidation', async (req, res) => {
    const auth = req.routeOptions.config.auth ?? 'none';
    if (auth === 'none') return;
    const kiosk = await authenticateKiosk(ctx, {
      method: req.method,
      url: req.url,
      headers: req.headers,
      rawBody: req.rawBody,
    });
    if (!kiosk.ok) return res.code(ERROR_STATUS[kiosk.error.code]).send(errorBody(kiosk.error));
    req.caller = { kioskId: kiosk.value.kioskId };
    if (auth !== 'card') return;
    const token = req.headers[CARD_SESSION_HEADER];
    const params = req.params as { sessionId?: unknown } | undefined;
    const sessionId = typeof params?.sessionId === 'string' ? params.sessionId : undefined;
    const session = await sessionForToken(
      ctx,
      kiosk.value.kioskId,
      typeof token === 'string' ? token : undefined,
      sessionId,
    );
    if (!session.ok)
      return res.code(ERROR_STATUS[session.error.code]).send(errorBody(session.error));
    req.caller = { kioskId: kiosk.value.kioskId, card: session.value };
  });
}
