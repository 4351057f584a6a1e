/**
 * Kiosk configuration: one zod schema with demo-mode defaults, loaded from a JSON file
 * (`--config <file>` or SSC_KIOSK_CONFIG) and then environment overrides. A bad file is a clear
 * start-up error that names the field — never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { pinPolicySchema } from './domain/pin-policy';
import { centralConfigSchema } from './central/config';
import { attendantConfigSchema } from './services/attendant/config';
import { Language, SiteType } from './contract';
import { cardConfigSchema } from './devices/card/config';
import { printerConfigSchema } from './devices/printer/config';
import { GuideConfigSchema } from './domain/guide';
import { err, ok, type Result } from './result';

export const ConfigSchema = z
  .object({
    /** demo: simulated reader and demo cards, PDF-folder printer, embedded central service. */
    mode: z.enum(['demo', 'production']).default('demo'),
    site: z
      .object({
        type: SiteType.default('bureau_hall'),
        name: z.string().min(1).max(80).default('演示网点 Demo site'),
      })
      .strict()
      .prefault({}),
    ui: z
      .object({
        defaultLanguage: Language.default('zh-CN'),
        largeTextDefault: z.boolean().default(false),
        shuffledKeypad: z.boolean().default(false),
        /** Seconds without a touch before the "are you still there?" countdown. */
        idleTimeoutSeconds: z.number().int().min(15).max(600).default(60),
        /** Seconds the countdown runs before the session ends. */
        idleWarningSeconds: z.number().int().min(5).max(120).default(20),
      })
      .strict()
      .prefault({}),
    webHost: z
      .object({
        // Loopback only: the contract's WebSocket must never be reachable from the network.
        host: z.enum(['127.0.0.1', '::1']).default('127.0.0.1'),
        /** 0 = any free port. */
        port: z.number().int().min(0).max(65535).default(0),
      })
      .strict()
      .prefault({}),
    dataDir: z.string().min(1).default('.data/kiosk'),
    /** The card reader; see `cardReaderKind` for the default. */
    card: cardConfigSchema
      .extend({
        /** `pcsc`: real readers through pcscd; `simulated`: the demo panel's virtual cards.
         *  Absent: simulated in demo mode, pcsc in production. */
        reader: z.enum(['pcsc', 'simulated']).optional(),
        /** Only readers whose name contains this (case-insensitive) are used. */
        readerName: z.string().min(1).max(128).optional(),
      })
      .strict()
      .prefault({}),
    /** Service guide: hotline and the outlets listed to citizens (demo: bundled demo list). */
    guide: GuideConfigSchema.prefault({}),
    /** Receipts and statements: a PDF folder (demo) or a CUPS queue; see docs/printing.md. */
    printer: printerConfigSchema.prefault({}),
    log: z
      .object({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info'),
        /** A file to append to; standard output when absent. */
        file: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    /** Rules for a new PIN (activation, change PIN); see domain/pin-policy.ts. */
    pinPolicy: pinPolicySchema.prefault({}),
    /** The central service: embedded reference service in demo, a remote one in production. */
    central: centralConfigSchema.prefault({}),
    /** Loss pre-report without the card (services/loss-report.ts). */
    loss: z
      .object({
        /** Seconds before the citizen may ask for a new one-time code. */
        resendSeconds: z.number().int().min(10).max(600).default(60),
        /** Wrong codes before the kiosk stops asking (match the central service's limit). */
        maxCodeAttempts: z.number().int().min(1).max(20).default(5),
        /** Pre-report validity shown before the central service states its date. */
        validityDays: z.number().int().min(1).max(90).default(7),
        /** How long the confirm screen waits for delivery before saying "recorded". */
        deliveryWaitSeconds: z.number().int().min(1).max(30).default(8),
      })
      .strict()
      .prefault({}),
    /** Attendant maintenance mode: passcode hash, entry gesture, lockout, inactivity. */
    attendant: attendantConfigSchema.prefault({}),
  })
  .strict();

export type KioskConfig = z.infer<typeof ConfigSchema>;

/** The reader the kiosk uses: as configured, else simulated in demo mode and pcsc in production. */
export function cardReaderKind(config: KioskConfig): 'pcsc' | 'simulated' {
  return config.card.reader ?? (config.mode === 'demo' ? 'simulated' : 'pcsc');
}

export interface ConfigError {
  readonly code: 'config_file_unreadable' | 'config_file_not_json' | 'config_invalid';
  /** Dotted path of the offending field, when there is one. */
  readonly field: string | null;
  readonly message: string;
}

export interface ConfigSource {
  readonly file?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Environment variables that override the file, and the field each sets. */
const ENV_FIELDS: Readonly<Record<string, readonly string[]>> = {
  SSC_KIOSK_MODE: ['mode'],
  SSC_KIOSK_PORT: ['webHost', 'port'],
  SSC_KIOSK_DATA_DIR: ['dataDir'],
  SSC_KIOSK_LANGUAGE: ['ui', 'defaultLanguage'],
  SSC_KIOSK_LOG_LEVEL: ['log', 'level'],
  SSC_KIOSK_LOG_FILE: ['log', 'file'],
  SSC_KIOSK_CARD_READER: ['card', 'reader'],
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function setPath(target: Json, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!isObject(next)) node[key] = {};
    node = node[key] as Json;
  }
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  return issue.message;
}

export function loadConfig(source: ConfigSource = {}): Result<KioskConfig, ConfigError> {
  const env = source.env ?? {};
  const file = source.file ?? env.SSC_KIOSK_CONFIG;
  let raw: Json = {};
  if (file) {
    const path = resolve(file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const reason = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
      return err({
        code: 'config_file_unreadable',
        field: null,
        message: `Cannot read the configuration file ${path} (${reason}).`,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return err({
        code: 'config_file_not_json',
        field: null,
        message: `The configuration file ${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`,
      });
    }
    if (!isObject(parsed)) {
      return err({
        code: 'config_invalid',
        field: null,
        message: `The configuration file ${path} must hold a JSON object.`,
      });
    }
    raw = parsed;
  }
  for (const [name, path] of Object.entries(ENV_FIELDS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const numeric = path[path.length - 1] === 'port' ? Number(value) : value;
    setPath(raw, path, numeric);
  }
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue && issue.path.length ? issue.path.join('.') : null;
    const where = file ? ` in ${resolve(file)}` : '';
    return err({
      code: 'config_invalid',
      field,
      message: `Configuration error${where}: ${field ?? '(top level)'} — ${issue ? describe(issue) : 'invalid'}.`,
    });
  }
  return ok(result.data);
}
