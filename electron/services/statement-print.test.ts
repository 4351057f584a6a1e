import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../server/src/db/pglite';
import { PERSONAS } from '../../server/src/demo/personas';
import {
  SEED_TIMEOUT_MS,
  authenticatedSession,
  startFixture,
  type CentralFixture,
} from '../../server/src/testing/fixture';
import { maskIdNumber } from '../domain/mask';
import { silentLogger } from '../log';
import { err, ok, type Result } from '../result';
import type {
  PrintFailure,
  PrintOutcome,
  PrinterStatus,
  ReceiptDocument,
} from '../devices/printer';
import { documentQrPayloads, documentText } from '../devices/printer/receipt';
import { formatFen } from '../devices/printer';
import { centralCardApiOver } from './central-card-api.testing';
import type { InquiryAnswers, InquiryFailure, InquiryKind, InquiryQuery } from './session';
import { printerReadiness } from '../contract';
import { StatementPrintService, type StatementPrinter } from './statement-print';

/**
 * The printouts are built from the reference central service's demo data for the persona
 * active-2 (张伟), through an authenticated card session, and checked against the database
 * rows themselves (not against the inquiry code that produced the answers).
 */
let fx: CentralFixture;
function must<T>(v: T | undefined | null, what = 'value'): T {
  if (v === undefined || v === null) throw new Error(`${what} missing`);
  return v;
}
const persona = must(
  PERSONAS.find((p) => p.key === 'active-2'),
  'persona',
);
const card = must(persona.cards[0], 'card');

beforeAll(async () => {
  fx = await startFixture(await openPglite());
}, SEED_TIMEOUT_MS);
afterAll(async () => {
  await fx?.close();
});

class FakePrinter implements StatementPrinter {
  readonly printed: ReceiptDocument[] = [];
  state: PrinterStatus = { device: 'online', paper: 'unknown', reasons: [], message: '' };
  failWith: PrintFailure | null = null;
  status = () => this.state;
  printAndWait(doc: ReceiptDocument) {
    this.printed.push(doc);
    if (this.failWith) return Promise.resolve(err(this.failWith));
    const outcome: PrintOutcome = {
      ticket: { jobId: '7', reprintId: 'r1' },
      job: { id: '7', title: doc.title, state: 'handed_to_printer', reason: null, message: '' },
    };
    return Promise.resolve(ok(outcome));
  }
}

async function setup(opts: { central?: boolean } = {}) {
  const { sessionId, token } = await authenticatedSession(fx.kiosk, card);
  const api = centralCardApiOver(fx.kiosk);
  const calls: string[] = [];
  const session = {
    inquiry: async <K extends InquiryKind>(
      kind: K,
      q: InquiryQuery = {},
    ): Promise<Result<InquiryAnswers[K], InquiryFailure>> => {
      calls.push(kind);
      if (opts.central === false) return err({ code: 'central_unavailable', detail: 'down' });
      return api.inquiry(sessionId, token, kind, q);
    },
    issueStatement: (req: Parameters<typeof api.issueStatement>[1]) => {
      calls.push(`statement:${req.kind}`);
      return api.issueStatement(token, req);
    },
  };
  const printer = new FakePrinter();
  const service = new StatementPrintService({
    session,
    printer: () => printer,
    language: () => language,
    kioskId: () => 'K-TEST',
    siteName: '测试服务网点',
    now: () => new Date('2026-11-30T08:00:00Z'),
    logger: silentLogger(),
  });
  return { service, printer, calls };
}
let language: 'zh-CN' | 'en' = 'zh-CN';

interface Row {
  year: number;
  type: string;
  paid_months: number;
  arrears_months: number;
  employer: number;
  personal: number;
}
async function dbYears(from: number, to: number): Promise<Row[]> {
  return fx.central.ctx.db.query<Row>(
    `SELECT month / 100 AS year, type,
            count(*) FILTER (WHERE paid)::int AS paid_months,
            count(*) FILTER (WHERE NOT paid)::int AS arrears_months,
            coalesce(sum(employer_fen) FILTER (WHERE paid), 0)::int AS employer,
            coalesce(sum(personal_fen) FILTER (WHERE paid), 0)::int AS personal
       FROM contributions
      WHERE person_id = (SELECT id FROM persons WHERE id_number = $1)
        AND month BETWEEN $2 AND $3
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [persona.idNumber, from * 100 + 1, to * 100 + 12],
  );
}

describe('printer readiness', () => {
  it('lets only a ready printer take a job; unknown or low paper may print', () => {
    expect(printerReadiness({ device: 'online', paper: 'unknown' })).toBe('ready');
    expect(printerReadiness({ device: 'busy', paper: 'low' })).toBe('ready');
    expect(printerReadiness({ device: 'online', paper: 'out' })).toBe('paper_out');
    expect(printerReadiness({ device: 'online', paper: 'jammed' })).toBe('paper_out');
    expect(printerReadiness({ device: 'offline', paper: 'full' })).toBe('printer_unavailable');
    expect(printerReadiness({ device: 'no_device', paper: 'unknown' })).toBe('printer_unavailable');
    expect(printerReadiness({ device: 'hardware_error', paper: 'out' })).toBe(
      'printer_unavailable',
    );
  });
});

describe('contribution statement', () => {
  it("carries the persona's real figures per year, masked identity and a code the service verifies", async () => {
    language = 'zh-CN';
    const { service, printer } = await setup();
    const year = new Date().getFullYear() - 1;
    const r = await service.printStatement(year - 1, year);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const doc = must(printer.printed[0]);
    expect(doc.kind).toBe('contribution_statement');
    expect(doc.format).toBe('a4');
    const text = documentText(doc);
    const all = text.join('\n');
    expect(all).toContain('*伟');
    expect(all).not.toContain(persona.name);
    expect(all).toContain(maskIdNumber(persona.idNumber));
    expect(all).not.toContain(persona.idNumber);
    expect(all).not.toContain(card.cardNumber);
    expect(text).toContain(r.value.verificationCode);
    expect(documentQrPayloads(doc)).toEqual([
      `SSC-RCPT|1|contribution_statement|${r.value.verificationCode}|${r.value.verificationCode}`,
    ]);

    const rows = await dbYears(year - 1, year);
    expect(rows.length).toBeGreaterThan(0);
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    for (const y of [year - 1, year]) {
      const ofYear = rows.filter((x) => x.year === y);
      const total = ofYear.reduce((s, x) => s + x.employer + x.personal, 0);
      const totalRow = doc.blocks
        .flatMap((b) => (b.kind === 'rows' ? b.rows : []))
        .find((x) => x.label === `${y}年度实缴合计（元）`);
      expect(totalRow?.value).toBe(formatFen(total));
      // the endowment line of the year's summary: months and sums from the rows
      const endowment = ofYear.find((x) => x.type === 'endowment');
      expect(endowment).toBeDefined();
      if (endowment) {
        const line = tables
          .flatMap((t) => t.rows)
          .find(
            (cells) =>
              cells[0] === '养老保险' &&
              cells[1] === String(endowment.paid_months) &&
              cells[3] === formatFen(endowment.employer),
          );
        expect(line?.[4]).toBe(formatFen(endowment.personal));
      }
      // a monthly detail line: January's endowment record as stored
      const jan = await fx.central.ctx.db.query<{
        base_fen: number;
        employer_fen: number;
        personal_fen: number;
      }>(
        `SELECT base_fen::int, employer_fen::int, personal_fen::int FROM contributions
          WHERE person_id = (SELECT id FROM persons WHERE id_number = $1) AND month = $2 AND type = 'endowment'`,
        [persona.idNumber, y * 100 + 1],
      );
      expect(jan).toHaveLength(1);
      if (jan[0]) {
        const cells = tables
          .flatMap((t) => t.rows)
          .find((c) => c[0] === `${y}-01` && c[1] === '养老保险');
        expect(cells?.slice(2, 5)).toEqual([
          formatFen(jan[0].base_fen),
          formatFen(jan[0].employer_fen),
          formatFen(jan[0].personal_fen),
        ]);
      }
    }

    // anyone can verify the code: it resolves to this person (masked) and these years' totals
    const verified = await fx.kiosk.get(`/v1/statements/${r.value.verificationCode}`);
    expect(verified.status).toBe(200);
    const body = verified.body as {
      kind: string;
      idNumberMasked: string;
      summary: { years: { year: number; totalFen: number }[] };
    };
    expect(body.kind).toBe('contributions');
    expect(body.idNumberMasked).toBe(maskIdNumber(persona.idNumber));
    for (const y of body.summary.years) {
      const total = rows
        .filter((x) => x.year === y.year)
        .reduce((s, x) => s + x.employer + x.personal, 0);
      expect(y.totalFen).toBe(total);
    }
  });

  it('prints in English with English labels and the same figures', async () => {
    language = 'en';
    const { service, printer } = await setup();
    const year = new Date().getFullYear() - 1;
    const r = await service.printStatement(year, year);
    expect(r.ok).toBe(true);
    const all = documentText(must(printer.printed[0])).join('\n');
    expect(all).toContain('Social Insurance Contribution Statement');
    const rows = await dbYears(year, year);
    const total = rows.reduce((s, x) => s + x.employer + x.personal, 0);
    expect(all).toContain(formatFen(total));
    expect(all).not.toMatch(/[\u4e00-\u9fff]{2,}保险/);
    language = 'zh-CN';
  });

  it('says so for a year without records', async () => {
    const { service, printer } = await setup();
    const r = await service.printStatement(1981, 1981);
    expect(r.ok).toBe(true);
    expect(documentText(must(printer.printed[0]))).toContain('本年度无缴费记录');
  });
});

describe('failures', () => {
  it('paper out or printer down: answered before any central call, no code issued', async () => {
    const { service, printer, calls } = await setup();
    printer.state = { device: 'online', paper: 'out', reasons: ['media-empty'], message: '' };
    const r = await service.printStatement(2024, 2024);
    expect(r.ok ? null : r.error.code).toBe('paper_out');
    printer.state = { device: 'offline', paper: 'unknown', reasons: ['paused'], message: '' };
    const p = await service.printPage('pension');
    expect(p.ok ? null : p.error.code).toBe('printer_unavailable');
    expect(calls).toEqual([]);
    expect(printer.printed).toEqual([]);
  });

  it('central service unreachable: nothing printed (no code, no statement)', async () => {
    const { service, printer } = await setup({ central: false });
    const r = await service.printStatement(2024, 2024);
    expect(r.ok ? null : r.error.code).toBe('central_unavailable');
    expect(printer.printed).toEqual([]);
  });

  it('a job failing after the code was issued: print_failed, kept for reprint, call staff', async () => {
    const { service, printer } = await setup();
    printer.failWith = { code: 'job_failed', detail: 'queue-stopped', reprintId: 'r9' };
    const r = await service.printPage('pension');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'print_failed', category: 'call_staff', kept: true });
  });
});

describe('inquiry pages', () => {
  it('print each page from the central answers, masked, with a verifiable code', async () => {
    const { service, printer, calls } = await setup();
    const pages = ['person', 'medical', 'pension', 'benefits', 'replacement'] as const;
    for (const page of pages) {
      const r = await service.printPage(page);
      expect(r.ok, page).toBe(true);
      if (!r.ok) continue;
      const doc = must(printer.printed.at(-1));
      expect(doc.kind).toBe('inquiry');
      expect(doc.format).toBe('receipt');
      const all = documentText(doc).join('\n');
      expect(all).toContain(r.value.verificationCode);
      expect(all).not.toContain(persona.idNumber);
      expect(all).not.toContain(persona.phone);
      expect(all).not.toContain(card.cardNumber);
      const v = await fx.kiosk.get(`/v1/statements/${r.value.verificationCode}`);
      expect(v.status).toBe(200);
    }
    expect(calls).toContain('statement:replacement');
    const [person, medical, pension, benefits, replacement] = printer.printed.map((d) =>
      documentText(d).join('\n'),
    );
    expect(person).toContain('*伟');
    expect(person).toContain('养老保险');
    expect(person).toContain(card.bank);

    const db = fx.central.ctx.db;
    const pid = `(SELECT id FROM persons WHERE id_number = '${persona.idNumber}')`;
    const [acc] = await db.query<{ balance_fen: number }>(
      `SELECT balance_fen::int FROM medical_accounts WHERE person_id = ${pid}`,
    );
    expect(medical).toContain(formatFen(must(acc).balance_fen));
    const [pen] = await db.query<{ total_fen: number; months_paid: number }>(
      `SELECT total_fen::int, months_paid::int FROM pension_accounts WHERE person_id = ${pid}`,
    );
    expect(pension).toContain(formatFen(must(pen).total_fen));
    expect(pension).toContain(String(must(pen).months_paid));
    const ben = await db.query<{ amount_fen: number }>(
      `SELECT amount_fen::int FROM benefits WHERE person_id = ${pid} ORDER BY month DESC, id DESC LIMIT 1`,
    );
    if (ben[0]) expect(benefits).toContain(formatFen(ben[0].amount_fen));
    else expect(benefits).toContain('没有待遇发放记录');
    // active-2's card has no replacement in progress: the printout says so plainly
    expect(replacement).toContain('这张社保卡目前没有正在办理的补换卡申请。');
  });
});
