import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  createHash,
  type KeyObject,
} from 'node:crypto';
import type { Database } from '../db/database';
import { loadOrCreateServerKey } from './server-keys';

/** Ed25519 signer for the hotlist; kiosks verify with the public key from their configuration. */
export interface HotlistSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  sign(payload: string): string;
}

function signerFrom(privateKey: KeyObject): HotlistSigner {
  const publicKeyPem = createPublicKey(privateKey)
    .export({ type: 'spki', format: 'pem' })
    .toString();
  return {
    keyId: createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 16),
    publicKeyPem,
    sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64'),
  };
}

/** The configured key, else the one kept in the database, else a new one stored there. */
export async function loadHotlistSigner(
  db: Database,
  configuredPem?: string,
): Promise<HotlistSigner> {
  if (configuredPem) return signerFrom(createPrivateKey(configuredPem));
  const pem = await loadOrCreateServerKey(db, 'hotlist_ed25519', () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  return signerFrom(createPrivateKey(pem));
}
