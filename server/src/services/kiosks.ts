import type { CentralContext } from '../context';
import { lapseExpiredPreReports } from './cards';
import { hotlistVersion } from './hotlist';
import { purgeOldNonces } from './kiosk-auth';
import { purgeOldRateWindows } from './rate-limit';

// Bump when the shape or defaults of the kiosk configuration change.
const CONFIG_VERSION = 1;

export type KioskCommandType =
  'out_of_service' | 'in_service' | 'refresh_hotlist' | 'refresh_config';

export function kioskConfig(ctx: CentralContext) {
  return {
    version: CONFIG_VERSION,
    enabledFunctions: [
      'inquiry',
      'print',
      'activation',
      'change_pin',
      'loss_report',
      'cancel_loss_report',
      'guide',
    ],
    idleTimeoutSeconds: ctx.config.idleTimeoutSeconds,
    preReportValidityDays: ctx.config.preReportValidityDays,
    pinPolicy: {
      length: 6,
      initialPin: '123456',
      forbidden: ['000000', '111111', '123456', '654321', '888888'],
    },
    outlets: ctx.config.outlets,
    hotlistPublicKey: {
      keyId: ctx.hotlistSigner.keyId,
      publicKeyPem: ctx.hotlistSigner.publicKeyPem,
    },
  };
}

/** Records the heartbeat, hands over pending commands once, and does the periodic housekeeping. */
export async function heartbeat(
  ctx: CentralContext,
  kioskId: string,
  report: Record<string, unknown>,
) {
  const now = new Date(ctx.now());
  const commands = await ctx.db.transaction(async (tx) => {
    await tx.query('UPDATE kiosks SET last_heartbeat_at = $2, last_heartbeat = $3 WHERE id = $1', [
      kioskId,
      now,
      JSON.stringify(report),
    ]);
    return tx.query<{ id: number; type: KioskCommandType; message: string | null }>(
      `UPDATE kiosk_commands SET delivered_at = $2
        WHERE kiosk_id = $1 AND delivered_at IS NULL RETURNING id, type, message`,
      [kioskId, now],
    );
  });
  await purgeOldNonces(ctx);
  await purgeOldRateWindows(ctx.db, ctx.now());
  await lapseExpiredPreReports(ctx);
  return {
    configVersion: CONFIG_VERSION,
    hotlistVersion: await hotlistVersion(ctx),
    commands: commands
      .sort((a, b) => a.id - b.id)
      .map((c) => ({
        id: c.id,
        type: c.type,
        ...(c.message !== null ? { message: c.message } : {}),
      })),
  };
}

/** Queues a command for a kiosk (bureau IT, through the CLI). */
export async function queueCommand(
  ctx: CentralContext,
  kioskId: string,
  type: KioskCommandType,
  message?: string,
): Promise<number> {
  const rows = await ctx.db.query<{ id: number }>(
    'INSERT INTO kiosk_commands (kiosk_id, type, message) VALUES ($1, $2, $3) RETURNING id',
    [kioskId, type, message ?? null],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('command insert returned nothing');
  return id;
}

/** Bureau IT takes a kiosk off the network (stolen, decommissioned): every call becomes 403. */
export async function setKioskDisabled(
  ctx: CentralContext,
  kioskId: string,
  disabled: boolean,
): Promise<boolean> {
  const rows = await ctx.db.query('UPDATE kiosks SET disabled = $2 WHERE id = $1 RETURNING id', [
    kioskId,
    disabled,
  ]);
  ctx.kiosks.invalidate(kioskId);
  return rows.length === 1;
}
