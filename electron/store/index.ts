export { storeConfigSchema, type StoreConfig } from './config';
export { openKioskStore, type KioskStore, type OpenStoreError } from './kiosk-store';
export { Store, type StoreStatus, type Tx, type Row } from './store';
export type { StoreError, StoreFaultReason } from './errors';
export {
  Outbox,
  type OutboxOperation,
  type OutboxLookup,
  type OutboxState,
  type OutboxError,
} from './outbox';
export { AuditLog, type AuditHead, type AuditViolation, type AuditError } from './audit-log';
export { Hotlist, type HotlistDelta, type HotlistError } from './hotlist';
export { HotlistFiles, type HotlistStoreError } from './hotlist-files';
export { FieldCipher } from './field-cipher';
export {
  KeyFileProvider,
  SealedKeyFileProvider,
  type KeyProvider,
  type KeySealer,
  type KeyError,
} from './key-provider';
export { nodeStoreIo, type StoreIo, type AppendHandle } from './durable-file';
export { PinRecheckList, type RecheckPurpose } from './pin-recheck';
