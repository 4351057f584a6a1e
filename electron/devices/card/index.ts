/** The card area's public API, for the composition root and the central service's demo data. */
export * from './reader-port';
export { cardConfigSchema, createCardReader, type CardConfig } from './config';
export { SimulatedReader, SIMULATED_READER_NAME, MUTE_CARD_ATR } from './simulated-reader';
export { PcscReader } from './pcsc-reader';
export { FilteredReader } from './reader-filter';
export { VirtualCard } from './virtual-card';
export { VpcdBridge } from './vpcd-bridge';
export { SscCard, type CardFailure, type PinFailure, type PinState } from './ssc-card';
export {
  readCardSummary,
  type CardSummary,
  type PersonalData,
  type ExternalAuthenticator,
} from './card-summary';
export {
  DEMO_PERSONAS,
  findPersona,
  cardIdentificationCode,
  type DemoPersona,
  type SscCardData,
} from './personas';
export { DEMO_MASTER_KEYS, KEY_ID, demoCardKey } from './demo-keys';
export {
  diversifyKey,
  externalAuthCryptogram,
  internalAuthResponse,
  type CardAlgorithm,
} from './card-crypto';
export { failureCategory, type FailureCategory } from './failure-category';
