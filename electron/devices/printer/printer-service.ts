import type { Logger } from '../../log';
import { err, ok, type Result } from '../../result';
import type { PdfRenderer, RenderError } from './pdf-renderer';
import type {
  PrintError,
  PrintJob,
  PrinterEvent,
  PrinterPort,
  PrinterStatus,
} from './printer-port';
import type { ReceiptDocument } from './receipt';
import type { ReprintEntry, ReprintStore } from './reprint-store';

/**
 * What the use cases call: render a receipt document, keep it for reprint, hand it to the
 * printer port, follow the job. The receipt is stored before it is submitted, so a job that
 * fails is already there for the reprint the citizen or attendant asks for; nothing is ever
 * reprinted automatically.
 */
export interface PrintTicket {
  readonly jobId: string;
  /** The reprint store entry; null when storing failed (printing still went ahead). */
  readonly reprintId: string | null;
}

export interface PrintOutcome {
  readonly ticket: PrintTicket;
  readonly job: PrintJob;
}

export type PrintFailure = PrintError & { readonly reprintId: string | null };

export class PrinterService {
  constructor(
    private readonly port: PrinterPort,
    private readonly renderer: PdfRenderer,
    private readonly reprints: ReprintStore,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.port.start();
    void this.reprints.purge().catch((e: unknown) => {
      this.logger.warn({ error: String(e) }, 'reprint purge failed');
    });
  }

  stop(): Promise<void> {
    return this.port.stop();
  }

  status(): PrinterStatus {
    return this.port.status();
  }

  refresh(): Promise<PrinterStatus> {
    return this.port.refresh();
  }

  onEvent(listener: (event: PrinterEvent) => void): () => void {
    return this.port.onEvent(listener);
  }

  /** Renders and submits; the job id comes back as soon as the printer took it. */
  async print(doc: ReceiptDocument): Promise<Result<PrintTicket, PrintFailure>> {
    const rendered = await this.renderer.render(doc);
    if (!rendered.ok) {
      this.logger.error({ kind: doc.kind, error: rendered.error }, 'receipt could not be rendered');
      return err({ ...renderFailure(rendered.error), reprintId: null });
    }
    let reprintId: string | null = null;
    try {
      const entry = await this.reprints.add(
        { kind: doc.kind, title: doc.title, reference: doc.footer.reference },
        rendered.value.pdf,
      );
      reprintId = entry.id;
    } catch (e) {
      this.logger.warn({ error: String(e) }, 'receipt not kept for reprint');
    }
    return this.submit(rendered.value.pdf, doc.title, reprintId);
  }

  /** Prints and waits for the final job state (handed to the printer, or failed). */
  async printAndWait(doc: ReceiptDocument): Promise<Result<PrintOutcome, PrintFailure>> {
    const t = await this.print(doc);
    return t.ok ? this.wait(t.value) : t;
  }

  listReprints(): Promise<ReprintEntry[]> {
    return this.reprints.list();
  }

  /** Prints a kept receipt again, on request. */
  async reprint(id: string): Promise<Result<PrintTicket, PrintFailure>> {
    const kept = await this.reprints.get(id);
    if (!kept)
      return err({ code: 'unknown_job', detail: `no kept receipt ${id}`, reprintId: null });
    this.logger.info({ reprintId: id, kind: kept.entry.kind }, 'reprint requested');
    return this.submit(kept.pdf, kept.entry.title, id);
  }

  async wait(ticket: PrintTicket): Promise<Result<PrintOutcome, PrintFailure>> {
    const job = await this.port.waitForJob(ticket.jobId);
    if (!job.ok) return err({ ...job.error, reprintId: ticket.reprintId });
    return ok({ ticket, job: job.value });
  }

  private async submit(
    pdf: Buffer,
    title: string,
    reprintId: string | null,
  ): Promise<Result<PrintTicket, PrintFailure>> {
    const submitted = await this.port.print({ pdf, title });
    if (!submitted.ok) {
      this.logger.warn({ error: submitted.error, reprintId }, 'print refused');
      return err({ ...submitted.error, reprintId });
    }
    return ok({ jobId: submitted.value, reprintId });
  }
}

function renderFailure(e: RenderError): PrintError {
  switch (e.code) {
    case 'missing_glyphs':
      // The characters themselves may be part of a name: report their code points only.
      return {
        code: 'missing_glyphs',
        detail: `font lacks ${e.characters
          .map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
          .join(' ')}`,
      };
    case 'too_long':
      return { code: 'render_failed', detail: `receipt too long (${Math.round(e.heightPt)} pt)` };
    case 'render_failed':
      return { code: 'render_failed', detail: e.message };
  }
}
