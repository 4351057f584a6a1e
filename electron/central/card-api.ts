/**
 * The session's card calls (services/session.ts `CentralCardApi`) on the sync engine's signed
 * client: the same timeouts, breaker and answer validation as every other call. Interactive
 * calls get few attempts so a screen answers within its time; GETs may be retried, the
 * session-opening and authentication POSTs not (a lost answer may hide an applied request).
 */
import type { z } from 'zod';
import type { OperationId } from '../../server/api-types';
import { err, ok, type Result } from '../result';
import type {
  CentralCardApi,
  CentralFailure,
  InquiryAnswers,
  InquiryKind,
} from '../services/session';
import type { CentralClient } from './client';
import { describeError, type CentralError } from './errors';
import {
  AuthenticatedSessionSchema,
  BenefitsSchema,
  CardSessionSchema,
  CardSummarySchema,
  ContributionsSchema,
  ExternalAuthResponseSchema,
  InsurancesSchema,
  MedicalAccountSchema,
  MedicalTransactionsSchema,
  PensionAccountSchema,
  PersonSchema,
  StatementSchema,
} from './schemas';

const INQUIRY: {
  readonly [K in InquiryKind]: { op: OperationId; schema: z.ZodType<InquiryAnswers[K]> };
} = {
  person: { op: 'getPerson', schema: PersonSchema },
  insurances: { op: 'getInsurances', schema: InsurancesSchema },
  contributions: { op: 'getContributions', schema: ContributionsSchema },
  medicalAccount: { op: 'getMedicalAccount', schema: MedicalAccountSchema },
  medicalTransactions: { op: 'getMedicalTransactions', schema: MedicalTransactionsSchema },
  pensionAccount: { op: 'getPensionAccount', schema: PensionAccountSchema },
  benefits: { op: 'getBenefits', schema: BenefitsSchema },
  card: { op: 'getCard', schema: CardSummarySchema },
};

/** An interactive screen waits this long at most for one call. */
const INTERACTIVE_TIMEOUT_MS = 8_000;

function failure(e: CentralError): CentralFailure {
  return e.kind === 'rejected'
    ? { code: 'central_rejected', apiCode: e.code, detail: e.message }
    : { code: 'central_unavailable', detail: describeError(e) };
}

const mapped = <T>(r: Result<T, CentralError>): Result<T, CentralFailure> =>
  r.ok ? ok(r.value) : err(failure(r.error));

export function centralCardApi(client: CentralClient): CentralCardApi {
  /** A session-opening or authentication POST: not retried, bounded to the screen's time. */
  const post = async <T>(
    op: OperationId,
    schema: z.ZodType<T>,
    body: unknown,
    params?: Record<string, string>,
  ): Promise<Result<T, CentralFailure>> =>
    mapped(
      await client.call(op, {
        params,
        body,
        schema,
        idempotent: false,
        totalTimeoutMs: INTERACTIVE_TIMEOUT_MS,
      }),
    );
  return {
    openCardSession: (body) => post('openCardSession', CardSessionSchema, body),
    authenticate: (sessionId, body) =>
      post('authenticateCardSession', AuthenticatedSessionSchema, body, { sessionId }),
    externalAuth: (sessionId, body) =>
      post('externalAuthCryptogram', ExternalAuthResponseSchema, body, { sessionId }),
    inquiry: async <K extends InquiryKind>(
      sessionId: string,
      token: string,
      kind: K,
      query: { fromYear?: number; toYear?: number },
    ) => {
      const spec = INQUIRY[kind];
      const q: Record<string, number> = {};
      if (query.fromYear !== undefined) q.from = query.fromYear;
      if (query.toYear !== undefined) q.to = query.toYear;
      return mapped(
        await client.call(spec.op, {
          params: { sessionId },
          query: q,
          token,
          schema: spec.schema,
          idempotent: true,
          maxAttempts: 2,
          totalTimeoutMs: INTERACTIVE_TIMEOUT_MS,
        }),
      );
    },
    // Not retried: a lost answer leaves at worst an issued code nobody printed, but a retry
    // would make the citizen wait twice the screen's time.
    issueStatement: async (token, body) =>
      mapped(
        await client.call('issueStatement', {
          body,
          token,
          schema: StatementSchema,
          idempotent: false,
          totalTimeoutMs: INTERACTIVE_TIMEOUT_MS,
        }),
      ),
  };
}
