import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ok } from '../../../electron/result';
import type { CentralContext } from '../context';
import type { Queryable } from '../db/database';
import { failure, type Outcome } from '../errors';
import { SIGNATURE_HEADERS, verifySignature } from '../signing';

const hashCode = (code: string): string =>
  createHash('sha256').update(`enrol:${code}`).digest('hex');

/** A one-time enrolment code for an attendant to type in (bureau IT runs `enrol-code`). */
export async function createEnrolmentCode(
  ctx: CentralContext,
): Promise<{ code: string; expiresAt: Date }> {
  // 12 characters from an alphabet without 0/O/1/I: typed on a touch keyboard by a person.
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  const code = [...bytes].map((b) => alphabet[b % alphabet.length] ?? 'A').join('');
  const expiresAt = new Date(ctx.now() + ctx.config.enrolmentCodeHours * 3_600_000);
  await ctx.db.query('INSERT INTO enrolment_codes (code_hash, expires_at) VALUES ($1, $2)', [
    hashCode(code),
    expiresAt,
  ]);
  return { code, expiresAt };
}

export async function enrolKiosk(
  ctx: CentralContext,
  code: string,
  name: string,
): Promise<Outcome<{ kioskId: string; secret: string }>> {
  return ctx.db.transaction(async (tx) => {
    const now = new Date(ctx.now());
    const rows = await tx.query<{ code_hash: string }>(
      `SELECT code_hash FROM enrolment_codes
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE`,
      [hashCode(code.trim().toUpperCase()), now],
    );
    if (rows.length === 0) return failure('enrolment_code_invalid');
    const kioskId = `kiosk-${randomUUID()}`;
    const secret = randomBytes(32).toString('base64url');
    await tx.query('INSERT INTO kiosks (id, name, secret_sealed) VALUES ($1, $2, $3)', [
      kioskId,
      name,
      ctx.kioskSecrets.seal(kioskId, secret),
    ]);
    await tx.query('UPDATE enrolment_codes SET used_at = $2, kiosk_id = $3 WHERE code_hash = $1', [
      rows[0]?.code_hash ?? '',
      now,
      kioskId,
    ]);
    return ok({ kioskId, secret });
  });
}

export interface IncomingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Uint8Array | string;
}

const header = (req: IncomingRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * Checks the HMAC signature and the timestamp window; the nonce is claimed separately
 * (`claimNonce`), only after the signature checks out, so nobody can burn a kiosk's nonces
 * without its secret.
 */
export async function verifyKioskSignature(
  ctx: CentralContext,
  req: IncomingRequest,
): Promise<Outcome<{ kioskId: string; nonce: string }>> {
  const kioskId = header(req, SIGNATURE_HEADERS.kioskId);
  const timestamp = header(req, SIGNATURE_HEADERS.timestamp);
  const nonce = header(req, SIGNATURE_HEADERS.nonce);
  const signature = header(req, SIGNATURE_HEADERS.signature);
  if (!kioskId || !timestamp || !nonce || !signature) return failure('missing_signature');
  if (
    !/^\d{1,16}$/.test(timestamp) ||
    !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) ||
    kioskId.length > 100
  ) {
    return failure('bad_signature', 'malformed signature headers');
  }
  const kiosk = await ctx.kiosks.get(ctx.db, kioskId);
  if (!kiosk) return failure('unknown_kiosk');
  if (
    !verifySignature(
      kiosk.secret,
      { method: req.method, pathWithQuery: req.url, timestamp, nonce, body: req.rawBody },
      signature,
    )
  ) {
    return failure('bad_signature');
  }
  if (Math.abs(ctx.now() - Number(timestamp)) > ctx.config.signatureWindowSeconds * 1000) {
    return failure('stale_request');
  }
  if (kiosk.disabled) return failure('kiosk_disabled');
  return ok({ kioskId, nonce });
}

/** Records a nonce as used; `replayed_nonce` if any instance has seen it. */
export async function claimNonce(
  ctx: CentralContext,
  kioskId: string,
  nonce: string,
): Promise<Outcome<void>> {
  const fresh = await ctx.db.query(
    `INSERT INTO request_nonces (kiosk_id, nonce, seen_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING nonce`,
    [kioskId, nonce, new Date(ctx.now())],
  );
  return fresh.length === 0 ? failure('replayed_nonce') : ok(undefined);
}

/** Nonces older than twice the window can never be accepted again anyway. */
export async function purgeOldNonces(ctx: CentralContext, q: Queryable = ctx.db): Promise<void> {
  await q.query('DELETE FROM request_nonces WHERE seen_at < $1', [
    new Date(ctx.now() - 2 * ctx.config.signatureWindowSeconds * 1000),
  ]);
}
