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
    })
    .default({ codeSeconds: 300, maxAttempts: 5, perKioskPerHour: 60, perIdNumberPerHour: 5 }),
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
