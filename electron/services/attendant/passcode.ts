import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The attendant passcode is kept only as a scrypt hash in the configuration:
 * `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`. Produced by
 * `npm run attendant-passcode` (electron/cli/attendant-passcode.ts) at enrolment; the central
 * configuration can carry a new one. Verification is constant-time on the derived key.
 */
export const PASSCODE_LENGTH = 8;
export const PASSCODE_PATTERN = /^\d{8}$/;

/** Demo mode only, when no hash is configured (README "Attendant maintenance mode"). */
export const DEMO_PASSCODE = '24681357';

const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;
const DEFAULT_COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

interface ParsedHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

export function parsePasscodeHash(text: string): ParsedHash | null {
  const m = HASH_PATTERN.exec(text);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // N a power of two, bounded so a hostile configuration cannot make every try cost seconds.
  if (N < 1024 || N > 1 << 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16)
    return null;
  const salt = Buffer.from(m[4] ?? '', 'base64');
  const key = Buffer.from(m[5] ?? '', 'base64');
  if (salt.length < 16 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

export const isPasscodeHash = (text: string): boolean => parsePasscodeHash(text) !== null;

function derive(passcode: string, salt: Buffer, N: number, r: number, p: number, len: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(passcode, salt, len, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (e, key) => {
      if (e) reject(e);
      else resolve(key);
    });
  });
}

export async function hashPasscode(passcode: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = DEFAULT_COST;
  const key = await derive(passcode, salt, N, r, p, KEY_LENGTH);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPasscode(passcode: string, stored: string): Promise<boolean> {
  const parsed = parsePasscodeHash(stored);
  if (!parsed) return false;
  const key = await derive(passcode, parsed.salt, parsed.N, parsed.r, parsed.p, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}
