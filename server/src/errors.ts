import { err, type Err, type Result } from '../../electron/result';

/**
 * The stable machine codes of the one error shape `{ error: { code, message } }`. Kiosks
 * map a code to a screen, so a code is never renamed; new ones may be added.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  // Kiosk authentication (every signed request).
  missing_signature: 401,
  bad_signature: 401,
  stale_request: 401,
  replayed_nonce: 401,
  unknown_kiosk: 401,
  kiosk_disabled: 403,
  enrolment_code_invalid: 401,
  // Card sessions.
  card_not_found: 404,
  card_mismatch: 409,
  session_not_found: 404,
  session_expired: 401,
  session_token_invalid: 401,
  card_auth_failed: 401,
  card_auth_attempts_exceeded: 401,
  pin_not_verified: 400,
  // Card status machine.
  activation_not_allowed: 409,
  pre_report_not_allowed: 409,
  cancel_not_allowed: 409,
  replacement_in_progress: 409,
  transition_not_allowed: 409,
  // Identity challenges.
  challenge_not_found: 404,
  code_invalid: 401,
  code_expired: 410,
  challenge_locked: 429,
  rate_limited: 429,
  // Idempotency, statements, development sink.
  idempotency_key_reused: 422,
  statement_not_found: 404,
  dev_sink_disabled: 404,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export interface Failure {
  readonly code: ErrorCode;
  readonly message?: string;
  readonly retryAfterSeconds?: number;
}

/** What every service returns: a value, or a typed failure the route turns into the shape. */
export type Outcome<T> = Result<T, Failure>;

export const failure = (
  code: ErrorCode,
  message?: string,
  retryAfterSeconds?: number,
): Err<Failure> =>
  err({
    code,
    ...(message !== undefined ? { message } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });

export interface ApiErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly retryAfterSeconds?: number;
  };
}

export function errorBody(f: Failure): ApiErrorBody {
  return {
    error: {
      code: f.code,
      message: f.message ?? f.code.replaceAll('_', ' '),
      ...(f.retryAfterSeconds !== undefined ? { retryAfterSeconds: f.retryAfterSeconds } : {}),
    },
  };
}
