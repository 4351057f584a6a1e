import type { Result } from '../../result';
import type { FailureCategory } from '../card/failure-category';

/**
 * The printer port (ARCHITECTURE.md device model, in the spirit of CEN/XFS): device state kept
 * apart from paper state, events only on change. A printer that cannot tell its paper state
 * says `unknown`, never `full`. Implemented by the CUPS/IPP adapter and the PDF-folder adapter.
 */
export type PrinterDeviceState = 'online' | 'offline' | 'no_device' | 'hardware_error' | 'busy';
export type PaperState = 'full' | 'low' | 'out' | 'jammed' | 'unknown';

export interface PrinterStatus {
  readonly device: PrinterDeviceState;
  readonly paper: PaperState;
  /** Normalised reasons (`media-empty`, `paused`, `queue-stopped`, `cups-unreachable` ...). */
  readonly reasons: readonly string[];
  /** What the printer or CUPS said, for the attendant (printer-state-message); may be empty. */
  readonly message: string;
}

/**
 * `handed_to_printer` is CUPS "completed": the job left the spooler, which does not prove
 * paper came out. `failed`: aborted, cancelled by us, or stuck past its deadline; the
 * receipt stays in the reprint store and is never reprinted behind the citizen's back.
 */
export type PrintJobState = 'queued' | 'printing' | 'handed_to_printer' | 'failed';

export interface PrintJob {
  readonly id: string;
  readonly title: string;
  readonly state: PrintJobState;
  /** Why it failed (normalised), null otherwise. */
  readonly reason: string | null;
  readonly message: string;
}

export type PrinterEvent =
  | { readonly type: 'status_changed'; readonly status: PrinterStatus }
  | { readonly type: 'job_changed'; readonly job: PrintJob };

export type PrintErrorCode =
  | 'printer_unavailable'
  | 'paper_out'
  | 'submit_failed'
  | 'job_failed'
  | 'job_timeout'
  | 'unknown_job'
  | 'missing_glyphs'
  | 'render_failed'
  | 'font_unavailable';

export interface PrintError {
  readonly code: PrintErrorCode;
  /** For the attendant: the normalised reason and what CUPS said. Never receipt content. */
  readonly detail: string;
}

const CATEGORY: Readonly<Record<PrintErrorCode, FailureCategory>> = {
  printer_unavailable: 'call_staff',
  paper_out: 'call_staff',
  submit_failed: 'try_again',
  job_failed: 'call_staff',
  job_timeout: 'call_staff',
  unknown_job: 'call_staff',
  missing_glyphs: 'call_staff',
  render_failed: 'call_staff',
  font_unavailable: 'out_of_service',
};

export const printFailureCategory = (code: PrintErrorCode): FailureCategory => CATEGORY[code];

export interface PrintSubmission {
  readonly pdf: Buffer;
  /** Job name in the queue; no personal data. */
  readonly title: string;
}

export interface PrinterPort {
  /** Starts status polling; events follow. Idempotent. */
  start(): void;
  stop(): Promise<void>;
  status(): PrinterStatus;
  /** Asks the printer now (and emits a change if there is one). */
  refresh(): Promise<PrinterStatus>;
  onEvent(listener: (event: PrinterEvent) => void): () => void;
  /** Submits and tracks the job; the id is known as soon as the queue took it. */
  print(doc: PrintSubmission): Promise<Result<string, PrintError>>;
  job(id: string): PrintJob | null;
  /** Resolves when the job reached a final state (or its deadline, which fails it). */
  waitForJob(id: string): Promise<Result<PrintJob, PrintError>>;
}
