/**
 * `npm run central -- [command] [options]` — the reference central service.
 *
 *   (no command) | serve   start it (demo mode: PGlite in .data/central, demo data seeded on
 *                          first start); --port, --host, --data-dir, --memory, --production;
 *                          DATABASE_URL selects a PostgreSQL server instead of PGlite;
 *                          --production needs CENTRAL_MASTER_KEYS (JSON) and
 *                          CENTRAL_KIOSK_SECRET_KEYS (id:hex64[,id:hex64…], current key first)
 *                          and CENTRAL_SMS_GATEWAY (JSON {"url","token","timeoutMs"})
 *   enrol-code             print a one-time kiosk enrolment code (same database options)
 *   command <kiosk> <type> [message]   queue out_of_service | in_service | refresh_hotlist | refresh_config
 *   kiosk-disable <kiosk> | kiosk-enable <kiosk>   every call of a disabled kiosk is 403
 *   seed-bulk --persons N [--years Y]  load N generated citizens (load tests; default 1,000,000, 0 years)
 *   gen-types              regenerate server/api-types.ts from the OpenAPI document
 *   openapi                print the OpenAPI document
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { createContext } from './src/app';
import { parseKioskSecretKeysEnv, parseSmsGatewayEnv, type CentralConfigInput } from './src/config';
import { openDatabase } from './src/db/database';
import { isSeeded, seedDemoData } from './src/demo/generator';
import { openApiDocument } from './src/openapi/document';
import { generateApiTypes } from './src/openapi/generate-types';
import { createEnrolmentCode } from './src/services/kiosk-auth';
import { queueCommand, setKioskDisabled, type KioskCommandType } from './src/services/kiosks';
import { lastFullMonth, startCentral } from './src/start';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.data/central' },
    memory: { type: 'boolean', default: false },
    production: { type: 'boolean', default: false },
    persons: { type: 'string', default: '1000000' },
    years: { type: 'string', default: '0' },
  },
});

const databaseUrl = process.env.DATABASE_URL;
const config: CentralConfigInput = {
  demo: !values.production,
  host: values.host,
  port: Number(values.port),
  ...(databaseUrl ? { databaseUrl } : values.memory ? {} : { dataDir: values['data-dir'] }),
  ...(process.env.CENTRAL_MASTER_KEYS
    ? {
        masterKeys: JSON.parse(process.env.CENTRAL_MASTER_KEYS) as CentralConfigInput['masterKeys'],
      }
    : {}),
  ...(process.env.CENTRAL_KIOSK_SECRET_KEYS
    ? { kioskSecretKeys: parseKioskSecretKeysEnv(process.env.CENTRAL_KIOSK_SECRET_KEYS) }
    : {}),
  ...(process.env.CENTRAL_SMS_GATEWAY
    ? { smsGateway: parseSmsGatewayEnv(process.env.CENTRAL_SMS_GATEWAY) }
    : {}),
};

async function withContext<T>(
  fn: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<T>,
): Promise<T> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(await createContext({ db, config }));
  } finally {
    await db.close();
  }
}

async function serve(): Promise<void> {
  const central = await startCentral({ config, logger: false });
  const { code } = await createEnrolmentCode(central.ctx);
  out(
    `central service listening on ${central.url}  (${databaseUrl ? 'PostgreSQL' : `PGlite ${config.dataDir ?? 'in memory'}`}${central.ctx.config.demo ? ', demo mode' : ''})`,
  );
  out(`  OpenAPI: ${central.url}/openapi.json   docs: ${central.url}/docs`);
  out(`  enrolment code for one kiosk: ${code}`);
  out(
    `  hotlist key ${central.ctx.hotlistSigner.keyId}:\n${central.ctx.hotlistSigner.publicKeyPem.trim()}`,
  );
  if (central.ctx.config.demo) out(`  development SMS sink: ${central.url}/v1/dev/sms`);
  const stop = (): void => {
    void central.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const [command = 'serve', ...args] = positionals;
  switch (command) {
    case 'serve':
      return serve();
    case 'enrol-code':
      return withContext(async (ctx) => {
        const { code, expiresAt } = await createEnrolmentCode(ctx);
        out(`${code}  (single use, valid until ${expiresAt.toISOString()})`);
      });
    case 'command': {
      const [kioskId, type, message] = args;
      const types: KioskCommandType[] = [
        'out_of_service',
        'in_service',
        'refresh_hotlist',
        'refresh_config',
      ];
      if (!kioskId || !types.includes(type as KioskCommandType))
        throw new Error(`usage: command <kioskId> <${types.join('|')}> [message]`);
      return withContext(async (ctx) => {
        out(
          `queued command ${await queueCommand(ctx, kioskId, type as KioskCommandType, message)}`,
        );
      });
    }
    case 'kiosk-disable':
    case 'kiosk-enable': {
      const [kioskId] = args;
      if (!kioskId) throw new Error(`usage: ${command} <kioskId>`);
      return withContext(async (ctx) => {
        const found = await setKioskDisabled(ctx, kioskId, command === 'kiosk-disable');
        out(
          found
            ? `${kioskId}: ${command === 'kiosk-disable' ? 'disabled' : 'enabled'}`
            : `no kiosk ${kioskId}`,
        );
      });
    }
    case 'seed-bulk':
      return withContext(async (ctx) => {
        if (await isSeeded(ctx.db))
          throw new Error('the database already has citizens; seed-bulk needs an empty one');
        const persons = Number(values.persons);
        const t0 = Date.now();
        const seeded = await seedDemoData(
          ctx.db,
          {
            extraPersons: persons,
            years: Number(values.years),
            untilMonth: lastFullMonth(Date.now()),
            onProgress: (done, total) => {
              if (done % 100_000 === 0) out(`  ${done} / ${total}`);
            },
          },
          Date.now(),
        );
        out(`seeded ${seeded.persons} citizens in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      });
    case 'gen-types': {
      const target = fileURLToPath(new URL('./api-types.ts', import.meta.url));
      const options = (await prettier.resolveConfig(target)) ?? {};
      await writeFile(
        target,
        await prettier.format(generateApiTypes(), { ...options, filepath: target }),
      );
      out(`wrote ${target}`);
      return;
    }
    case 'openapi':
      out(JSON.stringify(openApiDocument, null, 2));
      return;
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
