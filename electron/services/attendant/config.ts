import { z } from 'zod';
import { attendantCardsSchema } from './card-list';
import { isPasscodeHash } from './passcode';

/** The `attendant` section of the kiosk configuration (electron/config.ts). */
export const attendantConfigSchema = z
  .object({
    /**
     * scrypt hash of the attendant passcode (`npm run attendant-passcode`). Absent: in demo mode
     * the documented demo passcode works; in production attendant mode cannot be entered.
     */
    passcodeHash: z
      .string()
      .refine(isPasscodeHash, 'not a passcode hash from npm run attendant-passcode')
      .optional(),
    /**
     * Attendant cards (card + the card's own PIN), as scrypt hashes under one salt
     * (`npm run attendant-card`). Absent or no entries: no card entry, passcode only.
     */
    cards: attendantCardsSchema.optional(),
    gesture: z
      .object({
        /** The corner of the attract screen to long-press. */
        corner: z
          .enum(['top-left', 'top-right', 'bottom-left', 'bottom-right'])
          .default('top-right'),
        holdSeconds: z.number().min(0.5).max(10).default(3),
      })
      .strict()
      .prefault({}),
    /** Wrong passcodes (or wrong attendant-card PINs) in a row before entry is locked. */
    maxFailures: z.number().int().min(1).max(20).default(5),
    lockoutSeconds: z.number().int().min(10).max(86_400).default(300),
    /** Attendant mode ends by itself after this long without a touch. */
    inactivitySeconds: z.number().int().min(10).max(3600).default(120),
    /** Where diagnostics bundles go (e.g. a mounted USB stick); default `<dataDir>/diagnostics`. */
    diagnosticsDir: z.string().min(1).optional(),
  })
  .strict();

export type AttendantConfig = z.infer<typeof attendantConfigSchema>;
