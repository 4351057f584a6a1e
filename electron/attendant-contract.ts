/**
 * The attendant commands of the contract (spread into `commands` in contract.ts). Kept apart
 * so the citizen contract stays readable; imports nothing from contract.ts (no import cycle).
 * Every command but `attendant.state` and `attendant.enter` carries the token `attendant.enter`
 * handed out; the main side checks it (and its inactivity deadline) before anything runs.
 */
import { z } from 'zod';

/** The citizen functions, named as the central configuration names them (`enabledFunctions`). */
export const KioskFunction = z.enum([
  'inquiry',
  'print',
  'activation',
  'change_pin',
  'loss_report',
  'cancel_loss_report',
  'guide',
]);
export type KioskFunction = z.infer<typeof KioskFunction>;
export const ALL_FUNCTIONS: readonly KioskFunction[] = KioskFunction.options;

/** Settings an attendant may change on the kiosk; persisted across restarts. */
export const LocalSettings = z
  .object({
    idleTimeoutSeconds: z.number().int().min(15).max(600),
    defaultLanguage: z.enum(['zh-CN', 'en']),
    shuffledKeypad: z.boolean(),
    /** Enabled functions per site type (bureau hall / bank lobby). */
    functions: z
      .object({
        bureau_hall: z.array(KioskFunction).max(KioskFunction.options.length),
        bank_lobby: z.array(KioskFunction).max(KioskFunction.options.length),
      })
      .strict(),
  })
  .strict();
export type LocalSettings = z.infer<typeof LocalSettings>;

const Token = z.string().regex(/^[0-9a-f]{64}$/);
const WithToken = z.object({ token: Token }).strict();

/** red = not working, amber = working with a problem or not known, green = working. */
export const Health = z.enum(['green', 'amber', 'red']);
export type Health = z.infer<typeof Health>;

const Item = <T extends z.ZodRawShape>(shape: T) => z.object({ health: Health, ...shape });

export const AttendantDashboard = z.object({
  at: z.string(),
  reader: Item({
    device: z.string(),
    name: z.string().nullable(),
    cardPresent: z.enum(['present', 'absent', 'unknown']),
    lastError: z.string().nullable(),
  }),
  printer: Item({
    device: z.string(),
    name: z.string().nullable(),
    paper: z.string(),
    queue: z.number().int().min(0),
    reasons: z.string().nullable(),
    lastJob: z
      .object({
        title: z.string(),
        state: z.string(),
        reason: z.string().nullable(),
        at: z.string(),
      })
      .nullable(),
  }),
  central: Item({
    state: z.string(),
    latencyMs: z.number().nullable(),
    lastSyncAt: z.string().nullable(),
    kioskId: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  outbox: Item({
    depth: z.number().int().min(0),
    oldestAgeSeconds: z.number().int().min(0),
    rejected: z.array(z.object({ kind: z.string(), reason: z.string(), at: z.string() })),
  }),
  hotlist: Item({
    version: z.number().int().min(0),
    ageSeconds: z.number().int().min(0).nullable(),
    size: z.number().int().min(0),
  }),
  disk: Item({ freeBytes: z.number().nullable(), totalBytes: z.number().nullable() }),
  memory: Item({ rssBytes: z.number(), systemFreeBytes: z.number(), systemTotalBytes: z.number() }),
  service: Item({
    inService: z.boolean(),
    reason: z.string().nullable(),
    message: z.string().nullable(),
  }),
  uptimeSeconds: z.number().int().min(0),
  appVersion: z.string(),
  configVersion: z.number().int().min(0),
  counters: z.record(z.string(), z.number().int().min(0)),
});
export type AttendantDashboard = z.infer<typeof AttendantDashboard>;

export const ActionOutcome = z.object({
  ok: z.boolean(),
  /** What happened, for the attendant: a job state, a version, a reason. No personal data. */
  detail: z.string().max(500),
});
export type ActionOutcome = z.infer<typeof ActionOutcome>;

export const ReaderTest = z.object({
  reader: z.string().nullable(),
  atr: z.string().nullable(),
  outcome: z.enum(['no_card', 'reading', 'ssc_card', 'not_ssc_card', 'unreadable']),
  /** Card facts that identify nobody: no number, no name. */
  summary: z
    .object({
      specVersion: z.string(),
      cardType: z.string(),
      algorithm: z.string(),
      region: z.string(),
      expired: z.boolean(),
      cardNumberValid: z.boolean(),
    })
    .nullable(),
  reason: z.string().nullable(),
});
export type ReaderTest = z.infer<typeof ReaderTest>;

export const AuditView = z.object({
  verification: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), seq: z.number().int().min(0) }),
    z.object({
      ok: z.literal(false),
      kind: z.string(),
      seq: z.number().int(),
      message: z.string(),
    }),
  ]),
  entries: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      details: z.string(),
    }),
  ),
});
export type AuditView = z.infer<typeof AuditView>;

export const AttendantActionName = z.enum([
  'test_print',
  'sync_now',
  'refresh_hotlist',
  'restart_app',
  'leave_kiosk',
]);
export type AttendantActionName = z.infer<typeof AttendantActionName>;

export const attendantCommands = {
  /** Whether entry is possible now and how the gesture is made; no token needed. */
  'attendant.state': {
    request: z.object({}).strict(),
    response: z.object({
      available: z.boolean(),
      lockedSeconds: z.number().int().min(0),
      passcodeLength: z.number().int(),
      /** Attendant cards are configured: the entry screen also offers the card. */
      cardEntry: z.boolean(),
      gesture: z.object({ corner: z.string(), holdSeconds: z.number() }),
    }),
  },
  'attendant.enter': {
    request: z.object({ passcode: z.string().regex(/^\d{8}$/) }).strict(),
    response: z.object({
      token: Token,
      inactivitySeconds: z.number().int(),
      host: z.enum(['electron', 'web']),
    }),
  },
  /**
   * The entry screen waits for an attendant card (active: renewed while it is shown, at least
   * every minute) or stops waiting. A card inserted meanwhile starts no citizen session; the
   * answer says what the card in the slot is, never its number.
   */
  'attendant.cardWait': {
    request: z.object({ active: z.boolean() }).strict(),
    response: z.object({
      available: z.boolean(),
      card: z.enum([
        'off',
        'no_card',
        'reading',
        'listed',
        'not_listed',
        'not_ssc_card',
        'unreadable',
      ]),
    }),
  },
  /** Entry with the listed attendant card in the slot and its PIN (verified by the card). */
  'attendant.enterWithCard': {
    request: z.object({ pin: z.string().regex(/^\d{6}$/) }).strict(),
    response: z.object({
      token: Token,
      inactivitySeconds: z.number().int(),
      host: z.enum(['electron', 'web']),
    }),
  },
  'attendant.leave': { request: WithToken, response: z.object({}) },
  'attendant.dashboard': { request: WithToken, response: AttendantDashboard },
  'attendant.action': {
    request: z.object({ token: Token, action: AttendantActionName }).strict(),
    response: ActionOutcome,
  },
  'attendant.readerTest': { request: WithToken, response: ReaderTest },
  'attendant.outOfService': {
    request: z
      .object({ token: Token, active: z.boolean(), message: z.string().max(200).optional() })
      .strict(),
    response: ActionOutcome,
  },
  'attendant.reprints': {
    request: WithToken,
    response: z.array(
      z.object({ id: z.string(), kind: z.string(), title: z.string(), createdAt: z.string() }),
    ),
  },
  'attendant.reprint': {
    request: z.object({ token: Token, id: z.string().regex(/^[0-9a-f-]{36}$/) }).strict(),
    response: ActionOutcome,
  },
  'attendant.diagnostics': {
    request: z.object({ token: Token, toFolder: z.boolean(), print: z.boolean() }).strict(),
    response: z.object({
      folder: z.string().nullable(),
      files: z.array(z.string()),
      printed: ActionOutcome.nullable(),
    }),
  },
  'attendant.settings': { request: WithToken, response: LocalSettings },
  'attendant.setSettings': {
    request: z.object({ token: Token, settings: LocalSettings }).strict(),
    response: LocalSettings,
  },
  'attendant.audit': {
    request: z
      .object({ token: Token, limit: z.number().int().min(1).max(200).optional() })
      .strict(),
    response: AuditView,
  },
} as const;
