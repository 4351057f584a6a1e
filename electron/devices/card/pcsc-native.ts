import { createRequire } from 'node:module';
import type { CardIoErrorCode } from './reader-port';

/**
 * The slice of the `pcsclite` native module the adapter uses, typed structurally (its own
 * declarations do not export the interfaces). Loaded lazily so that demo mode and tests that
 * never touch PC/SC do not need the native build.
 */
export interface NativeStatus {
  readonly state: number;
  readonly atr?: Buffer;
}

export interface NativeReader {
  readonly name: string;
  readonly connected: boolean;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_LEAVE_CARD: number;
  on(type: 'status', listener: (status: NativeStatus) => void): unknown;
  on(type: 'end', listener: () => void): unknown;
  on(type: 'error', listener: (error: Error) => void): unknown;
  connect(options: { share_mode: number }, cb: (error: unknown, protocol: number) => void): void;
  disconnect(disposition: number, cb: (error: unknown) => void): void;
  transmit(
    data: Buffer,
    resLen: number,
    protocol: number,
    cb: (error: unknown, data: Buffer) => void,
  ): void;
  close(): void;
}

export interface NativeContext {
  on(type: 'reader', listener: (reader: NativeReader) => void): unknown;
  on(type: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

/** Creates a PC/SC context; throws when pcscd cannot be reached (SCardEstablishContext). */
export type NativeContextFactory = () => NativeContext;

export function loadPcsclite(): NativeContextFactory {
  const require = createRequire(import.meta.url);
  return require('pcsclite') as NativeContextFactory;
}

/** The PC/SC return code in a pcsclite error message ("... (0x80100069)"), if any. */
export function pcscCode(error: unknown): number | null {
  const message = error instanceof Error ? error.message : String(error);
  const m = /\(0x([0-9a-fA-F]{8})\)/.exec(message);
  return m?.[1] ? Number.parseInt(m[1], 16) : null;
}

const BY_CODE: ReadonlyMap<number, CardIoErrorCode> = new Map<number, CardIoErrorCode>([
  [0x80100069, 'card_removed'], // SCARD_W_REMOVED_CARD
  [0x80100068, 'card_unresponsive'], // SCARD_W_RESET_CARD: someone reset it under us
  [0x8010000c, 'no_card'], // SCARD_E_NO_SMARTCARD
  [0x80100066, 'card_unresponsive'], // SCARD_W_UNRESPONSIVE_CARD
  [0x80100067, 'card_unresponsive'], // SCARD_W_UNPOWERED_CARD
  [0x8010000b, 'card_busy'], // SCARD_E_SHARING_VIOLATION
  [0x8010001d, 'reader_unavailable'], // SCARD_E_NO_SERVICE
  [0x8010001e, 'reader_unavailable'], // SCARD_E_SERVICE_STOPPED
  [0x80100009, 'reader_unavailable'], // SCARD_E_UNKNOWN_READER
  [0x80100017, 'reader_unavailable'], // SCARD_E_READER_UNAVAILABLE
  [0x80100003, 'reader_unavailable'], // SCARD_E_INVALID_HANDLE
]);

export function ioCode(error: unknown): CardIoErrorCode {
  const code = pcscCode(error);
  return (code !== null ? BY_CODE.get(code) : undefined) ?? 'transmit_failed';
}

/** A diagnostic string for logs and error details: the PC/SC code, never data. */
export function ioDetail(error: unknown): string {
  const code = pcscCode(error);
  return code !== null
    ? `0x${code.toString(16)}`
    : error instanceof Error
      ? error.message
      : 'unknown';
}
