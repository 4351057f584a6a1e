import { CARD_STATUSES } from '../domain/card-status';
import { ERROR_CODES } from '../errors';
import {
  array,
  bool,
  dateTime,
  enumOf,
  int,
  isoDate,
  nullable,
  obj,
  ref,
  str,
  type JsonSchema,
} from './schema-builders';

const hex = (bytes: number, description: string): JsonSchema =>
  str({ pattern: `^[0-9A-Fa-f]{${bytes * 2}}$`, description });
const fen = (description: string): JsonSchema =>
  int({ description: `${description}, in fen (0.01 CNY)` });
const idempotencyKey = str({
  minLength: 8,
  maxLength: 100,
  pattern: '^[A-Za-z0-9_.:-]+$',
  description:
    'Chosen by the kiosk when the operation is first recorded; a repeat returns the first result',
});
const cardNumber = str({
  pattern: '^[A-Z][0-9]{7}[0-9X]$',
  description: 'card number (社会保障卡卡号)',
});
const masked = (what: string): JsonSchema => str({ maxLength: 40, description: `${what}, masked` });
const INSURANCE_TYPES = [
  'endowment',
  'medical',
  'work_injury',
  'unemployment',
  'maternity',
] as const;

export const schemas: Record<string, JsonSchema> = {
  ApiError: obj({
    error: obj(
      {
        code: enumOf(ERROR_CODES, 'stable machine code'),
        message: str(),
        retryAfterSeconds: int({ minimum: 0 }),
      },
      ['retryAfterSeconds'],
    ),
  }),
  Health: obj({ status: enumOf(['ok']), version: str() }),

  EnrolRequest: obj({
    code: str({ minLength: 6, maxLength: 64, description: 'one-time enrolment code' }),
    name: str({ minLength: 1, maxLength: 100, description: 'site name shown to bureau IT' }),
  }),
  EnrolResponse: obj({ kioskId: str(), secret: str(), hotlistPublicKey: ref('HotlistPublicKey') }),
  HotlistPublicKey: obj({
    keyId: str(),
    publicKeyPem: str({ description: 'Ed25519 SubjectPublicKeyInfo, PEM' }),
  }),

  Heartbeat: obj(
    {
      appVersion: str({ maxLength: 40 }),
      configVersion: int({ minimum: 0 }),
      hotlistVersion: int({ minimum: 0 }),
      outboxDepth: int({ minimum: 0 }),
      oldestOutboxAgeSeconds: int({ minimum: 0 }),
      devices: obj(
        {
          cardReader: enumOf(['online', 'offline', 'hardware_error', 'busy', 'no_device']),
          printer: enumOf(['online', 'offline', 'hardware_error', 'busy', 'no_device']),
          paper: enumOf(['full', 'low', 'out', 'unknown']),
        },
        [],
      ),
      counters: {
        type: 'object',
        additionalProperties: int({ minimum: 0 }),
        maxProperties: 50,
        description: "today's counters per function",
      },
      outOfService: bool(),
    },
    ['oldestOutboxAgeSeconds', 'counters', 'outOfService'],
  ),
  HeartbeatResponse: obj({
    configVersion: int(),
    hotlistVersion: int(),
    commands: array(ref('KioskCommand')),
  }),
  KioskCommand: obj(
    {
      id: int(),
      type: enumOf(['out_of_service', 'in_service', 'refresh_hotlist', 'refresh_config']),
      message: str(),
    },
    ['message'],
  ),
  KioskConfig: obj({
    version: int(),
    enabledFunctions: array(
      enumOf([
        'inquiry',
        'print',
        'activation',
        'change_pin',
        'loss_report',
        'cancel_loss_report',
        'guide',
      ]),
    ),
    idleTimeoutSeconds: int(),
    preReportValidityDays: int(),
    pinPolicy: obj({ length: int(), initialPin: str(), forbidden: array(str()) }),
    outlets: array(obj({ name: str(), address: str(), phone: str() })),
    hotlistPublicKey: ref('HotlistPublicKey'),
  }),

  CardSessionRequest: obj({
    cardIdentificationCode: hex(16, 'EF05 tag 01, 16 bytes'),
    cardNumber,
    atr: str({ pattern: '^[0-9A-Fa-f]{4,66}$' }),
    specVersion: enumOf(['1.00', '2.00', '2.01', '3.00']),
    algorithm: enumOf(['sm4', '3des'], 'from the FCI tag 86: 03 SM4, 01 (or absent) 3DES'),
  }),
  CardSummary: obj({
    cardNumberMasked: masked('card number'),
    status: enumOf(CARD_STATUSES),
    specVersion: str(),
    bank: str(),
    issueDate: isoDate(),
    expiryDate: isoDate(),
    preReportValidUntil: nullable(dateTime()),
    replacement: nullable(
      obj({
        stage: enumOf(['applied', 'in_production', 'ready_for_collection']),
        appliedAt: dateTime(),
      }),
    ),
  }),
  CardSession: obj({
    sessionId: str(),
    expiresAt: dateTime(),
    card: ref('CardSummary'),
    challenge: str({
      description: 'R for INTERNAL AUTHENTICATE (16 bytes hex, for SM4 and 3DES alike)',
    }),
  }),
  AuthenticateRequest: obj({
    cardCryptogram: hex(8, "the card's answer to INTERNAL AUTHENTICATE"),
    pinVerified: {
      type: 'boolean',
      const: true,
      description: 'the card accepted the PIN (the PIN itself is never sent)',
    },
  }),
  AuthenticatedSession: obj({
    token: str({ description: 'send as the x-card-session header on inquiry calls' }),
    expiresAt: dateTime(),
    card: ref('CardSummary'),
  }),
  ExternalAuthRequest: obj({ cardChallenge: hex(8, 'GET CHALLENGE answer from the card') }),
  ExternalAuthResponse: obj({
    cryptogram: str({ description: 'C for EXTERNAL AUTHENTICATE (8 bytes hex)' }),
  }),

  Person: obj({
    name: str(),
    idNumberMasked: masked('ID number'),
    sex: enumOf(['male', 'female']),
    birthDate: isoDate(),
    phoneMasked: masked('mobile number'),
    cardNumberMasked: masked('card number'),
    cardStatus: enumOf(CARD_STATUSES),
    bank: str(),
  }),
  Insurances: obj({
    insurances: array(
      obj({
        type: enumOf(INSURANCE_TYPES),
        status: enumOf(['participating', 'suspended', 'terminated']),
        startDate: isoDate(),
        employer: str(),
      }),
    ),
  }),
  Contributions: obj({
    fromYear: int(),
    toYear: int(),
    years: array(
      obj({
        year: int(),
        totalFen: fen('employer + personal paid in the year'),
        types: array(
          obj({
            type: enumOf(INSURANCE_TYPES),
            months: array(
              obj({
                month: int({ minimum: 1, maximum: 12 }),
                baseFen: fen('contribution base'),
                employerFen: fen('employer part'),
                personalFen: fen('personal part'),
                paid: bool({ description: 'false = arrears' }),
              }),
            ),
          }),
        ),
      }),
    ),
  }),
  MedicalAccount: obj({ balanceFen: fen('personal account balance'), asOf: isoDate() }),
  MedicalTransactions: obj({
    transactions: array(
      obj({
        at: dateTime(),
        kind: enumOf(['credit', 'hospital', 'pharmacy', 'clinic']),
        place: str(),
        amountFen: fen('positive = credit, negative = spending'),
        balanceAfterFen: fen('balance after'),
      }),
    ),
  }),
  PensionAccount: obj({
    totalFen: fen('accumulated personal account'),
    personalFen: fen('of which personal contributions'),
    monthsPaid: int(),
    asOf: isoDate(),
  }),
  Benefits: obj({
    benefits: array(
      obj({
        type: enumOf([
          'pension',
          'unemployment',
          'maternity',
          'work_injury',
          'medical_reimbursement',
        ]),
        month: str({ pattern: '^\\d{4}-\\d{2}$' }),
        amountFen: fen('amount'),
        description: str(),
      }),
    ),
  }),
  CardAction: obj({ idempotencyKey }),
  CardActionResult: obj({ card: ref('CardSummary'), recordedAt: dateTime() }),

  IdentityChallengeRequest: obj({
    idNumber: str({ minLength: 18, maxLength: 18, pattern: '^[0-9]{17}[0-9Xx]$' }),
    name: str({ minLength: 1, maxLength: 30 }),
  }),
  IdentityChallenge: obj({
    challengeId: str(),
    sentTo: masked('registered mobile'),
    expiresAt: dateTime(),
  }),
  ChallengeVerifyRequest: obj({ code: str({ pattern: '^[0-9]{6}$' }) }),
  ChallengeCards: obj({
    cards: array(
      obj({
        cardRef: str(),
        cardNumberMasked: masked('card number'),
        status: enumOf(CARD_STATUSES),
        bank: str(),
      }),
    ),
  }),
  LossReportRequest: obj({
    idempotencyKey,
    challengeId: str({ maxLength: 64 }),
    code: str({ pattern: '^[0-9]{6}$' }),
    cardRef: str({ maxLength: 64 }),
  }),
  LossReport: obj({
    reference: str(),
    cardNumberMasked: masked('card number'),
    status: enumOf(CARD_STATUSES),
    validUntil: dateTime(),
  }),

  StatementRequest: obj(
    {
      kind: enumOf([
        'contributions',
        'person',
        'medical_account',
        'pension_account',
        'insurances',
        'benefits',
        'replacement',
      ]),
      fromYear: int({ minimum: 1980, maximum: 2100 }),
      toYear: int({ minimum: 1980, maximum: 2100 }),
    },
    ['fromYear', 'toYear'],
  ),
  Statement: obj({
    code: str({ description: 'verification code printed on the receipt' }),
    issuedAt: dateTime(),
    kind: str(),
    summary: { type: 'object', additionalProperties: true },
  }),
  StatementVerification: obj({
    valid: bool(),
    code: str(),
    issuedAt: dateTime(),
    kind: str(),
    nameMasked: str(),
    idNumberMasked: masked('ID number'),
    summary: { type: 'object', additionalProperties: true },
  }),

  SignedHotlist: obj({
    payload: str({
      contentMediaType: 'application/json',
      description: 'HotlistPayload as JSON text; the signed bytes',
    }),
    signature: str({ description: 'Ed25519 over the UTF-8 bytes of payload, base64' }),
    keyId: str(),
  }),
  HotlistPayload: obj(
    {
      kind: enumOf(['delta', 'snapshot']),
      fromVersion: int(),
      toVersion: int(),
      added: array(cardNumber),
      removed: array(cardNumber),
      cards: array(cardNumber),
      issuedAt: dateTime(),
    },
    ['added', 'removed', 'cards', 'fromVersion'],
  ),

  OperationBatch: obj({ operations: array(ref('Operation'), { minItems: 1, maxItems: 100 }) }),
  Operation: {
    oneOf: [
      obj({ idempotencyKey, type: enumOf(['activation']), cardNumber, occurredAt: dateTime() }),
      obj({ idempotencyKey, type: enumOf(['pin_changed']), cardNumber, occurredAt: dateTime() }),
      obj({
        idempotencyKey,
        type: enumOf(['loss_report_cancel']),
        cardNumber,
        occurredAt: dateTime(),
      }),
      obj({
        idempotencyKey,
        type: enumOf(['loss_report']),
        challengeId: str({ maxLength: 64 }),
        code: str({ pattern: '^[0-9]{6}$' }),
        cardRef: str({ maxLength: 64 }),
        occurredAt: dateTime(),
      }),
    ],
  },
  OperationResults: obj({
    results: array(
      obj(
        {
          idempotencyKey: str(),
          outcome: enumOf(['applied', 'rejected']),
          status: int({ description: 'the HTTP status the single call would have had' }),
          result: { type: 'object', additionalProperties: true },
          error: ref('ApiError'),
        },
        ['result', 'error'],
      ),
    ),
  }),
  DevSmsMessages: obj({
    messages: array(
      obj({ phone: str(), text: str(), challengeId: nullable(str()), at: dateTime() }),
    ),
  }),
};
