import type { Result } from '../../result';

/**
 * The card reader port (ARCHITECTURE.md, device model in the spirit of CEN/XFS): device state
 * kept apart from media state, events only on change. Implemented by the pcsclite adapter
 * (real readers through pcscd) and by the simulated reader (demo mode).
 */
export type DeviceState = 'online' | 'offline' | 'no_device' | 'hardware_error';
export type MediaState = 'present' | 'absent' | 'unknown';

export interface ReaderStatus {
  readonly device: DeviceState;
  readonly media: MediaState;
}

export interface ReaderInfo {
  readonly name: string;
  readonly cardPresent: boolean;
  /** Upper-case hex; null when no card. */
  readonly atr: string | null;
}

export type ReaderEvent =
  | { readonly type: 'reader_added'; readonly reader: string }
  | { readonly type: 'reader_removed'; readonly reader: string }
  | { readonly type: 'card_inserted'; readonly reader: string; readonly atr: string }
  | { readonly type: 'card_removed'; readonly reader: string }
  | { readonly type: 'status_changed'; readonly status: ReaderStatus };

/** Why a transmit or connect failed; each maps to a screen (try again / call staff). */
export type CardIoErrorCode =
  | 'card_removed'
  | 'no_card'
  | 'reader_unavailable'
  | 'card_busy'
  | 'card_unresponsive'
  | 'transmit_failed';

export interface CardIoError {
  readonly code: CardIoErrorCode;
  /** Diagnostic text (a PC/SC error name); never card data. */
  readonly detail: string;
}

/** Raw APDU exchange with one card; 61xx/6Cxx are handled above this (transport.ts). */
export interface CardChannel {
  transmit(apdu: Buffer): Promise<Result<Buffer, CardIoError>>;
}

/** An exclusive connection to the card in one reader, held while a session uses the card. */
export interface CardConnection extends CardChannel {
  readonly reader: string;
  readonly atr: string;
  disconnect(): Promise<void>;
}

export interface CardReaderPort {
  /** Begins watching readers; events follow. Idempotent. */
  start(): void;
  stop(): Promise<void>;
  status(): ReaderStatus;
  readers(): readonly ReaderInfo[];
  /** Subscribes to events; returns the unsubscribe function. */
  onEvent(listener: (event: ReaderEvent) => void): () => void;
  connect(reader: string): Promise<Result<CardConnection, CardIoError>>;
}
