import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import type { CentralClient } from './client';
import type { CredentialError, CredentialFile, Enrolment } from './credentials';
import { describeError, type CentralError } from './errors';
import { EnrolResponseSchema } from './schemas';

export type EnrolError =
  | {
      /** The service does not tell wrong, expired and used codes apart (no oracle for guessing). */
      readonly kind: 'code_invalid';
      readonly message: string;
    }
  | { readonly kind: 'code_format'; readonly message: string }
  | { readonly kind: 'central'; readonly error: CentralError; readonly message: string }
  | CredentialError;

/** Codes are 12 characters of A–Z/2–9 (no 0/O/1/I); spaces and dashes typed by people are ignored. */
export function normaliseCode(code: string): string | null {
  const c = code.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-HJ-NP-Z2-9]{12}$/.test(c) ? c : null;
}

/**
 * Attendant-entered one-time code → kiosk id + secret, stored sealed before this resolves.
 * Never retried: a code is single-use, and a lost answer is recovered by issuing a new code.
 */
export async function enrolKiosk(deps: {
  readonly client: CentralClient;
  readonly credentials: CredentialFile;
  readonly log: Logger;
  readonly code: string;
  readonly name: string;
  readonly now?: () => number;
}): Promise<Result<Enrolment, EnrolError>> {
  const code = normaliseCode(deps.code);
  if (!code)
    return err({
      kind: 'code_format',
      message: 'An enrolment code has 12 letters and digits (no 0, O, 1 or I).',
    });
  const r = await deps.client.call('enrolKiosk', {
    body: { code, name: deps.name },
    schema: EnrolResponseSchema,
    idempotent: false,
  });
  if (!r.ok) {
    if (r.error.kind === 'rejected' && r.error.code === 'enrolment_code_invalid')
      return err({
        kind: 'code_invalid',
        message:
          'This enrolment code is wrong, has expired or was already used. Ask for a new one.',
      });
    return err({
      kind: 'central',
      error: r.error,
      message: `Enrolment failed: ${describeError(r.error)}`,
    });
  }
  const enrolment: Enrolment = {
    kioskId: r.value.kioskId,
    secret: r.value.secret,
    hotlistKeyId: r.value.hotlistPublicKey.keyId,
    hotlistPublicKeyPem: r.value.hotlistPublicKey.publicKeyPem,
    baseUrl: deps.client.baseUrl,
    enrolledAt: (deps.now ?? Date.now)(),
  };
  const saved = deps.credentials.save(enrolment);
  if (!saved.ok) return saved;
  deps.log.info({ kioskId: enrolment.kioskId }, 'central: kiosk enrolled');
  return ok(enrolment);
}
