import { z } from 'zod';

/** The `central` section of the kiosk configuration (electron/config.ts). */
export const centralConfigSchema = z
  .object({
    /**
     * embedded: the reference central service runs inside the kiosk process on loopback with
     * demo data, and the kiosk enrols itself (demo only). remote: `baseUrl`. off: no central.
     */
    mode: z.enum(['embedded', 'remote', 'off']).default('embedded'),
    /** Required for `remote`; HTTPS except on loopback. */
    baseUrl: z
      .url()
      .refine(
        (u) =>
          u.startsWith('https://') ||
          /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u),
        'plain HTTP only on loopback',
      )
      .optional(),
    /** `embedded` only: the loopback port of the reference service (0: any free port). */
    embeddedPort: z.number().int().min(0).max(65_535).default(0),
    /** Pins the hotlist's Ed25519 public key (PEM); otherwise the key received at enrolment. */
    hotlistPublicKeyPem: z.string().min(1).optional(),
    heartbeatSeconds: z.number().int().min(5).max(3600).default(60),
    hotlistSeconds: z.number().int().min(30).max(86_400).default(900),
    connectTimeoutMs: z.number().int().min(100).max(60_000).default(3_000),
    totalTimeoutMs: z.number().int().min(500).max(120_000).default(8_000),
    outboxBatchSize: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export type CentralSettings = z.infer<typeof centralConfigSchema>;
