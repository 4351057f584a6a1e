import pino, { type Logger } from 'pino';

/**
 * The kiosk's logger. Personal fields are redacted by key wherever they appear (two levels
 * deep), so a careless `log.info({ card })` cannot leak a PIN, ID, phone or card number. Code
 * should still log masked values on purpose (`domain/mask.ts`) rather than rely on this net.
 */
export const REDACTED_KEYS = [
  'pin',
  'oldPin',
  'newPin',
  'initialPin',
  'passcode',
  'code',
  'secret',
  'idNumber',
  'socialSecurityNumber',
  'phone',
  'mobile',
  'cardNumber',
  'name',
  'nameExtension',
  'birthDate',
  'token',
] as const;

const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export type { Logger };

export interface LogOptions {
  readonly level?: string;
  /** A file to append to; standard output when absent. */
  readonly file?: string;
}

export function createLogger(opts: LogOptions = {}): Logger {
  // Synchronous writes: a kiosk logs little, and the line before a crash is the one we need.
  const destination = opts.file
    ? pino.destination({ dest: opts.file, mkdir: true, sync: true })
    : pino.destination(1);
  return pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'ssc-kiosk' },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A logger that writes nowhere, for tests that do not inspect logs. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
