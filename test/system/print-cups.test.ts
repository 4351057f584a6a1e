/**
 * Printing through a real (private) cupsd: every receipt kind to a cups-pdf queue, the text
 * extracted back out of what CUPS produced; a queue stopped while a job is on it; a backend
 * that fails. Bar R5 (QUALITY.md): citizen told, job kept for reprint, attendant sees why.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrinter, printerConfigSchema } from '../../electron/devices/printer/config';
import { ippCall, text } from '../../electron/devices/printer/ipp-client';
import type { PrinterService } from '../../electron/devices/printer/printer-service';
import {
  documentQrPayloads,
  documentText,
  type ReceiptDocument,
} from '../../electron/devices/printer/receipt';
import { receiptQrPayload } from '../../electron/devices/printer/receipts';
import { silentLogger } from '../../electron/log';
import { sampleDocuments, sampleHolder } from '../support/receipt-samples';
import { startCups, until, type CupsHarness } from './cups-harness';

const run = promisify(execFile);
let cups: CupsHarness;
let dataDir: string;
const services: PrinterService[] = [];

function service(queue: string): PrinterService {
  const config = printerConfigSchema.parse({
    kind: 'cups',
    cups: {
      server: cups.server,
      queue,
      callTimeoutMs: 5000,
      jobPollMs: 200,
      jobDeadlineMs: 60_000,
    },
  });
  const created = createPrinter(config, { logger: silentLogger(), dataDir });
  if (!created.ok) throw new Error(created.error.message);
  services.push(created.value);
  return created.value;
}

/** Text as pdftotext gives it, without whitespace (Chinese wraps anywhere). */
async function extract(file: string): Promise<string> {
  const r = await run('pdftotext', [file, '-']);
  return r.stdout.replace(/\s+/g, '');
}

async function outputOf(jobId: string): Promise<string> {
  let file: string | undefined;
  await until(
    `cups-pdf output of job ${jobId}`,
    () => {
      file = readdirSync(cups.outDir).find((f) => f.endsWith(`-job_${jobId}.pdf`));
      return file !== undefined;
    },
    30_000,
  );
  return join(cups.outDir, file ?? '');
}

async function cupsJobState(queue: string, jobId: string): Promise<string> {
  const r = await ippCall(
    { printerUri: `${cups.server}/printers/${queue}`, timeoutMs: 5000 },
    'Get-Job-Attributes',
    { 'job-id': Number(jobId), 'requested-attributes': ['job-state'] },
  );
  if (!r.ok) throw new Error(r.error.detail);
  return text(r.value.job['job-state']);
}

const squash = (s: string): string => s.replace(/\s+/g, '');

beforeAll(async () => {
  cups = await startCups();
  dataDir = mkdtempSync(join(tmpdir(), 'ssc-kiosk-print-'));
});

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await cups.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('printing to a cups-pdf queue', () => {
  it('reports the queue online and the paper state as unknown (cups-pdf says nothing)', async () => {
    const s = service('pdf');
    const status = await s.refresh();
    expect(status.device).toBe('online');
    expect(status.paper).toBe('unknown');
  });

  const cases: { language: 'zh-CN' | 'en'; doc: ReceiptDocument }[] = [
    ...sampleDocuments('zh-CN').map((doc) => ({ language: 'zh-CN' as const, doc })),
    ...sampleDocuments('en').map((doc) => ({ language: 'en' as const, doc })),
  ];

  it.each(cases.map((c) => [`${c.doc.kind} (${c.language})`, c] as const))(
    'prints %s and the text comes back out of the CUPS output',
    async (_name, { doc, language }) => {
      const s = service('pdf');
      const outcome = await s.printAndWait(doc);
      if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.detail}`);
      // CUPS "completed" is reported as handed to the printer, not as printed.
      expect(outcome.value.job.state).toBe('handed_to_printer');
      const printed = await extract(await outputOf(outcome.value.ticket.jobId));

      // The title (Chinese or English) and every reference number survive the filter chain.
      for (const block of doc.blocks) {
        if (block.kind === 'title') expect(printed).toContain(squash(block.text));
      }
      if (doc.footer.reference !== null) expect(printed).toContain(doc.footer.reference);
      if (language === 'zh-CN') expect(printed).toMatch(/[\u4e00-\u9fff]{4,}/);
      else expect(printed).toMatch(/[A-Za-z]{6,}/);

      // Every key-value row and table cell is there.
      for (const t of documentText(doc)) {
        if (/^[\x20-\x7e]+$/.test(t) || /^[\u4e00-\u9fff\uff0c\uff1b\u3002]+$/.test(t)) {
          expect(printed).toContain(squash(t));
        }
      }
      // Personal data only masked: the full ID number never reaches the queue.
      expect(printed).not.toContain(sampleHolder.idNumber);

      // The QR encodes kind, reference and verification code, which are printed as text too.
      const verification = doc.blocks.find((b) => b.kind === 'verification');
      if (verification && doc.footer.reference !== null) {
        expect(documentQrPayloads(doc)).toEqual([
          receiptQrPayload(doc.kind, doc.footer.reference, verification.code),
        ]);
        expect(printed).toContain(verification.code);
      }
      if (doc.kind === 'test_page') {
        expect(printed).toContain('打印机测试页');
        expect(printed).toContain('PrinterTestPage');
        expect(documentQrPayloads(doc)[0]).toMatch(/^SSC-TEST\|K-0042\|2026-11-30T02:15:00/);
      }
    },
  );
});

describe('failures (bar R5)', () => {
  it('a queue stopped while a job is on it: job failed with the reason, kept, cancelled in CUPS', async () => {
    const s = service('slow');
    const doc = sampleDocuments('zh-CN').find((d) => d.kind === 'loss_report');
    if (!doc) throw new Error('no sample');
    const ticket = await s.print(doc);
    if (!ticket.ok) throw new Error(ticket.error.detail);
    const jobId = ticket.value.jobId;
    // Stop the queue once the backend has the job.
    await until(
      'the slow backend to take the job',
      async () => (await cupsJobState('slow', jobId)) === 'processing',
      30_000,
    );
    await cups.lp(['cupsdisable', '-r', 'paper roll being changed', 'slow']);

    const outcome = await s.wait(ticket.value);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('job_failed');
    expect(outcome.error.detail).toContain('queue-stopped');
    expect(outcome.error.detail).toContain('paused');
    // Kept for a reprint on request ...
    expect(outcome.error.reprintId).not.toBeNull();
    const kept = await s.listReprints();
    expect(kept.map((k) => k.id)).toContain(outcome.error.reprintId);
    expect(kept.find((k) => k.id === outcome.error.reprintId)?.reference).toBe(
      doc.footer.reference,
    );
    // ... and cancelled in CUPS, so it cannot come out later on its own.
    expect(await cupsJobState('slow', jobId)).toBe('canceled');

    // The attendant sees why; a new job is refused up front, and nothing crashed.
    const status = await s.refresh();
    expect(status.device).toBe('offline');
    expect(status.reasons).toContain('paused');
    expect(status.reasons).toContain('queue-stopped');
    // (cupsdisable's -r text is not asserted: CUPS overwrites printer-state-message with the
    // stopped job's backend messages, so whether it is still there is a race.)
    const refused = await s.print(doc);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('printer_unavailable');
      expect(refused.error.detail).toContain('queue-stopped');
    }

    // Re-enabled by the attendant: the kept receipt prints when asked for, once.
    await cups.lp(['cupsenable', 'slow']);
    const reprint = await s.reprint(outcome.error.reprintId ?? '');
    if (!reprint.ok) throw new Error(reprint.error.detail);
    expect(reprint.value.jobId).not.toBe(jobId);
  });

  it('a failing backend: job failed with what the backend said, kept, cancelled in CUPS', async () => {
    const s = service('failing');
    const doc = sampleDocuments('en').find((d) => d.kind === 'activation');
    if (!doc) throw new Error('no sample');
    const outcome = await s.printAndWait(doc);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('job_failed');
    expect(outcome.error.detail).toContain('simulated printer failure');
    expect(outcome.error.reprintId).not.toBeNull();
    const jobId = /job (\d+)/.exec(outcome.error.detail)?.[1] ?? '';
    expect(await cupsJobState('failing', jobId)).toBe('canceled');
    expect(s.status().message).toContain('simulated printer failure');
  });

  it('an unknown queue is no_device, an unreachable server offline — each with its reason', async () => {
    const missing = await service('no-such-queue').refresh();
    expect(missing.device).toBe('no_device');
    expect(missing.reasons).toContain('queue-not-found');
    const config = printerConfigSchema.parse({
      kind: 'cups',
      cups: { server: 'ipp://127.0.0.1:9', queue: 'pdf', callTimeoutMs: 2000 },
    });
    const created = createPrinter(config, { logger: silentLogger(), dataDir });
    if (!created.ok) throw new Error(created.error.message);
    services.push(created.value);
    const down = await created.value.refresh();
    expect(down.device).toBe('offline');
    expect(down.paper).toBe('unknown');
    expect(down.reasons).toContain('cups-unreachable');
  });
});
