import type { FastifyInstance } from 'fastify';
import type { CentralContext } from '../context';
import { ok } from '../../../electron/result';
import { errorBody, ERROR_STATUS, type Outcome } from '../errors';
import { sessionForToken } from '../services/card-sessions';
import { claimNonce, verifyKioskSignature } from '../services/kiosk-auth';

export const CARD_SESSION_HEADER = 'x-card-session';

/** Every route declares its auth; this hook enforces it before validation or the handler. */
export function installAuthHook(app: FastifyInstance, ctx: CentralContext): void {
  app.addHook('preValidation', async (req, res) => {
    const auth = req.routeOptions.config.auth ?? 'none';
    if (auth === 'none') return;
    const kiosk = await verifyKioskSignature(ctx, {
      method: req.method,
      url: req.url,
      headers: req.headers,
      rawBody: req.rawBody,
    });
    if (!kiosk.ok) return res.code(ERROR_STATUS[kiosk.error.code]).send(errorBody(kiosk.error));
    const { kioskId, nonce } = kiosk.value;
    let claim: Promise<Outcome<void>>;
    if (req.method === 'GET' && req.routeOptions.config.nonceInRead === true) {
      // The handler claims the nonce inside its own read statement (one round trip); route()
      // claims it separately if the handler did not, so no request goes unclaimed.
      req.nonceToClaim = {
        kioskId,
        nonce,
        seenAt: new Date(ctx.now()),
        claimSeparately: () => claimNonce(ctx, kioskId, nonce),
      };
      claim = Promise.resolve(ok(undefined));
    } else if (req.method === 'GET') {
      // A read changes nothing, so it may run while the nonce claim is in flight; route()
      // sends its answer only once the claim has succeeded (see pendingNonce).
      claim = claimNonce(ctx, kioskId, nonce);
      req.pendingNonce = claim;
    } else {
      claim = claimNonce(ctx, kioskId, nonce);
      const claimed = await claim;
      if (!claimed.ok)
        return res.code(ERROR_STATUS[claimed.error.code]).send(errorBody(claimed.error));
    }
    if (auth !== 'card') {
      req.caller = { kioskId };
      return;
    }
    const token = req.headers[CARD_SESSION_HEADER];
    const params = req.params as { sessionId?: unknown } | undefined;
    const sessionId = typeof params?.sessionId === 'string' ? params.sessionId : undefined;
    const session = await sessionForToken(
      ctx,
      kioskId,
      typeof token === 'string' ? token : undefined,
      sessionId,
    );
    if (!session.ok) {
      // Never leave a claim running past the request; a refused call still uses its nonce.
      await (req.nonceToClaim ? claimNonce(ctx, kioskId, nonce) : claim);
      return res.code(ERROR_STATUS[session.error.code]).send(errorBody(session.error));
    }
    req.caller = { kioskId, card: session.value };
  });
  // A request refused by validation never reached its handler: its nonce is used all the same.
  app.addHook('onResponse', async (req) => {
    const left = req.nonceToClaim;
    req.nonceToClaim = undefined;
    if (left) await left.claimSeparately();
  });
}
