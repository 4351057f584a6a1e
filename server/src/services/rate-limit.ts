import { ok } from '../../../electron/result';
import type { Queryable } from '../db/database';
import { failure, type Outcome } from '../errors';

/**
 * Fixed-window counters in the database, so every instance behind a load balancer counts
 * the same requests. One upsert per check; the row lock orders concurrent increments.
 */
export async function consumeRate(
  q: Queryable,
  bucket: string,
  limit: number,
  windowSeconds: number,
  nowMs: number,
): Promise<Outcome<void>> {
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  const rows = await q.query<{ count: number }>(
    `INSERT INTO rate_counters (bucket, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_counters.count + 1
     RETURNING count`,
    [bucket, windowStart],
  );
  const count = rows[0]?.count ?? 0;
  if (count > limit) {
    return failure(
      'rate_limited',
      'too many requests',
      Math.ceil((windowStart + windowMs - nowMs) / 1000),
    );
  }
  return ok(undefined);
}

export async function purgeOldRateWindows(q: Queryable, nowMs: number): Promise<void> {
  await q.query('DELETE FROM rate_counters WHERE window_start < $1', [nowMs - 2 * 86_400_000]);
}
