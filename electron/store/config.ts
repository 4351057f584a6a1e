import { z } from 'zod';

/** The `store` section of the kiosk configuration (wired into electron/config.ts by the app). */
export const storeConfigSchema = z.object({
  /** Database snapshots, journals, the hotlist and the audit anchor live here (mode 0700). */
  dataDir: z.string().min(1).default('.data/store'),
  /** The 0600 key file used when the host offers no OS key storage; default `<dataDir>/store.key`. */
  keyFile: z.string().min(1).optional(),
  snapshot: z
    .object({
      /** Journal size that triggers a background snapshot. */
      journalBytes: z
        .number()
        .int()
        .min(64 * 1024)
        .default(8 * 1024 * 1024),
    })
    .prefault({}),
  history: z
    .object({
      /** Settled outbox operations kept (without personal fields) for reprints and diagnostics. */
      maxEntries: z.number().int().min(0).default(10_000),
      maxAgeDays: z.number().int().min(1).default(90),
    })
    .prefault({}),
  hotlist: z
    .object({
      /** Delta-log size after which the hotlist base file is rewritten. */
      compactBytes: z
        .number()
        .int()
        .min(64 * 1024)
        .default(4 * 1024 * 1024),
    })
    .prefault({}),
});

export type StoreConfig = z.infer<typeof storeConfigSchema>;
