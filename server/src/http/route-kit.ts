import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CentralContext } from '../context';
import { errorBody, ERROR_STATUS, type Outcome } from '../errors';
import { fastifyPath, routeSchema } from '../openapi/route-schemas';
import type { NonceToClaim } from '../services/inquiry';

export type Auth = 'none' | 'kiosk' | 'card';

export interface CardCaller {
  sessionId: string;
  cardId: number;
  personId: number;
}

/** Who is calling: set by the authentication hook before the handler runs. */
export interface Caller {
  kioskId: string;
  card?: CardCaller;
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody: Buffer | string;
    caller?: Caller;
    /** A GET's nonce claim, still in flight while the read runs. */
    pendingNonce?: Promise<Outcome<void>>;
    /**
     * A GET's nonce for the handler to claim inside its read statement (routes registered
     * with `nonceInRead`); the handler clears it once claimed. If it is still set when the
     * handler returns, route() claims it on its own before answering.
     */
    nonceToClaim?: NonceToClaim & { claimSeparately(): Promise<Outcome<void>> };
  }
  interface FastifyContextConfig {
    auth?: Auth;
    nonceInRead?: boolean;
  }
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** The body as ready-made JSON text (built by the database), sent as is. */
  readonly json?: string;
}

export const reply = <T>(outcome: Outcome<T>, okStatus = 200): Reply =>
  outcome.ok
    ? { status: okStatus, body: outcome.value }
    : { status: ERROR_STATUS[outcome.error.code], body: errorBody(outcome.error) };

/** The caller of a route whose auth is 'kiosk' or 'card' (the hook has already checked). */
export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw new Error('route reached without an authenticated caller');
  return req.caller;
}

export function cardOf(req: FastifyRequest): CardCaller {
  const card = callerOf(req).card;
  if (!card) throw new Error('card route reached without a card session');
  return card;
}

/**
 * Registers one operation of the OpenAPI document: its schemas come from the document, so a
 * route that is not in the document cannot exist.
 */
export function route(
  app: FastifyInstance,
  method: 'get' | 'post',
  path: string,
  auth: Auth,
  handler: (req: FastifyRequest) => Promise<Reply>,
  options: { readonly nonceInRead?: boolean } = {},
): void {
  app.route({
    method: method === 'get' ? 'GET' : 'POST',
    url: fastifyPath(path),
    schema: routeSchema(method, path),
    config: { auth, nonceInRead: options.nonceInRead === true },
    handler: async (req, res) => {
      const [r, pending] = await Promise.all([handler(req), req.pendingNonce]);
      const left = req.nonceToClaim;
      req.nonceToClaim = undefined;
      const claimed = left ? await left.claimSeparately() : pending;
      if (claimed && !claimed.ok)
        return res.code(ERROR_STATUS[claimed.error.code]).send(errorBody(claimed.error));
      if (r.json !== undefined)
        return res.code(r.status).type('application/json; charset=utf-8').send(r.json);
      return res.code(r.status).send(r.body);
    },
  });
}

export type RouteModule = (app: FastifyInstance, ctx: CentralContext) => void;
