import type { ErrorCode } from '../../server/api-types';

/**
 * Every way a call to the central service can fail, as a value (ARCHITECTURE.md). `transient`
 * failures say nothing about the request itself (the network, the service's health): they are
 * retried for idempotent calls, counted by the circuit breaker and make the kiosk "offline".
 * `rejected` is the service's considered answer (4xx with a machine code): never retried.
 */
export type CentralError =
  | { readonly kind: 'not_enrolled'; readonly message: string }
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'timeout'; readonly phase: 'connect' | 'total'; readonly message: string }
  | { readonly kind: 'connection_reset'; readonly message: string }
  | { readonly kind: 'malformed_response'; readonly status: number; readonly message: string }
  | { readonly kind: 'schema_mismatch'; readonly status: number; readonly message: string }
  | { readonly kind: 'server_error'; readonly status: number; readonly message: string }
  | { readonly kind: 'circuit_open'; readonly message: string }
  | {
      readonly kind: 'rejected';
      readonly status: number;
      readonly code: ErrorCode;
      readonly message: string;
      readonly retryAfterSeconds?: number;
    };

export type CentralErrorKind = CentralError['kind'];

const TRANSIENT: ReadonlySet<CentralErrorKind> = new Set([
  'unreachable',
  'timeout',
  'connection_reset',
  'malformed_response',
  'schema_mismatch',
  'server_error',
  'circuit_open',
]);

/** Codes of a 4xx that describe the moment, not the request: worth another try later. */
const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set(['rate_limited', 'stale_request']);

export function isTransient(e: CentralError): boolean {
  if (e.kind === 'rejected') return RETRYABLE_CODES.has(e.code);
  return TRANSIENT.has(e.kind);
}

/**
 * Failures that mean "the service is not healthy from here" (breaker, offline status). A
 * 4xx answer, however unwelcome, proves the service is up and reachable.
 */
export function isOutage(e: CentralError): boolean {
  return e.kind !== 'rejected' && e.kind !== 'not_enrolled' && TRANSIENT.has(e.kind);
}

/** Auth problems of the whole request (not of one operation): keep operations, fix the kiosk. */
export const AUTH_CODES: ReadonlySet<ErrorCode> = new Set([
  'missing_signature',
  'bad_signature',
  'stale_request',
  'replayed_nonce',
  'unknown_kiosk',
  'kiosk_disabled',
]);

export function describeError(e: CentralError): string {
  switch (e.kind) {
    case 'rejected':
      return `${e.code} (${e.status}): ${e.message}`;
    case 'timeout':
      return `timeout (${e.phase}): ${e.message}`;
    case 'malformed_response':
    case 'schema_mismatch':
    case 'server_error':
      return `${e.kind} (${e.status}): ${e.message}`;
    default:
      return `${e.kind}: ${e.message}`;
  }
}
