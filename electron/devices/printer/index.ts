export { createPrinter, createPrinterPort, printerConfigSchema, printerUri } from './config';
export type { PrinterConfig, PrinterDeps } from './config';
export { PrinterService } from './printer-service';
export type { PrintFailure, PrintOutcome, PrintTicket } from './printer-service';
export { printFailureCategory } from './printer-port';
export type {
  PaperState,
  PrintError,
  PrintErrorCode,
  PrintJob,
  PrintJobState,
  PrinterDeviceState,
  PrinterEvent,
  PrinterPort,
  PrinterStatus,
} from './printer-port';
export * from './receipts';
export type { ReceiptDocument, ReceiptKind } from './receipt';
export * from './pin-receipts';
