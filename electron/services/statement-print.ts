/**
 * Printing from the self-service inquiry (PRODUCT.md item 5): a contribution statement for
 * chosen years, or the inquiry page on screen. The main side fetches the figures again from
 * the central service through the citizen's authenticated session — nothing the renderer
 * sends is printed — asks the service for a verification code, builds the document and prints
 * it through the printer service.
 *
 * Decisions (docs/printing.md, "Printing from the inquiry"):
 * - The printer is checked first, before the central service issues a code: paper out or a
 *   printer that is not ready answers at once, so the citizen is told before waiting.
 * - Nothing is printed without a verification code: a statement the agency cannot confirm is
 *   worth less than none, so with the central service unreachable the answer is
 *   `central_unavailable` ("cannot be printed now").
 * - A job that fails after the code was issued stays in the reprint store (the attendant can
 *   reprint it); the citizen is told to ask staff. It is never reprinted automatically.
 */
import type { StatementRequest } from '../../server/api-types';
import { printerReadiness, type Language } from '../contract';
import type {
  PrintContext,
  PrintFailure,
  PrintOutcome,
  PrinterStatus,
  ReceiptDocument,
} from '../devices/printer';
import { printFailureCategory } from '../devices/printer';
import type { FailureCategory } from '../devices/card/failure-category';
import type { Logger } from '../log';
import { err, ok, type Result } from '../result';
import {
  contributionStatementDocument,
  inquiryPageDocument,
  type PageData,
  type PrintablePage,
} from './print-documents';
import type { InquiryFailure, SessionService } from './session';

/** What printing needs of the printer service (a fake in unit tests). */
export interface StatementPrinter {
  status(): PrinterStatus;
  printAndWait(doc: ReceiptDocument): Promise<Result<PrintOutcome, PrintFailure>>;
}

export type PrintRequestFailure =
  | InquiryFailure
  | { readonly code: 'printer_unavailable'; readonly detail: string }
  | { readonly code: 'paper_out'; readonly detail: string }
  | {
      readonly code: 'print_failed';
      readonly category: FailureCategory;
      readonly detail: string;
      /** the code was issued: the statement exists centrally, the paper did not come out */
      readonly kept: boolean;
    };

export interface PrintDone {
  readonly verificationCode: string;
  readonly job: 'handed_to_printer';
}

/** The years one statement may cover (A4 pages grow by about two per year). */
export const MAX_STATEMENT_YEARS = 5;

export interface StatementPrintOptions {
  readonly session: Pick<SessionService, 'inquiry' | 'issueStatement'>;
  readonly printer: () => StatementPrinter | null;
  readonly language: () => Language;
  readonly kioskId: () => string;
  readonly siteName: string;
  readonly timeZone?: string;
  readonly now?: () => Date;
  readonly logger: Logger;
}

const STATEMENT_KIND: Record<PrintablePage, StatementRequest['kind']> = {
  person: 'person',
  medical: 'medical_account',
  pension: 'pension_account',
  benefits: 'benefits',
  replacement: 'replacement',
};

export class StatementPrintService {
  private readonly log: Logger;

  constructor(private readonly o: StatementPrintOptions) {
    this.log = o.logger.child({ component: 'statement-print' });
  }

  private context(): PrintContext {
    return {
      kioskId: this.o.kioskId(),
      siteName: this.o.siteName,
      language: this.o.language(),
      now: this.o.now?.() ?? new Date(),
      timeZone: this.o.timeZone,
    };
  }

  private ready(): Result<StatementPrinter, PrintRequestFailure> {
    const printer = this.o.printer();
    if (!printer) return err({ code: 'printer_unavailable', detail: 'no printer service' });
    const s = printer.status();
    const readiness = printerReadiness(s);
    if (readiness === 'ready') return ok(printer);
    const detail = `${s.device}/${s.paper} ${s.reasons.join(',')}`.trim();
    return err({ code: readiness, detail });
  }

  async printStatement(
    fromYear: number,
    toYear: number,
  ): Promise<Result<PrintDone, PrintRequestFailure>> {
    const printer = this.ready();
    if (!printer.ok) return printer;
    const person = await this.o.session.inquiry('person');
    if (!person.ok) return person;
    const contributions = await this.o.session.inquiry('contributions', { fromYear, toYear });
    if (!contributions.ok) return contributions;
    const code = await this.o.session.issueStatement({ kind: 'contributions', fromYear, toYear });
    if (!code.ok) return code;
    const doc = contributionStatementDocument(this.context(), {
      person: person.value,
      contributions: contributions.value,
      fromYear,
      toYear,
      verificationCode: code.value.code,
    });
    return this.print(printer.value, doc, code.value.code);
  }

  async printPage(page: PrintablePage): Promise<Result<PrintDone, PrintRequestFailure>> {
    const printer = this.ready();
    if (!printer.ok) return printer;
    const data = await this.pageData(page);
    if (!data.ok) return data;
    const code = await this.o.session.issueStatement({ kind: STATEMENT_KIND[page] });
    if (!code.ok) return code;
    const doc = inquiryPageDocument(this.context(), data.value, code.value.code);
    return this.print(printer.value, doc, code.value.code);
  }

  private async pageData(page: PrintablePage): Promise<Result<PageData, InquiryFailure>> {
    const s = this.o.session;
    switch (page) {
      case 'person': {
        const person = await s.inquiry('person');
        if (!person.ok) return person;
        const insurances = await s.inquiry('insurances');
        if (!insurances.ok) return insurances;
        return ok({ page, person: person.value, insurances: insurances.value });
      }
      case 'medical': {
        const account = await s.inquiry('medicalAccount');
        if (!account.ok) return account;
        const transactions = await s.inquiry('medicalTransactions');
        if (!transactions.ok) return transactions;
        return ok({ page, account: account.value, transactions: transactions.value });
      }
      case 'pension': {
        const account = await s.inquiry('pensionAccount');
        return account.ok ? ok({ page, account: account.value }) : account;
      }
      case 'benefits': {
        const benefits = await s.inquiry('benefits');
        return benefits.ok ? ok({ page, benefits: benefits.value }) : benefits;
      }
      case 'replacement': {
        const card = await s.inquiry('card');
        return card.ok ? ok({ page, card: card.value }) : card;
      }
    }
  }

  private async print(
    printer: StatementPrinter,
    doc: ReceiptDocument,
    code: string,
  ): Promise<Result<PrintDone, PrintRequestFailure>> {
    const r = await printer.printAndWait(doc);
    if (r.ok) {
      this.log.info({ kind: doc.kind, job: r.value.job.id }, 'statement printed');
      return ok({ verificationCode: code, job: 'handed_to_printer' });
    }
    const e = r.error;
    this.log.warn(
      { kind: doc.kind, code: e.code, reprintId: e.reprintId },
      'statement not printed',
    );
    // Refused up front by the port (the state changed since our check): same answers as ours.
    if (e.code === 'paper_out' || e.code === 'printer_unavailable')
      return err({ code: e.code, detail: e.detail });
    return err({
      code: 'print_failed',
      category: printFailureCategory(e.code),
      detail: `${e.code}: ${e.detail}`,
      kept: e.reprintId !== null,
    });
  }
}
