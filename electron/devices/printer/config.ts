import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../log';
import { err, ok, type Result } from '../../result';
import { CupsPrinter } from './cups-printer';
import { PdfFolderPrinter } from './pdf-folder-printer';
import { PdfRenderer } from './pdf-renderer';
import type { PrinterPort } from './printer-port';
import { PrinterService } from './printer-service';
import { DEFAULT_FONT, DEFAULT_LATIN_FONT, openReceiptFonts, type FontError } from './receipt-font';
import { ReprintStore } from './reprint-store';

/** The `printer` section of the kiosk configuration (the lead merges it into config.ts). */
export const printerConfigSchema = z
  .object({
    /** `pdf-folder`: demo mode, PDFs in a folder; `cups`: a real queue over IPP. */
    kind: z.enum(['pdf-folder', 'cups']).default('pdf-folder'),
    /** For `pdf-folder`; relative to the data directory unless absolute. */
    folder: z.string().min(1).default('printouts'),
    cups: z
      .object({
        /** The CUPS server, `ipp://host:port` (ipps:// for TLS). */
        server: z
          .string()
          .regex(/^(ipp|ipps|http|https):\/\/[^/\s]+$/)
          .default('ipp://127.0.0.1:631'),
        queue: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,127}$/)
          .default('kiosk'),
        callTimeoutMs: z.number().int().min(200).max(60_000).default(5000),
        statusIntervalMs: z.number().int().min(500).max(600_000).default(5000),
        jobPollMs: z.number().int().min(100).max(10_000).default(500),
        jobDeadlineMs: z.number().int().min(1000).max(600_000).default(60_000),
        /** Only for a printer whose driver reports media-empty; otherwise paper is `unknown`. */
        paperSensor: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** Receipt roll width; statements always go on A4. */
    rollWidthMm: z.union([z.literal(80), z.literal(58)]).default(80),
    font: z
      .object({
        path: z.string().min(1).default(DEFAULT_FONT.path),
        /** The face inside a .ttc collection. */
        postscriptName: z
          .string()
          .min(1)
          .optional()
          .default(DEFAULT_FONT.postscriptName ?? ''),
      })
      .strict()
      .prefault({}),
    /** TrueType font for pure-ASCII strings (see receipt-font.ts); null: CJK font for all. */
    latinFont: z
      .object({ path: z.string().min(1) })
      .strict()
      .nullable()
      .default({ path: DEFAULT_LATIN_FONT.path }),
    timeZone: z.string().min(1).default('Asia/Shanghai'),
    reprint: z
      .object({
        keep: z.number().int().min(1).max(200).default(10),
        maxAgeHours: z
          .number()
          .min(0.01)
          .max(24 * 30)
          .default(24),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type PrinterConfig = z.infer<typeof printerConfigSchema>;

export interface PrinterDeps {
  readonly logger: Logger;
  readonly dataDir: string;
}

export const printerUri = (config: PrinterConfig): string =>
  `${config.cups.server}/printers/${config.cups.queue}`;

export function createPrinterPort(config: PrinterConfig, deps: PrinterDeps): PrinterPort {
  if (config.kind === 'pdf-folder') {
    const folder = isAbsolute(config.folder) ? config.folder : join(deps.dataDir, config.folder);
    return new PdfFolderPrinter(folder);
  }
  return new CupsPrinter({
    printerUri: printerUri(config),
    logger: deps.logger,
    callTimeoutMs: config.cups.callTimeoutMs,
    statusIntervalMs: config.cups.statusIntervalMs,
    jobPollMs: config.cups.jobPollMs,
    jobDeadlineMs: config.cups.jobDeadlineMs,
    paperSensor: config.cups.paperSensor,
  });
}

/** The composition root's one call: fails only when the receipt font cannot be opened. */
export function createPrinter(
  config: PrinterConfig,
  deps: PrinterDeps,
): Result<PrinterService, FontError> {
  const fonts = openReceiptFonts(
    {
      path: config.font.path,
      postscriptName: config.font.postscriptName === '' ? undefined : config.font.postscriptName,
    },
    config.latinFont,
  );
  if (!fonts.ok) return err(fonts.error);
  const renderer = new PdfRenderer(fonts.value, {
    rollWidthMm: config.rollWidthMm,
    timeZone: config.timeZone,
  });
  const reprints = new ReprintStore({
    dir: join(deps.dataDir, 'reprint'),
    keep: config.reprint.keep,
    maxAgeMs: config.reprint.maxAgeHours * 3_600_000,
  });
  return ok(new PrinterService(createPrinterPort(config, deps), renderer, reprints, deps.logger));
}
