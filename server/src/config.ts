import { z } from 'zod';
import type { MasterKeys } from './domain/card-crypto';

/**
 * Demo master keys: well known, published here on purpose, used only in demo mode. They are
 * the virtual card's (electron/devices/card/demo-keys.ts): one master per key role, the same
 * for SM4 and 3DES cards, diversified as K = ECB_encrypt(master[role], cardIdentificationCode);
 * role 'internal' for INTERNAL AUTHENTICATE, 'read' for EXTERNAL AUTHENTICATE (EF06 on 3.00).
 */
const DEMO_INTERNAL = '0123456789ABCDEFFEDCBA9876543210';
const DEMO_READ = 'A0A1A2A3A4A5A6A7A8A9AAABACADAEAF';
export const DEMO_MASTER_KEYS: MasterKeys = {
  sm4: { internal: DEMO_INTERNAL, read: DEMO_READ },
  '3des': { internal: DEMO_INTERNAL, read: DEMO_READ },
};

const key16 = z.string().regex(/^[0-9A-Fa-f]{32}$/, '16-byte key as 32 hex digits');
const masterKeysSchema = z.object({
  sm4: z.object({ internal: key16, read: key16 }),
  '3des': z.object({ internal: key16, read: key16 }),
});

/**
 * Demo key for kiosk secrets at rest: published here on purpose, used only in demo mode when
 * no kioskSecretKeys are configured.
 */
export const DEMO_KIOSK_SECRET_KEYS = [
  { id: 'demo', key: 'D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDFE0E1E2E3E4E5E6E7E8E9EAEBECEDEEEF' },
] as const;

const kioskSecretKeysSchema = z
  .array(
    z.object({
      id: z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/, 'key id: 1-32 of A-Z a-z 0-9 _ . -'),
      key: z.string().regex(/^[0-9A-Fa-f]{64}$/, '32-byte key as 64 hex digits'),
    }),
  )
  .min(1)
  .refine((keys) => new Set(keys.map((k) => k.id)).size === keys.length, 'key ids must differ');

/**
 * CENTRAL_KIOSK_SECRET_KEYS: `id:hex64[,id:hex64…]`, the current key first, e.g.
 * `2026-11:<64 hex>,2026-05:<64 hex>` while rotating from 2026-05 to 2026-11.
 */
export function parseKioskSecretKeysEnv(text: string): { id: string; key: string }[] {
  const keys = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const at = part.lastIndexOf(':');
      return { id: part.slice(0, Math.max(0, at)), key: part.slice(at + 1) };
    });
  const parsed = kioskSecretKeysSchema.safeParse(keys);
  if (!parsed.success)
    throw new Error(
      `CENTRAL_KIOSK_SECRET_KEYS must be id:<64 hex digits>[,id:<64 hex digits>…], the current key first (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    );
  return parsed.data;
}

export const centralConfigSchema = z.object({
  /** Demo mode: demo master keys, demo data, development SMS sink readable. Never in production. */
  demo: z.boolean().default(false),
  databaseUrl: z.string().optional(),
  /** PGlite data directory; in memory when absent. */
  dataDir: z.string().optional(),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8787),
  /** Required unless demo mode. */
  masterKeys: masterKeysSchema.optional(),
  /**
   * AES-256-GCM keys sealing kiosk secrets at rest, the current one first; older ones only to
   * open rows not yet re-sealed (every start re-seals them). Required unless demo mode.
   */
  kioskSecretKeys: kioskSecretKeysSchema.optional(),
  /**
   * The bureau's SMS gateway (HttpSmsGateway): POST with a bearer token. Required unless demo
   * mode; demo mode without it uses the development sink.
   */
  smsGateway: z
    .object({
      url: z.url(),
      token: z.string().min(1),
      timeoutMs: z.number().int().min(100).max(60_000).default(5000),
    })
    .optional(),
  /** Ed25519 private key (PKCS#8 PEM) for the hotlist; generated and kept in the database when absent. */
  hotlistPrivateKeyPem: z.string().optional(),
  /** How long an instance may serve a kiosk's credentials from memory (a disable takes effect elsewhere within it). */
  kioskCacheSeconds: z.number().int().min(0).max(300).default(10),
  signatureWindowSeconds: z.number().int().min(5).max(3600).default(300),
  cardSessionSeconds: z.number().int().min(30).max(3600).default(600),
  preReportValidityDays: z.number().int().min(1).max(90).default(7),
  enrolmentCodeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  challenge: z
    .object({
      codeSeconds: z.number().int().min(30).max(3600).default(300),
      maxAttempts: z.number().int().min(1).max(20).default(5),
      perKioskPerHour: z.number().int().min(1).default(60),
      perIdNumberPerHour: z.number().int().min(1).default(5),
      /** How long after its verification a challenge still backs its loss report (kiosk outbox). */
      reportHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 7)
        .default(72),
    })
    .default({
      codeSeconds: 300,
      maxAttempts: 5,
      perKioskPerHour: 60,
      perIdNumberPerHour: 5,
      reportHours: 72,
    }),
  /** A hotlist delta longer than this many changes is answered with a snapshot. */
  hotlistMaxDelta: z.number().int().min(1).default(50_000),
  idleTimeoutSeconds: z.number().int().min(10).default(60),
  outlets: z
    .array(z.object({ name: z.string(), address: z.string(), phone: z.string() }))
    .default([]),
  /** Largest accepted request body. */
  bodyLimitBytes: z
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /** Demo data: seeded on first start in demo mode. */
  demoSeed: z
    .object({
      extraPersons: z.number().int().min(0).default(40),
      years: z.number().int().min(1).max(40).default(22),
    })
    .default({ extraPersons: 40, years: 22 }),
});

export type CentralConfigInput = z.input<typeof centralConfigSchema>;
export type CentralConfig = z.output<typeof centralConfigSchema>;

export function resolveMasterKeys(config: CentralConfig): MasterKeys {
  if (config.masterKeys) return config.masterKeys;
  if (config.demo) return DEMO_MASTER_KEYS;
  throw new Error('masterKeys are required outside demo mode');
}

export function resolveKioskSecretKeys(
  config: CentralConfig,
): readonly { id: string; key: string }[] {
  if (config.kioskSecretKeys) return config.kioskSecretKeys;
  if (config.demo) return DEMO_KIOSK_SECRET_KEYS;
  throw new Error(
    'kioskSecretKeys are required outside demo mode: set CENTRAL_KIOSK_SECRET_KEYS=<id>:<64 hex digits> (32 random bytes, e.g. `openssl rand -hex 32`)',
  );
}

/** CENTRAL_SMS_GATEWAY: JSON `{"url":"https://…","token":"…","timeoutMs":5000}`. */
export function parseSmsGatewayEnv(text: string): NonNullable<CentralConfigInput['smsGateway']> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = centralConfigSchema.shape.smsGateway.safeParse(json);
  if (!parsed.success || !parsed.data)
    throw new Error(
      'CENTRAL_SMS_GATEWAY must be JSON {"url":"https://…","token":"…","timeoutMs":5000}',
    );
  return parsed.data;
}
