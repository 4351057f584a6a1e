import type { FastifyInstance } from 'fastify';
import { ok } from '../../../electron/result';
import type * as api from '../../api-types';
import type { CentralContext } from '../context';
import type { Queryable } from '../db/database';
import { failure, type Outcome } from '../errors';
import { callerOf, cardOf, reply, route, type Reply } from '../http/route-kit';
import {
  activateCard,
  cancelPreReport,
  recordPinChanged,
  type CardLocator,
} from '../services/card-actions';
import { authenticateCardSession, externalAuth, openCardSession } from '../services/card-sessions';
import { cardSummary, loadCard, type CardRow } from '../services/cards';
import { runOnce } from '../services/idempotency';
import * as inquiry from '../services/inquiry';
import { issueStatement } from '../services/statements';

type CardAction = (
  ctx: CentralContext,
  tx: Queryable,
  kioskId: string,
  where: CardLocator,
) => Promise<Outcome<Record<string, unknown>>>;

export function cardRoutes(app: FastifyInstance, ctx: CentralContext): void {
  route(app, 'post', '/v1/card-sessions', 'kiosk', async (req) =>
    reply(
      await openCardSession(ctx, callerOf(req).kioskId, req.body as api.CardSessionRequest),
      201,
    ),
  );
  route(app, 'post', '/v1/card-sessions/{sessionId}/authenticate', 'kiosk', async (req) => {
    const { sessionId } = req.params as { sessionId: string };
    const body = req.body as api.AuthenticateRequest;
    return reply(
      await authenticateCardSession(ctx, callerOf(req).kioskId, sessionId, body.cardCryptogram),
    );
  });
  route(app, 'post', '/v1/card-sessions/{sessionId}/external-auth', 'kiosk', async (req) => {
    const { sessionId } = req.params as { sessionId: string };
    const body = req.body as api.ExternalAuthRequest;
    return reply(await externalAuth(ctx, callerOf(req).kioskId, sessionId, body.cardChallenge));
  });

  /** Card-level answers run in a transaction so an expired pre-report lapses before it is shown. */
  const inquireCard = (path: string, read: (tx: Queryable, card: CardRow) => Promise<unknown>) =>
    route(app, 'get', `/v1/card-sessions/{sessionId}/${path}`, 'card', async (req) => {
      const { cardId } = cardOf(req);
      const body = await ctx.db.transaction(async (tx) => {
        const card = await loadCard(ctx, tx, { id: cardId });
        if (!card) throw new Error(`authenticated session for missing card ${cardId}`);
        return read(tx, card);
      });
      return reply(ok(body));
    });
  inquireCard('person', (tx, card) => inquiry.person(tx, card));
  inquireCard('card', (_tx, card) => Promise.resolve(cardSummary(card)));

  /** Person-level records do not depend on the card's status: one read, no transaction. */
  const inquirePerson = (
    path: string,
    read: (personId: number, query: Record<string, number>) => Promise<unknown>,
  ) =>
    route(app, 'get', `/v1/card-sessions/{sessionId}/${path}`, 'card', async (req) =>
      reply(ok(await read(cardOf(req).personId, req.query as Record<string, number>))),
    );
  inquirePerson('insurances', (id) => inquiry.insurances(ctx.db, id));
  // The largest answer (P5): the database builds the JSON and claims the nonce in the same
  // statement, so it is one round trip and one string passed through.
  route(
    app,
    'get',
    '/v1/card-sessions/{sessionId}/contributions',
    'card',
    async (req): Promise<Reply> => {
      const { personId } = cardOf(req);
      const q = req.query as { from?: number; to?: number };
      const claim = req.nonceToClaim;
      if (!claim)
        return {
          status: 200,
          body: undefined,
          json: await inquiry.contributionsJson(ctx.db, personId, q.from ?? 0, q.to ?? 0),
        };
      const r = await inquiry.contributionsJsonClaimingNonce(
        ctx.db,
        personId,
        q.from ?? 0,
        q.to ?? 0,
        claim,
      );
      req.nonceToClaim = undefined;
      return r.fresh
        ? { status: 200, body: undefined, json: r.body }
        : reply(failure('replayed_nonce'));
    },
    { nonceInRead: true },
  );
  inquirePerson('medical-account', (id) => inquiry.medicalAccount(ctx.db, id));
  inquirePerson('medical-account/transactions', (id, q) =>
    inquiry.medicalTransactions(ctx.db, id, q.limit ?? 20),
  );
  inquirePerson('pension-account', (id) => inquiry.pensionAccount(ctx.db, id));
  inquirePerson('benefits', (id) => inquiry.benefits(ctx.db, id));

  const action = (path: string, operation: string, apply: CardAction) =>
    route(
      app,
      'post',
      `/v1/card-sessions/{sessionId}/${path}`,
      'card',
      async (req): Promise<Reply> => {
        const { kioskId } = callerOf(req);
        const { cardId } = cardOf(req);
        const body = req.body as api.CardAction;
        const numbers = await ctx.db.query<{ card_number: string }>(
          'SELECT card_number FROM cards WHERE id = $1',
          [cardId],
        );
        const cardNumber = numbers[0]?.card_number;
        if (cardNumber === undefined) return reply(failure('card_not_found'));
        // Same request identity as the batched operation, so a kiosk may retry either way.
        return runOnce(
          ctx.db,
          { kioskId, key: body.idempotencyKey, operation, request: { cardNumber } },
          200,
          (tx) => apply(ctx, tx, kioskId, { id: cardId }),
        );
      },
    );
  action('activation', 'activation', activateCard);
  action('pin-changed', 'pin_changed', recordPinChanged);
  action('loss-report/cancel', 'loss_report_cancel', cancelPreReport);

  route(app, 'post', '/v1/statements', 'card', async (req) =>
    reply(
      await issueStatement(
        ctx,
        callerOf(req).kioskId,
        cardOf(req).cardId,
        req.body as api.StatementRequest,
      ),
      201,
    ),
  );
}
