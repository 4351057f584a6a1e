import { describe, expect, it } from 'vitest';
import { cancelReceipt } from '../devices/printer/receipts';
import type { PrintErrorCode } from '../devices/printer/printer-port';
import type { PrinterService } from '../devices/printer';
import { silentLogger } from '../log';
import { err, ok } from '../result';
import { printReceiptBounded, receiptFailureOf } from './receipt-print';

const doc = cancelReceipt(
  { kioskId: 'K1', siteName: 'Site', language: 'en', now: new Date('2026-11-30T09:00:00Z') },
  {
    holder: { name: 'Test', idNumber: '110101199003074578', cardNumber: 'A12345678' },
    cancelledAt: new Date('2026-11-30T09:00:00Z'),
    reference: 'QX0123456789',
    originalReference: '—',
    verificationCode: '23456789',
  },
);

type Print = Pick<PrinterService, 'print'>;
const printing = (answer: ReturnType<Print['print']>): Print => ({ print: () => answer });
const failing = (code: PrintErrorCode): Print =>
  printing(Promise.resolve(err({ code, detail: 'test', reprintId: null })));
const log = silentLogger();

describe('printReceiptBounded', () => {
  it('printed when the printer took the receipt within the wait', async () => {
    const p = printing(Promise.resolve(ok({ jobId: 'j1', reprintId: 'r1' })));
    expect(await printReceiptBounded(p, doc, { log })).toEqual({
      receipt: 'printed',
      reason: null,
    });
  });

  it('still printing (never "failed") when the printer has not finished within the wait', async () => {
    let finish: (() => void) | undefined;
    const slow = printing(
      new Promise((resolve) => {
        finish = () => resolve(ok({ jobId: 'j2', reprintId: null }));
      }),
    );
    expect(await printReceiptBounded(slow, doc, { log, waitMs: 20 })).toEqual({
      receipt: 'printing',
      reason: null,
    });
    finish?.();
  });

  it('failed with a reason the citizen can act on', async () => {
    expect(await printReceiptBounded(failing('paper_out'), doc, { log })).toEqual({
      receipt: 'failed',
      reason: 'paper_out',
    });
    expect(await printReceiptBounded(failing('printer_unavailable'), doc, { log })).toEqual({
      receipt: 'failed',
      reason: 'printer_unavailable',
    });
    expect(await printReceiptBounded(failing('job_failed'), doc, { log })).toEqual({
      receipt: 'failed',
      reason: 'print_failed',
    });
    expect(await printReceiptBounded(null, doc, { log })).toEqual({
      receipt: 'failed',
      reason: 'no_printer',
    });
    expect(
      await printReceiptBounded(printing(Promise.reject(new Error('boom'))), doc, { log }),
    ).toEqual({ receipt: 'failed', reason: 'print_failed' });
  });

  it('maps every printer error code to a screen reason', () => {
    const codes: PrintErrorCode[] = [
      'printer_unavailable',
      'paper_out',
      'submit_failed',
      'job_failed',
      'job_timeout',
      'unknown_job',
      'missing_glyphs',
      'render_failed',
      'font_unavailable',
    ];
    expect(codes.map(receiptFailureOf)).toEqual([
      'printer_unavailable',
      'paper_out',
      'print_failed',
      'print_failed',
      'print_failed',
      'print_failed',
      'print_failed',
      'print_failed',
      'print_failed',
    ]);
  });
});
