import { randomUUID } from 'node:crypto';
import { access, constants, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../../result';
import type {
  PrintError,
  PrintJob,
  PrintSubmission,
  PrinterEvent,
  PrinterPort,
  PrinterStatus,
} from './printer-port';

/**
 * Demo mode's printer: each job becomes a PDF file in a folder (written to a temporary name
 * and renamed, so a watcher never sees half a file). Nothing is opened. A folder has no
 * paper, so paper is `unknown`; a folder that cannot be written is `hardware_error`.
 */
export class PdfFolderPrinter implements PrinterPort {
  private current: PrinterStatus = { device: 'online', paper: 'unknown', reasons: [], message: '' };
  private readonly listeners = new Set<(e: PrinterEvent) => void>();
  private readonly jobs = new Map<string, PrintJob>();
  private seq = 0;

  constructor(private readonly folder: string) {}

  start(): void {
    void this.refresh();
  }

  async stop(): Promise<void> {
    await Promise.resolve();
  }

  status(): PrinterStatus {
    return this.current;
  }

  onEvent(listener: (event: PrinterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: PrinterEvent): void {
    for (const l of this.listeners) l(e);
  }

  async refresh(): Promise<PrinterStatus> {
    let next: PrinterStatus;
    try {
      await mkdir(this.folder, { recursive: true });
      await access(this.folder, constants.W_OK);
      next = { device: 'online', paper: 'unknown', reasons: [], message: '' };
    } catch (e) {
      next = {
        device: 'hardware_error',
        paper: 'unknown',
        reasons: ['folder-not-writable'],
        message: e instanceof Error ? e.message : String(e),
      };
    }
    const prev = this.current;
    this.current = next;
    if (prev.device !== next.device || prev.message !== next.message) {
      this.emit({ type: 'status_changed', status: next });
    }
    return next;
  }

  async print(doc: PrintSubmission): Promise<Result<string, PrintError>> {
    this.seq += 1;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const id = `${stamp}-${String(this.seq).padStart(4, '0')}`;
    const file = join(this.folder, `${id}.pdf`);
    try {
      await mkdir(this.folder, { recursive: true });
      const tmp = join(this.folder, `.${randomUUID()}.tmp`);
      await writeFile(tmp, doc.pdf, { mode: 0o600 });
      await rename(tmp, file);
    } catch (e) {
      await this.refresh();
      return err({
        code: 'printer_unavailable',
        detail: `folder-not-writable; ${e instanceof Error ? e.message : String(e)}`,
      });
    }
    const job: PrintJob = {
      id,
      title: doc.title,
      state: 'handed_to_printer',
      reason: null,
      message: file,
    };
    this.jobs.set(id, job);
    this.emit({ type: 'job_changed', job });
    return ok(id);
  }

  job(id: string): PrintJob | null {
    return this.jobs.get(id) ?? null;
  }

  waitForJob(id: string): Promise<Result<PrintJob, PrintError>> {
    const job = this.jobs.get(id);
    return Promise.resolve(job ? ok(job) : err({ code: 'unknown_job', detail: id }));
  }
}
