import type { SqlValue } from 'sql.js';

/**
 * One committed transaction as the journal keeps it: its sequence number and the write
 * statements with their bound parameters, in order. Replaying them over the state the
 * transaction started from reproduces it exactly, because every value that could differ
 * (time, UUIDs, ciphertext) is chosen in JS and bound, never computed by SQL.
 */
export interface JournalRecord {
  readonly seq: number;
  readonly statements: readonly (readonly [sql: string, params: readonly SqlValue[]])[];
}

type EncodedValue = string | number | null | { readonly b: string };

function encodeValue(v: SqlValue): EncodedValue {
  return v instanceof Uint8Array ? { b: Buffer.from(v).toString('base64') } : v;
}

function decodeValue(v: unknown): SqlValue {
  if (v === null || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'object' && 'b' in v && typeof v.b === 'string') {
    return new Uint8Array(Buffer.from(v.b, 'base64'));
  }
  throw new TypeError('journal: unexpected parameter value');
}

export function encodeRecord(rec: JournalRecord): Buffer {
  const body = {
    s: rec.seq,
    q: rec.statements.map(([sql, params]) => [sql, params.map(encodeValue)]),
  };
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** `null` when the payload passed its checksum but is not a record this code wrote. */
export function decodeRecord(payload: Buffer): JournalRecord | null {
  try {
    const body = JSON.parse(payload.toString('utf8')) as unknown;
    if (typeof body !== 'object' || body === null || !('s' in body) || !('q' in body)) return null;
    const { s, q } = body;
    if (typeof s !== 'number' || !Array.isArray(q)) return null;
    const statements = q.map((entry: unknown) => {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) {
        throw new TypeError('journal: malformed statement');
      }
      const params = (entry[1] as unknown[]).map(decodeValue);
      return [entry[0], params] as const;
    });
    return { seq: s, statements };
  } catch {
    return null;
  }
}
