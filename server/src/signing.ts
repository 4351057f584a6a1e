import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Request signing shared by the kiosk's client and the central service (CENTRAL-API.md):
 * HMAC-SHA256(secret, method ‖ path+query ‖ timestamp ‖ nonce ‖ sha256(body)), the parts
 * joined with newlines so no two different requests produce the same string. No Node-only
 * dependency besides `node:crypto`, so the Electron main process can import it as is.
 */
export const SIGNATURE_HEADERS = {
  kioskId: 'x-kiosk-id',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const;

export interface SignatureInput {
  readonly method: string;
  /** Path and query string exactly as sent, e.g. `/v1/hotlist?since=12`. */
  readonly pathWithQuery: string;
  /** Milliseconds since the epoch, as a decimal string. */
  readonly timestamp: string;
  readonly nonce: string;
  /** The raw body bytes; empty for GET. */
  readonly body: Uint8Array | string;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonicalRequest(input: SignatureInput): string {
  return [
    input.method.toUpperCase(),
    input.pathWithQuery,
    input.timestamp,
    input.nonce,
    sha256Hex(input.body),
  ].join('\n');
}

/** The hex HMAC the `x-signature` header carries. */
export function signRequest(secret: string, input: SignatureInput): string {
  return createHmac('sha256', secret).update(canonicalRequest(input)).digest('hex');
}

export function verifySignature(secret: string, input: SignatureInput, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(signature)) return false;
  const expected = Buffer.from(signRequest(secret, input), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** All four headers for a request; the kiosk's HTTP client adds them to every call. */
export function signedHeaders(
  credentials: { readonly kioskId: string; readonly secret: string },
  request: Omit<SignatureInput, 'timestamp' | 'nonce'>,
  now: number,
  nonce: string,
): Record<string, string> {
  const timestamp = String(now);
  return {
    [SIGNATURE_HEADERS.kioskId]: credentials.kioskId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signRequest(credentials.secret, {
      ...request,
      timestamp,
      nonce,
    }),
  };
}
