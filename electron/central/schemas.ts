import { z } from 'zod';
import type * as api from '../../server/api-types';
import { KioskFunction } from '../attendant-contract';

/**
 * Runtime schemas of the central service's answers the kiosk reads. The types come from the
 * OpenAPI document (server/api-types.ts, generated); the `Same` checks below fail to compile
 * when a schema and its generated type drift apart, so "validated against the schema" means
 * the document's schema. Objects are not strict: a newer service may add fields.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function same(check: true): boolean {
  return check;
}

const errorCodes = [
  'validation_failed',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'missing_signature',
  'bad_signature',
  'stale_request',
  'replayed_nonce',
  'unknown_kiosk',
  'kiosk_disabled',
  'enrolment_code_invalid',
  'card_not_found',
  'card_mismatch',
  'session_not_found',
  'session_expired',
  'session_token_invalid',
  'card_auth_failed',
  'card_auth_attempts_exceeded',
  'pin_not_verified',
  'activation_not_allowed',
  'pre_report_not_allowed',
  'cancel_not_allowed',
  'replacement_in_progress',
  'transition_not_allowed',
  'challenge_not_found',
  'code_invalid',
  'code_expired',
  'challenge_locked',
  'rate_limited',
  'idempotency_key_reused',
  'statement_not_found',
  'dev_sink_disabled',
  'internal_error',
] as const satisfies readonly api.ErrorCode[];

export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    retryAfterSeconds: z.number().optional(),
  }),
});
same(true satisfies Same<z.infer<typeof ApiErrorSchema>['error']['code'], api.ErrorCode>);

const HotlistPublicKeySchema = z.object({ keyId: z.string(), publicKeyPem: z.string() });

export const EnrolResponseSchema = z.object({
  kioskId: z.string().min(1),
  secret: z.string().min(16),
  hotlistPublicKey: HotlistPublicKeySchema,
});
same(true satisfies Same<z.infer<typeof EnrolResponseSchema>, api.EnrolResponse>);

export const HeartbeatResponseSchema = z.object({
  configVersion: z.number().int(),
  hotlistVersion: z.number().int(),
  commands: z.array(
    z.object({
      id: z.number().int(),
      type: z.enum(['out_of_service', 'in_service', 'refresh_hotlist', 'refresh_config']),
      message: z.string().optional(),
    }),
  ),
});
same(true satisfies Same<z.infer<typeof HeartbeatResponseSchema>, api.HeartbeatResponse>);

const cardStatuses = [
  'number_assigned',
  'in_production',
  'sealed',
  'active',
  'pre_reported_lost',
  'formally_lost',
  'cancelled_after_loss',
  'cancelled',
] as const;

/**
 * The remote configuration. Stricter than the document where the kiosk needs sense (an idle
 * timeout of 0 s would lock citizens out): a configuration outside these bounds is refused and
 * the previous one kept.
 */
export const KioskConfigSchema = z.object({
  version: z.number().int().min(0),
  /** The kiosk's own function names are the central configuration's (one list). */
  enabledFunctions: z.array(KioskFunction),
  idleTimeoutSeconds: z.number().int().min(10).max(3600),
  preReportValidityDays: z.number().int().min(1).max(365),
  pinPolicy: z.object({
    length: z.number().int().min(4).max(12),
    initialPin: z.string(),
    forbidden: z.array(z.string()),
  }),
  outlets: z.array(z.object({ name: z.string(), address: z.string(), phone: z.string() })),
  hotlistPublicKey: HotlistPublicKeySchema,
});
same(true satisfies Same<z.infer<typeof KioskConfigSchema>, api.KioskConfig>);

export const SignedHotlistSchema = z.object({
  payload: z.string(),
  signature: z.string(),
  keyId: z.string(),
});
same(true satisfies Same<z.infer<typeof SignedHotlistSchema>, api.SignedHotlist>);

export const HotlistPayloadSchema = z.object({
  kind: z.enum(['delta', 'snapshot']),
  fromVersion: z.number().int().min(0).optional(),
  toVersion: z.number().int().min(0),
  added: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
  cards: z.array(z.string()).optional(),
  issuedAt: z.string(),
});
same(true satisfies Same<z.infer<typeof HotlistPayloadSchema>, api.HotlistPayload>);

export const OperationResultsSchema = z.object({
  results: z.array(
    z.object({
      idempotencyKey: z.string(),
      outcome: z.enum(['applied', 'rejected']),
      status: z.number().int(),
      result: z.record(z.string(), z.unknown()).optional(),
      error: ApiErrorSchema.optional(),
    }),
  ),
});
same(true satisfies Same<z.infer<typeof OperationResultsSchema>, api.OperationResults>);

export const CardSummarySchema = z.object({
  cardNumberMasked: z.string(),
  status: z.enum(cardStatuses),
  specVersion: z.string(),
  bank: z.string(),
  issueDate: z.string(),
  expiryDate: z.string(),
  preReportValidUntil: z.string().nullable(),
  replacement: z
    .object({
      stage: z.enum(['applied', 'in_production', 'ready_for_collection']),
      appliedAt: z.string(),
    })
    .nullable(),
});
same(true satisfies Same<z.infer<typeof CardSummarySchema>, api.CardSummary>);

export const CardSessionSchema = z.object({
  sessionId: z.string(),
  expiresAt: z.string(),
  card: CardSummarySchema,
  challenge: z.string(),
});
same(true satisfies Same<z.infer<typeof CardSessionSchema>, api.CardSession>);

export const AuthenticatedSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  card: CardSummarySchema,
});
same(true satisfies Same<z.infer<typeof AuthenticatedSessionSchema>, api.AuthenticatedSession>);

export const PersonSchema = z.object({
  name: z.string(),
  idNumberMasked: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  phoneMasked: z.string(),
  cardNumberMasked: z.string(),
  cardStatus: z.enum(cardStatuses),
  bank: z.string(),
});
same(true satisfies Same<z.infer<typeof PersonSchema>, api.Person>);

export const CardActionResultSchema = z.object({
  card: CardSummarySchema,
  recordedAt: z.string(),
});
same(true satisfies Same<z.infer<typeof CardActionResultSchema>, api.CardActionResult>);

export const LossReportSchema = z.object({
  reference: z.string(),
  cardNumberMasked: z.string(),
  status: z.enum(cardStatuses),
  validUntil: z.string(),
});
same(true satisfies Same<z.infer<typeof LossReportSchema>, api.LossReport>);

export const IdentityChallengeSchema = z.object({
  challengeId: z.string(),
  sentTo: z.string(),
  expiresAt: z.string(),
});
same(true satisfies Same<z.infer<typeof IdentityChallengeSchema>, api.IdentityChallenge>);

export const ChallengeCardsSchema = z.object({
  cards: z.array(
    z.object({
      cardRef: z.string(),
      cardNumberMasked: z.string(),
      status: z.enum(cardStatuses),
      bank: z.string(),
    }),
  ),
});
same(true satisfies Same<z.infer<typeof ChallengeCardsSchema>, api.ChallengeCards>);

// ── card-session inquiry answers (citizen flows) ──────────────────────────────────────────

export const ExternalAuthResponseSchema = z.object({ cryptogram: z.string() });
same(true satisfies Same<z.infer<typeof ExternalAuthResponseSchema>, api.ExternalAuthResponse>);

const insuranceTypes = [
  'endowment',
  'medical',
  'work_injury',
  'unemployment',
  'maternity',
] as const;
const fen = z.number().int();

export const InsurancesSchema = z.object({
  insurances: z.array(
    z.object({
      type: z.enum(insuranceTypes),
      status: z.enum(['participating', 'suspended', 'terminated']),
      startDate: z.string(),
      employer: z.string(),
    }),
  ),
});
same(true satisfies Same<z.infer<typeof InsurancesSchema>, api.Insurances>);

export const ContributionsSchema = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  years: z.array(
    z.object({
      year: z.number().int(),
      totalFen: fen,
      types: z.array(
        z.object({
          type: z.enum(insuranceTypes),
          months: z.array(
            z.object({
              month: z.number().int().min(1).max(12),
              baseFen: fen,
              employerFen: fen,
              personalFen: fen,
              paid: z.boolean(),
            }),
          ),
        }),
      ),
    }),
  ),
});
same(true satisfies Same<z.infer<typeof ContributionsSchema>, api.Contributions>);

export const MedicalAccountSchema = z.object({ balanceFen: fen, asOf: z.string() });
same(true satisfies Same<z.infer<typeof MedicalAccountSchema>, api.MedicalAccount>);

export const MedicalTransactionsSchema = z.object({
  transactions: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['credit', 'hospital', 'pharmacy', 'clinic']),
      place: z.string(),
      amountFen: fen,
      balanceAfterFen: fen,
    }),
  ),
});
same(true satisfies Same<z.infer<typeof MedicalTransactionsSchema>, api.MedicalTransactions>);

export const PensionAccountSchema = z.object({
  totalFen: fen,
  personalFen: fen,
  monthsPaid: z.number().int(),
  asOf: z.string(),
});
same(true satisfies Same<z.infer<typeof PensionAccountSchema>, api.PensionAccount>);

export const BenefitsSchema = z.object({
  benefits: z.array(
    z.object({
      type: z.enum([
        'pension',
        'unemployment',
        'maternity',
        'work_injury',
        'medical_reimbursement',
      ]),
      month: z.string(),
      amountFen: fen,
      description: z.string(),
    }),
  ),
});
same(true satisfies Same<z.infer<typeof BenefitsSchema>, api.Benefits>);

// ── statements (printing) ─────────────────────────────────────────────────────────────────

/** Verification codes as the service issues them: four groups of four (Crockford alphabet). */
export const StatementSchema = z.object({
  code: z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
  issuedAt: z.string(),
  kind: z.string(),
  summary: z.record(z.string(), z.unknown()),
});
same(true satisfies Same<z.infer<typeof StatementSchema>, api.Statement>);
