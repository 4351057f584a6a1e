/**
 * The contribution statement through a real (private) cupsd: the reference central service's
 * demo data for persona active-2, an authenticated card session, the verification code from
 * POST /v1/statements, the statement printed to a cups-pdf queue and its text read back out of
 * what CUPS produced; the code then verified at GET /v1/statements/{code}.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../server/src/db/pglite';
import { PERSONAS } from '../../server/src/demo/personas';
import {
  SEED_TIMEOUT_MS,
  authenticatedSession,
  startFixture,
  type CentralFixture,
} from '../../server/src/testing/fixture';
import { formatFen } from '../../electron/devices/printer';
import { createPrinter, printerConfigSchema } from '../../electron/devices/printer/config';
import type { PrinterService } from '../../electron/devices/printer/printer-service';
import { maskIdNumber } from '../../electron/domain/mask';
import { silentLogger } from '../../electron/log';
import { err, type Result } from '../../electron/result';
import { centralCardApiOver } from '../../electron/services/central-card-api.testing';
import type {
  InquiryAnswers,
  InquiryFailure,
  InquiryKind,
  InquiryQuery,
} from '../../electron/services/session';
import { StatementPrintService } from '../../electron/services/statement-print';
import { startCups, until, type CupsHarness } from './cups-harness';

const run = promisify(execFile);
let cups: CupsHarness;
let fx: CentralFixture;
let printer: PrinterService;
let dataDir: string;
const persona = PERSONAS.find((p) => p.key === 'active-2');

beforeAll(async () => {
  [cups, fx] = await Promise.all([startCups(), openPglite().then((db) => startFixture(db))]);
  dataDir = mkdtempSync(join(tmpdir(), 'ssc-kiosk-statement-'));
  const created = createPrinter(
    printerConfigSchema.parse({
      kind: 'cups',
      cups: { server: cups.server, queue: 'pdf', jobPollMs: 200, jobDeadlineMs: 60_000 },
    }),
    { logger: silentLogger(), dataDir },
  );
  if (!created.ok) throw new Error(created.error.message);
  printer = created.value;
  printer.start();
  await printer.refresh();
}, SEED_TIMEOUT_MS * 3);

afterAll(async () => {
  await printer?.stop();
  await cups?.stop();
  await fx?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('contribution statement through CUPS', () => {
  it("prints the persona's figures and a verification code the central service confirms", async () => {
    const card = persona?.cards[0];
    if (!persona || !card) throw new Error('persona active-2 missing');
    const { sessionId, token } = await authenticatedSession(fx.kiosk, card);
    const api = centralCardApiOver(fx.kiosk);
    const service = new StatementPrintService({
      session: {
        inquiry: <K extends InquiryKind>(
          kind: K,
          q?: InquiryQuery,
        ): Promise<Result<InquiryAnswers[K], InquiryFailure>> =>
          api.inquiry(sessionId, token, kind, q ?? {}),
        issueStatement: (req) =>
          token ? api.issueStatement(token, req) : Promise.resolve(err({ code: 'no_card' })),
      },
      printer: () => printer,
      language: () => 'zh-CN',
      kioskId: () => 'K-CUPS',
      siteName: '系统测试网点',
      logger: silentLogger(),
    });
    const year = new Date().getFullYear() - 1;
    const before = new Set(readdirSync(cups.outDir));
    const r = await service.printStatement(year - 1, year);
    if (!r.ok) throw new Error(`print failed: ${JSON.stringify(r.error)}`);
    const code = r.value.verificationCode;

    let file: string | undefined;
    await until(
      'cups-pdf output of the statement',
      () => {
        file = readdirSync(cups.outDir).find((f) => f.endsWith('.pdf') && !before.has(f));
        return file !== undefined;
      },
      30_000,
    );
    const printed = (await run('pdftotext', [join(cups.outDir, file ?? ''), '-'])).stdout.replace(
      /\s+/g,
      '',
    );
    expect(printed).toContain(code);
    expect(printed).toContain('社会保险个人参保缴费证明');
    expect(printed).toContain(maskIdNumber(persona.idNumber));
    expect(printed).not.toContain(persona.idNumber);

    // every year's total and each month's endowment amounts, as the database holds them
    const rows = await fx.central.ctx.db.query<{
      month: number;
      base_fen: number;
      employer_fen: number;
      personal_fen: number;
      paid: boolean;
    }>(
      `SELECT month, base_fen::int, employer_fen::int, personal_fen::int, paid FROM contributions
        WHERE person_id = (SELECT id FROM persons WHERE id_number = $1) AND type = 'endowment'
          AND month BETWEEN $2 AND $3 ORDER BY month`,
      [persona.idNumber, (year - 1) * 100 + 1, year * 100 + 12],
    );
    expect(rows.length).toBeGreaterThan(12);
    for (const m of rows) {
      expect(printed).toContain(formatFen(m.base_fen));
      expect(printed).toContain(formatFen(m.personal_fen));
    }
    const totals = await fx.central.ctx.db.query<{ year: number; total: number }>(
      `SELECT month / 100 AS year, sum(CASE WHEN paid THEN employer_fen + personal_fen ELSE 0 END)::int AS total
         FROM contributions WHERE person_id = (SELECT id FROM persons WHERE id_number = $1)
          AND month BETWEEN $2 AND $3 GROUP BY 1 ORDER BY 1`,
      [persona.idNumber, (year - 1) * 100 + 1, year * 100 + 12],
    );
    expect(totals).toHaveLength(2);
    for (const t of totals) expect(printed).toContain(formatFen(t.total));

    const verified = await fx.kiosk.get(`/v1/statements/${code}`);
    expect(verified.status).toBe(200);
    const body = verified.body as { summary: { years: { year: number; totalFen: number }[] } };
    expect(body.summary.years.map((y) => [y.year, y.totalFen])).toEqual(
      totals.map((t) => [t.year, t.total]),
    );
  }, 240_000);
});
