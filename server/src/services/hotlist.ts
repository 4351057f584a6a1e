import type { CentralContext } from '../context';
import { lapseExpiredPreReports } from './cards';

export interface HotlistPayload {
  kind: 'delta' | 'snapshot';
  fromVersion: number;
  toVersion: number;
  added: string[];
  removed: string[];
  cards: string[];
  issuedAt: string;
}

export async function hotlistVersion(ctx: CentralContext): Promise<number> {
  const rows = await ctx.db.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM hotlist_changes',
  );
  return rows[0]?.v ?? 0;
}

/**
 * The invalid list since `since`: a delta when it is short enough, else a full snapshot.
 * Lapsed pre-reports are applied first so the list never carries a card that is valid again.
 */
export async function hotlist(
  ctx: CentralContext,
  since: number | undefined,
): Promise<{ payload: string; signature: string; keyId: string }> {
  await lapseExpiredPreReports(ctx);
  const toVersion = await hotlistVersion(ctx);
  let payload: HotlistPayload;
  const useDelta =
    since !== undefined && since <= toVersion && toVersion - since <= ctx.config.hotlistMaxDelta;
  if (useDelta) {
    const changes = await ctx.db.query<{ card_number: string; action: string }>(
      'SELECT card_number, action FROM hotlist_changes WHERE version > $1 AND version <= $2 ORDER BY version',
      [since, toVersion],
    );
    // Net effect per card: the last change wins.
    const last = new Map<string, string>();
    for (const c of changes) last.set(c.card_number, c.action);
    const added = [...last].filter(([, a]) => a === 'add').map(([n]) => n);
    const removed = [...last].filter(([, a]) => a === 'remove').map(([n]) => n);
    payload = {
      kind: 'delta',
      fromVersion: since,
      toVersion,
      added,
      removed,
      cards: [],
      issuedAt: new Date(ctx.now()).toISOString(),
    };
  } else {
    const rows = await ctx.db.query<{ card_number: string }>(
      `SELECT card_number FROM cards
        WHERE status IN ('pre_reported_lost', 'formally_lost', 'cancelled_after_loss', 'cancelled') ORDER BY card_number`,
    );
    payload = {
      kind: 'snapshot',
      fromVersion: 0,
      toVersion,
      added: [],
      removed: [],
      cards: rows.map((r) => r.card_number),
      issuedAt: new Date(ctx.now()).toISOString(),
    };
  }
  const text = JSON.stringify(payload);
  return { payload: text, signature: ctx.hotlistSigner.sign(text), keyId: ctx.hotlistSigner.keyId };
}
