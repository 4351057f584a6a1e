/**
 * The one contract between the renderer and the main side (Electron main process or the web
 * host). Every command is a request schema and a response schema; every event a payload
 * schema. The main side parses each incoming message with these schemas before anything runs
 * and answers a typed error for anything malformed or unknown. The renderer imports only this
 * file (and result.ts), never main-process code.
 */
import { z } from 'zod';
import { attendantCommands, KioskFunction } from './attendant-contract';
import * as answers from './central/schemas';
import { GuideConfigSchema } from './domain/guide';
import type { Result } from './result';

export const PROTOCOL_VERSION = 1;

// ── shared value types ────────────────────────────────────────────────────────────────────

export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

export const Preferences = z.object({
  language: Language,
  largeText: z.boolean(),
});
export type Preferences = z.infer<typeof Preferences>;

/** Device state, kept apart from media/supply state (CEN/XFS style, ARCHITECTURE.md). */
export const DeviceState = z.enum(['online', 'offline', 'no_device', 'hardware_error', 'busy']);
export type DeviceState = z.infer<typeof DeviceState>;

export const ReaderStatus = z.object({
  device: DeviceState,
  media: z.enum(['present', 'absent', 'unknown']),
  name: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type ReaderStatus = z.infer<typeof ReaderStatus>;

export const PrinterStatus = z.object({
  device: DeviceState,
  paper: z.enum(['full', 'low', 'out', 'jammed', 'unknown']),
  name: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

/**
 * Can this printer take a job now (the one rule for the citizen screens, the print services
 * and the drivers)? Busy printers queue the job; paper `unknown` / `low` may print: most
 * printers cannot tell.
 */
export function printerReadiness(
  s: Pick<PrinterStatus, 'device' | 'paper'>,
): 'ready' | 'paper_out' | 'printer_unavailable' {
  if (s.device !== 'online' && s.device !== 'busy') return 'printer_unavailable';
  if (s.paper === 'out' || s.paper === 'jammed') return 'paper_out';
  return 'ready';
}

export const CentralStatus = z.object({
  state: z.enum(['online', 'offline', 'not_configured', 'unknown']),
  lastError: z.string().nullable(),
});
export type CentralStatus = z.infer<typeof CentralStatus>;

/** Why the kiosk cannot serve citizens right now; the category decides the attract screen. */
export const OutOfServiceReason = z.enum([
  'card_reader',
  'central_service',
  'attendant',
  'starting',
]);
export type OutOfServiceReason = z.infer<typeof OutOfServiceReason>;

export const ServiceState = z.discriminatedUnion('inService', [
  z.object({ inService: z.literal(true) }),
  z.object({
    inService: z.literal(false),
    reason: OutOfServiceReason,
    message: z.string().max(200).nullable(),
  }),
]);
export type ServiceState = z.infer<typeof ServiceState>;

export const DeviceStatus = z.object({
  reader: ReaderStatus,
  printer: PrinterStatus,
  central: CentralStatus,
  service: ServiceState,
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const SiteType = z.enum(['bureau_hall', 'bank_lobby']);
export type SiteType = z.infer<typeof SiteType>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  protocolVersion: z.number().int(),
  mode: z.enum(['demo', 'production']),
  host: z.enum(['electron', 'web']),
  siteType: SiteType,
  siteName: z.string(),
  defaultLanguage: Language,
  /** Session settings the renderer applies (config `ui`). */
  ui: z.object({
    shuffledKeypad: z.boolean(),
    idleTimeoutSeconds: z.number().int().positive(),
    idleWarningSeconds: z.number().int().positive(),
  }),
  /** The guide's hotline and outlets (config `guide`); no outlets → the bundled demo list. */
  guide: GuideConfigSchema,
  /** Functions enabled at this site (attendant local settings); absent = all. */
  enabledFunctions: z.array(KioskFunction).optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const DemoCard = z.object({
  id: z.string(),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type DemoCard = z.infer<typeof DemoCard>;

const Empty = z.object({}).strict();

// ── the card ──────────────────────────────────────────────────────────────────────────────

/**
 * A value masked with domain/mask.ts: at most two characters kept at each end (UTF-16 units,
 * so one rare character outside the BMP). The schema itself refuses an unmasked value.
 */
const Masked = z
  .string()
  .max(64)
  .regex(/^[^*]{0,2}\*+[^*]{0,2}$/);

export const FailureCategory = z.enum(['try_again', 'call_staff', 'out_of_service']);
export type FailureCategory = z.infer<typeof FailureCategory>;

/** What the screens may show of a card before the citizen has entered the PIN. */
export const SafeCardSummary = z
  .object({
    maskedCardNumber: Masked,
    cardNumberValid: z.boolean(),
    /** Issuing region (GB/T 2260), from the card identification code. */
    region: z.string().regex(/^\d{6}$/),
    cardType: z.enum(['child', 'student', 'adult', 'senior']),
    specVersion: z.string().regex(/^\d\.\d\d$/),
    algorithm: z.enum(['DES', 'SSF33', 'SM4']),
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    expiryDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    expired: z.boolean(),
    /** Null when EF06 was not read (3.00 card without the central service's authentication). */
    maskedName: Masked.nullable(),
    personalLocked: z.boolean(),
  })
  .strict();
export type SafeCardSummary = z.infer<typeof SafeCardSummary>;

/** The outcome of reading the inserted card. */
export const CardRead = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ssc_card'), summary: SafeCardSummary }).strict(),
  z.object({ outcome: z.literal('not_ssc_card') }).strict(),
  z
    .object({
      outcome: z.literal('unreadable'),
      /** A failure code (card_removed, card_unresponsive, malformed_data…), never card data. */
      reason: z.string().max(40),
      category: FailureCategory,
    })
    .strict(),
]);
export type CardRead = z.infer<typeof CardRead>;

export const CardCurrent = z.discriminatedUnion('state', [
  z.object({ state: z.literal('no_card') }),
  z.object({ state: z.literal('reading'), reader: z.string() }),
  z.object({ state: z.literal('read'), reader: z.string(), read: CardRead }),
]);
export type CardCurrent = z.infer<typeof CardCurrent>;

export const PinState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('verified') }),
  z.object({ state: z.literal('required'), triesLeft: z.number().int().min(0).max(15) }),
  z.object({ state: z.literal('blocked') }),
]);
export type PinState = z.infer<typeof PinState>;

/** Six digits, checked here at the boundary; the value is never logged (log.ts redacts `pin`). */
export const Pin = z.string().regex(/^\d{6}$/);

/** Hex-encoded bytes as they travel in events (ATR, status words). */
const Hex = z.string().regex(/^([0-9A-F]{2})*$/);

// ── the citizen's session (services/session.ts) ───────────────────────────────────────────

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const CentralCardStatus = z.enum([
  'number_assigned',
  'in_production',
  'sealed',
  'active',
  'pre_reported_lost',
  'formally_lost',
  'cancelled_after_loss',
  'cancelled',
]);

/** What the screens may show of the session's card: masked, no ID number. */
export const SessionCard = z
  .object({
    cardNumberMasked: Masked,
    nameMasked: Masked.nullable(),
    cardType: z.string().max(16),
    specVersion: z.string().max(8),
    issueDate: Day,
    expiryDate: Day,
    expired: z.boolean(),
    bank: z.string().max(64).nullable(),
  })
  .strict();

export const SessionState = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle') }).strict(),
  z.object({ phase: z.literal('reading') }).strict(),
  z.object({ phase: z.literal('not_ssc_card') }).strict(),
  z.object({ phase: z.literal('unreadable'), category: FailureCategory }).strict(),
  z
    .object({
      phase: z.literal('card'),
      card: SessionCard,
      /** which screen the card leads to */
      disposition: z.enum(['normal', 'sealed', 'pre_reported_lost', 'refused', 'expired']),
      refusal: z
        .enum([
          'formally_lost',
          'cancelled_after_loss',
          'cancelled',
          'not_issued',
          'hotlisted',
          'invalid_card_number',
          'not_genuine',
        ])
        .nullable(),
      /** where the card status came from: the central service, the local hotlist, the card only */
      statusSource: z.enum(['central', 'hotlist', 'card']),
      cardStatus: CentralCardStatus.nullable(),
      preReportValidUntil: z.string().max(40).nullable(),
      replacement: z
        .object({
          stage: z.enum(['applied', 'in_production', 'ready_for_collection']),
          appliedAt: z.string().max(40),
        })
        .nullable(),
      pinVerified: z.boolean(),
      authenticated: z.boolean(),
    })
    .strict(),
]);
export type SessionState = z.infer<typeof SessionState>;

export const InquiryKind = z.enum([
  'person',
  'insurances',
  'contributions',
  'medicalAccount',
  'medicalTransactions',
  'pensionAccount',
  'benefits',
  'card',
]);
export type InquiryKind = z.infer<typeof InquiryKind>;

export const InquiryAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), data: answers.PersonSchema }),
  z.object({ kind: z.literal('insurances'), data: answers.InsurancesSchema }),
  z.object({ kind: z.literal('contributions'), data: answers.ContributionsSchema }),
  z.object({ kind: z.literal('medicalAccount'), data: answers.MedicalAccountSchema }),
  z.object({ kind: z.literal('medicalTransactions'), data: answers.MedicalTransactionsSchema }),
  z.object({ kind: z.literal('pensionAccount'), data: answers.PensionAccountSchema }),
  z.object({ kind: z.literal('benefits'), data: answers.BenefitsSchema }),
  z.object({ kind: z.literal('card'), data: answers.CardSummarySchema }),
]);
export type InquiryAnswer = z.infer<typeof InquiryAnswer>;

export const SessionEnded = z
  .object({
    reason: z.enum(['card_removed', 'timeout', 'finished']),
    /** the card is still in the slot: remind the citizen to take it */
    cardInSlot: z.boolean(),
  })
  .strict();
export type SessionEnded = z.infer<typeof SessionEnded>;

// ── printing from the inquiry (services/statement-print.ts) ───────────────────────────────

/** The inquiry pages that print as a receipt (the contributions page prints the statement). */
export const PrintPage = z.enum(['person', 'medical', 'pension', 'benefits', 'replacement']);
export type PrintPage = z.infer<typeof PrintPage>;

const StatementYear = z.number().int().min(1980).max(2100);
/** A contribution statement covers one to five consecutive years. */
export const PrintStatementRequest = z
  .object({ fromYear: StatementYear, toYear: StatementYear })
  .strict()
  .refine((r) => r.fromYear <= r.toYear && r.toYear - r.fromYear < 5, {
    message: 'one to five consecutive years',
    path: ['toYear'],
  });

/** Printed: the job left the kiosk for the printer; the code the agency can verify. */
export const PrintDone = z
  .object({
    verificationCode: z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
    job: z.literal('handed_to_printer'),
  })
  .strict();
export type PrintDone = z.infer<typeof PrintDone>;

// ── activation and change PIN (services/pin-change.ts) ───────────────────────────────────

/** Why a citizen's receipt did not print (services/receipt-print.ts). */
export const ReceiptFailure = z.enum([
  'no_printer',
  'paper_out',
  'printer_unavailable',
  'print_failed',
]);
export type ReceiptFailure = z.infer<typeof ReceiptFailure>;
/**
 * A receipt asked for, after a bounded wait: printed, still printing (handed to the printer,
 * not finished within the wait — it may still come out), or failed with the reason.
 */
export const ReceiptPrinted = z
  .object({
    receipt: z.enum(['printed', 'printing', 'failed']),
    reason: ReceiptFailure.nullable(),
  })
  .strict();
export type ReceiptPrinted = z.infer<typeof ReceiptPrinted>;

export const PinPurpose = z.enum(['activation', 'change']);
export type PinPurpose = z.infer<typeof PinPurpose>;
/** Why a new PIN was refused before anything touched the card (domain/pin-policy.ts). */
export const PinPolicyReason = z.enum([
  'format',
  'same_as_current',
  'forbidden',
  'all_same',
  'sequence',
  'birth_date',
]);
export type PinPolicyReason = z.infer<typeof PinPolicyReason>;
export const PinChangeOutcome = z
  .object({
    /** whether the PIN on the card changed; unknown when the card left during CHANGE PIN */
    pinChanged: z.enum(['yes', 'no', 'unknown']),
    /** the recorded operation's reference (quote it); null when nothing was recorded */
    reference: z.string().max(32).nullable(),
    cardRemoved: z.boolean(),
    bank: z.string().max(64).nullable(),
  })
  .strict();
export type PinChangeOutcome = z.infer<typeof PinChangeOutcome>;

// ── loss pre-report without the card, and cancelling one (services/loss-report.ts) ─────────

export const LossCard = z
  .object({
    /** opaque reference the central service gave this card for this identity check */
    cardRef: z.string().min(1).max(64),
    cardNumberMasked: Masked,
    status: CentralCardStatus,
    bank: z.string().max(64),
    eligible: z.boolean(),
  })
  .strict();
export type LossCard = z.infer<typeof LossCard>;

const Instant = z.string().max(40);
export const LossOutcome = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('confirmed'),
      reference: z.string().max(40),
      cardNumberMasked: Masked,
      recordedAt: Instant,
      validUntil: Instant,
      validityDays: z.number().int().positive(),
    })
    .strict(),
  z
    .object({
      outcome: z.literal('recorded'),
      reference: z.string().max(40),
      cardNumberMasked: Masked,
      recordedAt: Instant,
      validUntil: z.null(),
      validityDays: z.number().int().positive(),
    })
    .strict(),
  z
    .object({
      outcome: z.literal('refused'),
      reference: z.string().max(40),
      cardNumberMasked: Masked,
      recordedAt: Instant,
      reason: z.string().max(64),
    })
    .strict(),
]);
export type LossOutcome = z.infer<typeof LossOutcome>;

export const ChallengeSent = z
  .object({
    /** the registered mobile as domain/mask.ts shows it: 138****5678 */
    sentTo: z.string().regex(/^\d{3}\*{4}\d{4}$/),
    resendAfterSeconds: z.number().int().nonnegative(),
    expiresAt: Instant,
  })
  .strict();

export const CancelOutcome = z
  .object({ reference: z.string().max(40), cardNumberMasked: Masked, cancelledAt: Instant })
  .strict();
export type CancelOutcome = z.infer<typeof CancelOutcome>;

// ── commands: name → request and response schemas ─────────────────────────────────────────

export const commands = {
  'app.info': { request: Empty, response: AppInfo },
  'device.status': { request: Empty, response: DeviceStatus },
  'prefs.get': { request: Empty, response: Preferences },
  'prefs.set': {
    request: z
      .object({ language: Language.optional(), largeText: z.boolean().optional() })
      .strict(),
    response: Preferences,
  },
  'demo.cards': { request: Empty, response: z.array(DemoCard) },
  'demo.insertCard': {
    request: z.object({ cardId: z.string().min(1).max(64) }).strict(),
    response: Empty,
  },
  'demo.removeCard': { request: Empty, response: Empty },
  'card.current': { request: Empty, response: CardCurrent },
  'card.pinState': { request: Empty, response: PinState },
  'card.verifyPin': {
    request: z.object({ pin: Pin }).strict(),
    response: z.object({ verified: z.literal(true) }),
  },
  'session.state': { request: Empty, response: SessionState },
  /** PIN to the card, then the card's authentication to the central service. */
  'session.verifyPin': {
    request: z.object({ pin: Pin }).strict(),
    response: z.object({ authenticated: z.boolean() }).strict(),
  },
  /** One inquiry page of the authenticated session (central service answers, validated). */
  'session.inquiry': {
    request: z
      .object({
        kind: InquiryKind,
        fromYear: z.number().int().min(1980).max(2100).optional(),
        toYear: z.number().int().min(1980).max(2100).optional(),
      })
      .strict(),
    response: InquiryAnswer,
  },
  /** Whether the card in session left during an earlier CHANGE PIN (ask for the new PIN). */
  'pin.recheckNeeded': {
    request: Empty,
    response: z.object({ purpose: PinPurpose.nullable() }).strict(),
  },
  /** The current (initial) PIN to the card before activation / change PIN. */
  'pin.verifyCurrent': {
    request: z.object({ purpose: PinPurpose, pin: Pin }).strict(),
    response: Empty,
  },
  /** The PIN policy on a new PIN; nothing touches the card. */
  'pin.checkNew': {
    request: z.object({ oldPin: Pin, newPin: Pin }).strict(),
    response: z.object({ accepted: z.boolean(), reason: PinPolicyReason.nullable() }).strict(),
  },
  /** CHANGE PIN on the card, then the operation recorded in the outbox. */
  'pin.change': {
    request: z.object({ purpose: PinPurpose, oldPin: Pin, newPin: Pin }).strict(),
    response: PinChangeOutcome,
  },
  /**
   * After a lost CHANGE PIN answer: VERIFY settles whether it changed. `new` accepted →
   * changed; `old` accepted → not changed; a refused PIN settles nothing (wrong_pin, tries left).
   */
  'pin.recheck': {
    request: z.object({ which: z.enum(['new', 'old']), pin: Pin }).strict(),
    response: PinChangeOutcome.extend({ purpose: PinPurpose }),
  },
  /** Waits (bounded) for the central service's answer, prints the receipt. */
  'pin.confirm': {
    request: z.object({ reference: z.string().min(1).max(32) }).strict(),
    response: z
      .object({
        delivery: z.enum(['confirmed', 'pending', 'rejected']),
        /** printing: handed to the printer, not finished within the screen's wait */
        receipt: z.enum(['printed', 'printing', 'failed', 'none']),
        /** why it did not print (`failed` only) */
        receiptReason: ReceiptFailure.nullable(),
      })
      .strict(),
  },
  /** The citizen is done: the session ends, the "take your card" reminder follows. */
  'session.finish': { request: Empty, response: Empty },
  /** Contribution statement of the authenticated session, with a verification code. */
  'print.statement': { request: PrintStatementRequest, response: PrintDone },
  /** The inquiry page on screen, printed from the central service's answers. */
  'print.page': { request: z.object({ page: PrintPage }).strict(), response: PrintDone },
  /** The citizen is still there ("I need more time", touches): the idle backstop restarts. */
  'session.keepAlive': { request: Empty, response: Empty },

  /** Loss pre-report: ID number (checked again here) + name → a code to the registered mobile. */
  'loss.start': {
    request: z
      .object({
        idNumber: z.string().regex(/^\d{17}[\dXx]$/),
        name: z.string().min(1).max(40),
      })
      .strict(),
    response: ChallengeSent,
  },
  'loss.resend': { request: Empty, response: ChallengeSent },
  'loss.verify': {
    request: z.object({ code: z.string().regex(/^\d{6}$/) }).strict(),
    response: z
      .object({ cards: z.array(LossCard).max(20), validityDays: z.number().int().positive() })
      .strict(),
  },
  'loss.submit': {
    request: z.object({ cardRef: z.string().min(1).max(64) }).strict(),
    response: LossOutcome,
  },
  'loss.printReceipt': { request: Empty, response: ReceiptPrinted },
  /** The citizen left the flow: everything personal is dropped. */
  'loss.end': { request: Empty, response: Empty },
  /** Cancel the pre-report of the card in session (PIN + card authentication first). */
  'cancelLoss.submit': { request: Empty, response: CancelOutcome },
  'cancelLoss.printReceipt': { request: Empty, response: ReceiptPrinted },
  ...attendantCommands,
} as const;

export type CommandName = keyof typeof commands;
export type CommandRequest<C extends CommandName> = z.input<(typeof commands)[C]['request']>;
export type CommandResponse<C extends CommandName> = z.infer<(typeof commands)[C]['response']>;

export const commandNames = Object.keys(commands) as CommandName[];
export const isCommandName = (s: string): s is CommandName => Object.hasOwn(commands, s);

/**
 * Every error a command can answer. `bad_request` and `unknown_command` come from the boundary;
 * the others from the services. The renderer maps each code to a screen.
 */
export const CommandErrorCode = z.enum([
  'bad_request',
  'unknown_command',
  'not_available',
  'no_such_card',
  'card_already_inserted',
  'no_card',
  'wrong_pin',
  'pin_blocked',
  'card_failed',
  /** the card failed the central service's authentication */
  'not_genuine',
  /** inquiry before PIN + card authentication */
  'not_authenticated',
  /** the central service could not be reached (offline, timeout, outage) */
  'central_unavailable',
  /** the central service refused (its error code in `apiCode`) */
  'central_rejected',
  /** printing: the printer is not ready (offline, no device, error); nothing was issued */
  'printer_unavailable',
  /** printing: paper out or jammed; nothing was issued */
  'paper_out',
  /** loss pre-report: the one-time code is wrong (attemptsLeft) / expired / too many tries */
  'code_invalid',
  'code_expired',
  'locked_out',
  /** rate limit or an answer that must stay uniform: a neutral "try later" */
  'try_later',
  /** a new code only after the cool-down (waitSeconds) */
  'resend_too_soon',
  /** the operation could not be written on this kiosk: nothing will happen */
  'not_recorded',
  /** the action is not allowed for this card (reason: why) */
  'not_allowed',
  /** the printer could not take the receipt; for a statement: the job failed after the code
   * was issued (kept for reprint; `category`) */
  'print_failed',
  /** attendant mode: wrong passcode (triesLeft), locked out (retryAfterSeconds) */
  'wrong_passcode',
  'attendant_locked',
  /** attendant command without a valid, live attendant token */
  'attendant_required',
  /** attendant mode refused while a citizen's card or session is in progress */
  'citizen_session_active',
  /** attendant card entry: the card in the slot is not on the attendant list */
  'not_attendant_card',
  /** the function is switched off at this site (attendant local settings; `function`: which) */
  'function_disabled',
  'internal',
]);
export type CommandErrorCode = z.infer<typeof CommandErrorCode>;

export const CommandError = z.object({
  code: CommandErrorCode,
  message: z.string(),
  /** For bad_request: which fields were wrong (paths), never the values. */
  fields: z.array(z.string()).optional(),
  /** For wrong_pin: tries left before the card blocks the PIN. */
  triesLeft: z.number().int().min(0).max(15).optional(),
  /** For card_failed: what the citizen should do (try again / call staff / out of service). */
  category: FailureCategory.optional(),
  /** For central_rejected: the central service's error code (CENTRAL-API.md). */
  apiCode: z.string().max(64).optional(),
  /** For code_invalid: codes left before the check locks. */
  attemptsLeft: z.number().int().min(0).max(20).optional(),
  /** For resend_too_soon: seconds until a new code may be asked for. */
  waitSeconds: z.number().int().min(0).max(3600).optional(),
  /** For bad_request / not_allowed: a machine reason (id_check_character, replacement_in_progress …). */
  reason: z.string().max(64).optional(),
  /** For attendant_locked: seconds until entry is possible again. */
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** For function_disabled: the function switched off at this site. */
  function: KioskFunction.optional(),
});
export type CommandError = z.infer<typeof CommandError>;

export type CommandResult<C extends CommandName> = Result<CommandResponse<C>, CommandError>;

// ── events: main → renderer ───────────────────────────────────────────────────────────────

export const events = {
  'device.status': DeviceStatus,
  'prefs.changed': Preferences,
  'card.inserted': z.object({ reader: z.string(), atr: Hex }),
  'card.read': CardRead,
  'card.removed': z.object({ reader: z.string() }),
  'session.state': SessionState,
  'session.ended': SessionEnded,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export type KioskEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

// ── wire envelopes (WebSocket frames and Electron IPC messages) ───────────────────────────

/** What the renderer sends. `id` pairs the answer with the request. */
export const CommandMessage = z
  .object({
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    command: z.string().max(64),
    payload: z.unknown(),
  })
  .strict();
export type CommandMessage = z.infer<typeof CommandMessage>;

/** What the main side answers. `id` is null when the request was too malformed to have one. */
export interface ResponseMessage {
  readonly id: number | null;
  readonly result: Result<unknown, CommandError>;
}

export const ResponseMessageSchema = z.object({
  id: z.number().int().nullable(),
  result: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), error: CommandError }),
  ]),
});

export const EventMessageSchema = z.object({ event: z.string(), payload: z.unknown() });

/** The API the renderer sees, whether served by Electron's preload or by the WebSocket. */
export interface KioskApi {
  invoke<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResult<C>>;
  subscribe(listener: (event: KioskEvent) => void): () => void;
}

/** Parses an event payload from the main side (the renderer validates what it receives too). */
export function parseEvent(raw: unknown): KioskEvent | null {
  const env = EventMessageSchema.safeParse(raw);
  if (!env.success) return null;
  const name = env.data.event;
  if (!Object.hasOwn(events, name)) return null;
  const schema = events[name as EventName];
  const payload = schema.safeParse(env.data.payload);
  if (!payload.success) return null;
  return { event: name, payload: payload.data } as KioskEvent;
}
