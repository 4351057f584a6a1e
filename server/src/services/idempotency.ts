import type { Database, Queryable } from '../db/database';
import { errorBody, failure, ERROR_STATUS, type Outcome } from '../errors';
import { sha256Hex } from '../signing';

/** A reply as it is stored and replayed: HTTP status + JSON body. */
export interface StoredReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * Runs a state-changing operation at most once per (kiosk, idempotency key). The key row is
 * inserted first inside the operation's transaction: a concurrent repeat blocks on that
 * insert until the first commits, then finds the key taken and returns the stored reply.
 * Business refusals are stored too (the first result is the result); a crash rolls back
 * everything, key included, so the kiosk's retry runs the operation afresh.
 */
export async function runOnce(
  db: Database,
  scope: { kioskId: string; key: string; operation: string; request: unknown },
  successStatus: number,
  apply: (tx: Queryable) => Promise<Outcome<Record<string, unknown>>>,
): Promise<StoredReply> {
  const requestHash = sha256Hex(JSON.stringify(scope.request));
  return db.transaction(async (tx) => {
    const claimed = await tx.query(
      `INSERT INTO idempotency_records (kiosk_id, key, operation, request_hash)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
      [scope.kioskId, scope.key, scope.operation, requestHash],
    );
    if (claimed.length === 0) {
      const rows = await tx.query<{
        operation: string;
        request_hash: string;
        status_code: number;
        response: Record<string, unknown>;
      }>(
        'SELECT operation, request_hash, status_code, response FROM idempotency_records WHERE kiosk_id = $1 AND key = $2',
        [scope.kioskId, scope.key],
      );
      const first = rows[0];
      if (!first || first.operation !== scope.operation || first.request_hash !== requestHash) {
        const f = failure(
          'idempotency_key_reused',
          'this idempotency key was used for a different request',
        );
        return { status: ERROR_STATUS[f.error.code], body: { ...errorBody(f.error) } };
      }
      return { status: first.status_code, body: first.response };
    }
    const outcome = await apply(tx);
    const reply: StoredReply = outcome.ok
      ? { status: successStatus, body: outcome.value }
      : { status: ERROR_STATUS[outcome.error.code], body: { ...errorBody(outcome.error) } };
    await tx.query(
      'UPDATE idempotency_records SET status_code = $3, response = $4 WHERE kiosk_id = $1 AND key = $2',
      [scope.kioskId, scope.key, reply.status, JSON.stringify(reply.body)],
    );
    return reply;
  });
}
