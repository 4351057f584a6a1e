import type { CentralConfigInput } from './config';
import { buildCentral } from './app';
import type { CentralContext } from './context';
import { openDatabase, type Database } from './db/database';
import { isSeeded, seedDemoData } from './demo/generator';
import type { SmsSender } from './services/sms';

export interface StartOptions {
  readonly config?: CentralConfigInput;
  /** Use this database instead of opening one from config (tests share one per file). */
  readonly db?: Database;
  readonly now?: () => number;
  readonly sms?: SmsSender;
  readonly logger?: boolean;
}

export interface RunningCentral {
  readonly url: string;
  readonly ctx: CentralContext;
  close(): Promise<void>;
}

/** The month before `nowMs`, YYYYMM: demo histories end there. */
export function lastFullMonth(nowMs: number): number {
  const d = new Date(nowMs);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth(); // 0-based: this is already "last month" in 1-based terms
  return m === 0 ? (y - 1) * 100 + 12 : y * 100 + m;
}

/**
 * Starts the reference central service: opens the database (PGlite unless DATABASE_URL),
 * migrates, seeds demo data on first start in demo mode, listens. The kiosk's demo mode and
 * tests embed it with this; `npm run central` is a thin CLI around it.
 */
export async function startCentral(opts: StartOptions = {}): Promise<RunningCentral> {
  const cfg = opts.config ?? {};
  const ownDb = opts.db === undefined;
  const db =
    opts.db ?? (await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir }));
  try {
    const { app, ctx } = await buildCentral({
      db,
      config: cfg,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.sms ? { sms: opts.sms } : {}),
      ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
    });
    if (ctx.config.demo && !(await isSeeded(db))) {
      await db.transaction((tx) =>
        seedDemoData(
          tx,
          {
            extraPersons: ctx.config.demoSeed.extraPersons,
            years: ctx.config.demoSeed.years,
            untilMonth: lastFullMonth(ctx.now()),
          },
          ctx.now(),
        ),
      );
    }
    const address = await app.listen({ host: ctx.config.host, port: ctx.config.port });
    return {
      url: address,
      ctx,
      async close() {
        await app.close();
        await ctx.sms.drain();
        if (ownDb) await db.close();
      },
    };
  } catch (e) {
    if (ownDb) await db.close();
    throw e;
  }
}
