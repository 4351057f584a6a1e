import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import swagger, { type StaticDocumentSpec } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  centralConfigSchema,
  resolveKioskSecretKeys,
  resolveMasterKeys,
  type CentralConfig,
  type CentralConfigInput,
} from './config';
import type { CentralContext } from './context';
import type { Database, Queryable } from './db/database';
import { migrate } from './db/migrate';
import { errorBody, type ErrorCode } from './errors';
import { installAuthHook } from './http/auth-hook';
import { openApiDocument } from './openapi/document';
import { cardRoutes } from './routes/card-routes';
import { kioskRoutes } from './routes/kiosk-routes';
import { lossRoutes } from './routes/loss-routes';
import { serviceRoutes } from './routes/service-routes';
import { loadHotlistSigner } from './services/hotlist-signer';
import { KioskCache } from './services/kiosk-cache';
import { KioskSecretKeyring, resealKioskSecrets } from './services/kiosk-secrets';
import { SessionCache } from './services/session-cache';
import { loadOrCreateServerKey } from './services/server-keys';
import { pino } from 'pino';
import { devSmsSink, HttpSmsGateway, SmsDispatcher, type SmsSender } from './services/sms';

// Any fixed number, distinct from the migration lock.
const KIOSK_SECRET_LOCK = 5_170_002;

export interface BuildOptions {
  readonly db: Database;
  readonly config?: CentralConfigInput;
  readonly now?: () => number;
  readonly sms?: SmsSender;
  /** Fastify's logger; off by default (tests, embedded demo). */
  readonly logger?: boolean;
}

/** The configured gateway; the development sink in demo mode; nothing in production is an error. */
function smsSender(config: CentralConfig): SmsSender {
  if (config.smsGateway) return new HttpSmsGateway(config.smsGateway);
  if (config.demo) return devSmsSink;
  throw new Error(
    'smsGateway is required outside demo mode: set CENTRAL_SMS_GATEWAY={"url":"https://…","token":"…"}',
  );
}

/** Migrates the database and builds the context every service receives. */
export async function createContext(opts: BuildOptions): Promise<CentralContext> {
  const config = centralConfigSchema.parse(opts.config ?? {});
  const now = opts.now ?? Date.now;
  const masterKeys = resolveMasterKeys(config);
  const log = pino({ enabled: opts.logger === true, name: 'central' });
  const sms = new SmsDispatcher(opts.sms ?? smsSender(config), log);
  const kioskSecrets = new KioskSecretKeyring(resolveKioskSecretKeys(config));
  const reseal = (tx: Queryable) => resealKioskSecrets(tx, kioskSecrets);
  await migrate(opts.db, { '002_kiosk_secrets_sealed.sql': reseal });
  // Rotation: rows still under an older key are re-sealed under the current one at every start
  // (one instance at a time); a key missing for any row stops the start here.
  await opts.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [KIOSK_SECRET_LOCK]);
    await reseal(tx);
  });
  return {
    db: opts.db,
    config,
    masterKeys,
    kioskSecrets,
    sms,
    log,
    hotlistSigner: await loadHotlistSigner(opts.db, config.hotlistPrivateKeyPem),
    now,
    kiosks: new KioskCache(config.kioskCacheSeconds * 1000, now, kioskSecrets),
    sessions: new SessionCache(),
    pepper: await loadOrCreateServerKey(opts.db, 'pepper', () => randomBytes(32).toString('hex')),
  };
}

function errorCodeFor(e: FastifyError): ErrorCode {
  if (e.validation) return 'validation_failed';
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'payload_too_large';
  if (
    e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
    e.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
  )
    return 'unsupported_media_type';
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return 'validation_failed';
  return 'internal_error';
}

export async function buildCentral(
  opts: BuildOptions,
): Promise<{ app: FastifyInstance; ctx: CentralContext }> {
  const ctx = await createContext(opts);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: ctx.config.bodyLimitBytes,
    // Unknown properties are a 400, not silently dropped: the document's objects are closed.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  // JSON only: any other media type is a 415, never half-parsed.
  app.removeAllContentTypeParsers();
  // The signature covers the exact bytes sent, so keep them next to the parsed body.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    req.rawBody = body;
    try {
      done(null, body.length === 0 ? undefined : (JSON.parse(body.toString('utf8')) as unknown));
    } catch {
      const e = new Error('body is not valid JSON') as FastifyError;
      e.statusCode = 400;
      done(e, undefined);
    }
  });
  app.addHook('onRequest', (req, _res, done) => {
    req.rawBody = '';
    done();
  });
  app.setErrorHandler((e: FastifyError, req, res) => {
    const code = errorCodeFor(e);
    if (code === 'internal_error') req.log.error({ err: e }, 'unhandled error');
    const status =
      code === 'internal_error'
        ? 500
        : code === 'validation_failed'
          ? 400
          : code === 'payload_too_large'
            ? 413
            : 415;
    return res
      .code(status)
      .send(errorBody({ code, message: code === 'internal_error' ? 'internal error' : e.message }));
  });
  app.setNotFoundHandler((_req, res) => res.code(404).send(errorBody({ code: 'not_found' })));

  await app.register(swagger, {
    mode: 'static',
    // The plugin's type names OpenAPI 2 and 3.0 documents only; it serves a 3.1 one unchanged.
    specification: { document: openApiDocument as unknown as StaticDocumentSpec['document'] },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  installAuthHook(app, ctx);
  kioskRoutes(app, ctx);
  cardRoutes(app, ctx);
  lossRoutes(app, ctx);
  serviceRoutes(app, ctx);
  await app.ready();
  return { app, ctx };
}
