import type { Logger } from '../../log';
import { err, ok, type Result } from '../../result';
import { printerReadiness } from '../../contract';
import { integer, ippCall, keywords, text, type IppFailure } from './ipp-client';
import type {
  PrintError,
  PrintJob,
  PrintSubmission,
  PrinterEvent,
  PrinterPort,
  PrinterStatus,
} from './printer-port';
import { normaliseState } from './state-reasons';

/**
 * CUPS over IPP. Status comes from Get-Printer-Attributes (polled, events on change); a job is
 * submitted with Print-Job and followed with Get-Job-Attributes until a final state or its
 * deadline. A job that cannot finish (queue stopped, backend failing, aborted) is cancelled in
 * CUPS so it cannot come out later behind the citizen's back; the service keeps the receipt
 * for a reprint the citizen or attendant asks for.
 */
export interface CupsPrinterOptions {
  /** `ipp://127.0.0.1:631/printers/kiosk`. */
  readonly printerUri: string;
  readonly logger: Logger;
  /** Per IPP call. CUPS answers locally in milliseconds; seconds mean it is stuck. */
  readonly callTimeoutMs: number;
  readonly statusIntervalMs: number;
  readonly jobPollMs: number;
  /** From submission to a final state; a receipt printer needs seconds. */
  readonly jobDeadlineMs: number;
  /** True only for a printer whose driver reports media-empty; then silence means paper. */
  readonly paperSensor: boolean;
}

const FINAL = new Set(['completed', 'aborted', 'canceled']);

interface Tracked {
  job: PrintJob;
  readonly done: Promise<Result<PrintJob, PrintError>>;
}

export class CupsPrinter implements PrinterPort {
  private current: PrinterStatus = {
    device: 'offline',
    paper: 'unknown',
    reasons: ['not-checked'],
    message: '',
  };
  private readonly listeners = new Set<(e: PrinterEvent) => void>();
  private readonly jobs = new Map<string, Tracked>();
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<PrinterStatus> | null = null;
  private stopped = false;

  constructor(private readonly opts: CupsPrinterOptions) {}

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.opts.statusIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([...this.jobs.values()].map((t) => t.done));
  }

  status(): PrinterStatus {
    return this.current;
  }

  onEvent(listener: (event: PrinterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: PrinterEvent): void {
    for (const l of this.listeners) l(event);
  }

  refresh(): Promise<PrinterStatus> {
    // One question at a time: a slow CUPS must not pile up polls.
    this.refreshing ??= this.query().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private target() {
    return { printerUri: this.opts.printerUri, timeoutMs: this.opts.callTimeoutMs };
  }

  private async query(): Promise<PrinterStatus> {
    const reply = await ippCall(this.target(), 'Get-Printer-Attributes', {
      'requested-attributes': [
        'printer-state',
        'printer-state-reasons',
        'printer-state-message',
        'printer-is-accepting-jobs',
      ],
    });
    let next: PrinterStatus;
    if (!reply.ok) next = unreachableStatus(reply.error);
    else {
      const p = reply.value.printer;
      const message = text(p['printer-state-message']);
      const accepting = p['printer-is-accepting-jobs'];
      const state = normaliseState(
        {
          state: text(p['printer-state']) || null,
          reasons: keywords(p['printer-state-reasons']),
          acceptingJobs: typeof accepting === 'boolean' ? accepting : null,
          message,
        },
        this.opts.paperSensor,
      );
      next = { ...state, message };
    }
    this.setStatus(next);
    return next;
  }

  private setStatus(next: PrinterStatus): void {
    const prev = this.current;
    this.current = next;
    if (
      prev.device !== next.device ||
      prev.paper !== next.paper ||
      prev.message !== next.message ||
      prev.reasons.join() !== next.reasons.join()
    ) {
      this.opts.logger.info({ printer: next }, 'printer status changed');
      this.emit({ type: 'status_changed', status: next });
    }
  }

  async print(doc: PrintSubmission): Promise<Result<string, PrintError>> {
    const status = await this.refresh();
    const readiness = printerReadiness(status);
    if (readiness !== 'ready') return err({ code: readiness, detail: describe(status) });
    const reply = await ippCall(
      this.target(),
      'Print-Job',
      {
        'requesting-user-name': 'ssc-kiosk',
        'job-name': doc.title,
        'document-format': 'application/pdf',
      },
      doc.pdf,
    );
    if (!reply.ok) return err({ code: 'submit_failed', detail: reply.error.detail });
    const jobId = integer(reply.value.job['job-id']);
    if (jobId === null) return err({ code: 'submit_failed', detail: 'CUPS returned no job-id' });
    const id = String(jobId);
    const job: PrintJob = { id, title: doc.title, state: 'queued', reason: null, message: '' };
    const tracked: Tracked = { job, done: this.track(id) };
    this.jobs.set(id, tracked);
    this.emit({ type: 'job_changed', job });
    return ok(id);
  }

  job(id: string): PrintJob | null {
    return this.jobs.get(id)?.job ?? null;
  }

  waitForJob(id: string): Promise<Result<PrintJob, PrintError>> {
    const t = this.jobs.get(id);
    return t ? t.done : Promise.resolve(err({ code: 'unknown_job', detail: id }));
  }

  private update(id: string, patch: Partial<PrintJob>): PrintJob {
    const t = this.jobs.get(id);
    const prev: PrintJob = t?.job ?? { id, title: '', state: 'queued', reason: null, message: '' };
    const next: PrintJob = { ...prev, ...patch };
    if (t) t.job = next;
    if (prev.state !== next.state || prev.reason !== next.reason) {
      this.emit({ type: 'job_changed', job: next });
    }
    return next;
  }

  private async track(id: string): Promise<Result<PrintJob, PrintError>> {
    // Let print() register the job before the first update.
    await Promise.resolve();
    const deadline = Date.now() + this.opts.jobDeadlineMs;
    for (;;) {
      const reply = await ippCall(this.target(), 'Get-Job-Attributes', {
        'job-id': Number(id),
        'requested-attributes': [
          'job-state',
          'job-state-reasons',
          'job-state-message',
          'job-printer-state-message',
        ],
      });
      if (reply.ok) {
        const j = reply.value.job;
        const state = text(j['job-state']);
        const reasons = keywords(j['job-state-reasons']).filter((r) => r !== 'none');
        // CUPS puts what the backend said (e.g. why it failed) in job-printer-state-message.
        const message = [text(j['job-state-message']), text(j['job-printer-state-message'])]
          .filter((m) => m !== '')
          .join(' / ');
        if (state === 'completed') {
          const job = this.update(id, { state: 'handed_to_printer', reason: null, message });
          return ok(job);
        }
        if (FINAL.has(state)) {
          return this.fail(id, 'job_failed', `job-${state}`, reasons, message, false);
        }
        // A stopped queue holds the job indefinitely: fail now rather than at the deadline.
        // A held job is one the backend could not send (CUPS retries it later): fail it too,
        // the citizen is standing there now.
        const printer = await this.refresh();
        const stuck =
          reasons.includes('printer-stopped') || printer.reasons.includes('queue-stopped')
            ? 'queue-stopped'
            : state === 'pending-held'
              ? 'job-held'
              : state === 'processing-stopped'
                ? 'job-stopped'
                : null;
        if (stuck !== null) return this.fail(id, 'job_failed', stuck, reasons, message, true);
        this.update(id, { state: state === 'processing' ? 'printing' : 'queued', message });
      }
      if (Date.now() >= deadline || this.stopped) {
        const why = reply.ok ? 'deadline' : `ipp-${reply.error.code}`;
        return this.fail(id, 'job_timeout', why, [], reply.ok ? '' : reply.error.detail, true);
      }
      await new Promise((r) => setTimeout(r, this.opts.jobPollMs));
    }
  }

  private async fail(
    id: string,
    code: 'job_failed' | 'job_timeout',
    reason: string,
    jobReasons: readonly string[],
    jobMessage: string,
    cancel: boolean,
  ): Promise<Result<PrintJob, PrintError>> {
    const printer = this.current;
    if (cancel) {
      const c = await ippCall(this.target(), 'Cancel-Job', {
        'job-id': Number(id),
        'requesting-user-name': 'ssc-kiosk',
      });
      if (!c.ok) this.opts.logger.warn({ jobId: id, error: c.error }, 'could not cancel job');
    }
    const message = [...new Set([jobMessage, printer.message])].filter((m) => m !== '').join(' / ');
    const job = this.update(id, { state: 'failed', reason, message });
    const detail = [...new Set([reason, ...jobReasons, ...printer.reasons, message])]
      .filter((s) => s !== '')
      .join('; ');
    this.opts.logger.warn({ jobId: id, reason, detail }, 'print job failed');
    return err({ code, detail: `job ${job.id}: ${detail}` });
  }
}

function unreachableStatus(e: IppFailure): PrinterStatus {
  if (e.code === 'ipp_status' && e.status === 'client-error-not-found') {
    return {
      device: 'no_device',
      paper: 'unknown',
      reasons: ['queue-not-found'],
      message: e.detail,
    };
  }
  const reason = e.code === 'timeout' ? 'cups-timeout' : 'cups-unreachable';
  return { device: 'offline', paper: 'unknown', reasons: [reason], message: e.detail };
}

export const describe = (s: PrinterStatus): string =>
  [`${s.device}/${s.paper}`, ...s.reasons, s.message].filter((x) => x !== '').join('; ');
