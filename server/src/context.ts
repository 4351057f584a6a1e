import type { CentralConfig } from './config';
import type { Database } from './db/database';
import type { MasterKeys } from './domain/card-crypto';
import type { HotlistSigner } from './services/hotlist-signer';
import type { KioskCache } from './services/kiosk-cache';
import type { KioskSecretKeyring } from './services/kiosk-secrets';
import type { SessionCache } from './services/session-cache';
import type { Logger } from 'pino';
import type { SmsDispatcher } from './services/sms';

/** Everything a service needs; built once by `buildCentral` and passed down, never global. */
export interface CentralContext {
  readonly db: Database;
  readonly config: CentralConfig;
  readonly masterKeys: MasterKeys;
  readonly sms: SmsDispatcher;
  readonly log: Logger;
  readonly hotlistSigner: HotlistSigner;
  readonly kiosks: KioskCache;
  /** Seals kiosk secrets before they are stored, opens them when read. */
  readonly kioskSecrets: KioskSecretKeyring;
  readonly sessions: SessionCache;
  /** Milliseconds since the epoch; injectable so tests can move time (pre-report lapse, code expiry). */
  readonly now: () => number;
  /** Secret for derived values that must look real but reveal nothing (uniform challenge answers). */
  readonly pepper: string;
}
