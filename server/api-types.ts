// Generated from the OpenAPI document (server/src/openapi/document.ts) by
// `npm run central -- gen-types`. Do not edit by hand: a unit test checks it is current.

export const API_VERSION = '1.0.0';

export type ApiError = {
  readonly error: {
    /** stable machine code */
    readonly code:
      | 'validation_failed'
      | 'unsupported_media_type'
      | 'payload_too_large'
      | 'not_found'
      | 'missing_signature'
      | 'bad_signature'
      | 'stale_request'
      | 'replayed_nonce'
      | 'unknown_kiosk'
      | 'kiosk_disabled'
      | 'enrolment_code_invalid'
      | 'card_not_found'
      | 'card_mismatch'
      | 'session_not_found'
      | 'session_expired'
      | 'session_token_invalid'
      | 'card_auth_failed'
      | 'card_auth_attempts_exceeded'
      | 'pin_not_verified'
      | 'activation_not_allowed'
      | 'pre_report_not_allowed'
      | 'cancel_not_allowed'
      | 'replacement_in_progress'
      | 'transition_not_allowed'
      | 'challenge_not_found'
      | 'code_invalid'
      | 'code_expired'
      | 'challenge_locked'
      | 'rate_limited'
      | 'idempotency_key_reused'
      | 'statement_not_found'
      | 'dev_sink_disabled'
      | 'internal_error';
    readonly message: string;
    readonly retryAfterSeconds?: number;
  };
};

export type Health = {
  readonly status: 'ok';
  readonly version: string;
};

export type EnrolRequest = {
  /** one-time enrolment code */
  readonly code: string;
  /** site name shown to bureau IT */
  readonly name: string;
};

export type EnrolResponse = {
  readonly kioskId: string;
  readonly secret: string;
  readonly hotlistPublicKey: HotlistPublicKey;
};

export type HotlistPublicKey = {
  readonly keyId: string;
  /** Ed25519 SubjectPublicKeyInfo, PEM */
  readonly publicKeyPem: string;
};

export type Heartbeat = {
  readonly appVersion: string;
  readonly configVersion: number;
  readonly hotlistVersion: number;
  readonly outboxDepth: number;
  readonly oldestOutboxAgeSeconds?: number;
  readonly devices: {
    readonly cardReader: 'online' | 'offline' | 'hardware_error' | 'busy' | 'no_device';
    readonly printer: 'online' | 'offline' | 'hardware_error' | 'busy' | 'no_device';
    readonly paper: 'full' | 'low' | 'out' | 'unknown';
  };
  /** today's counters per function */
  readonly counters?: Record<string, number>;
  readonly outOfService?: boolean;
};

export type HeartbeatResponse = {
  readonly configVersion: number;
  readonly hotlistVersion: number;
  readonly commands: Array<KioskCommand>;
};

export type KioskCommand = {
  readonly id: number;
  readonly type: 'out_of_service' | 'in_service' | 'refresh_hotlist' | 'refresh_config';
  readonly message?: string;
};

export type KioskConfig = {
  readonly version: number;
  readonly enabledFunctions: Array<
    | 'inquiry'
    | 'print'
    | 'activation'
    | 'change_pin'
    | 'loss_report'
    | 'cancel_loss_report'
    | 'guide'
  >;
  readonly idleTimeoutSeconds: number;
  readonly preReportValidityDays: number;
  readonly pinPolicy: {
    readonly length: number;
    readonly initialPin: string;
    readonly forbidden: Array<string>;
  };
  readonly outlets: Array<{
    readonly name: string;
    readonly address: string;
    readonly phone: string;
  }>;
  readonly hotlistPublicKey: HotlistPublicKey;
};

export type CardSessionRequest = {
  /** EF05 tag 01, 16 bytes */
  readonly cardIdentificationCode: string;
  /** card number (社会保障卡卡号) */
  readonly cardNumber: string;
  readonly atr: string;
  readonly specVersion: '1.00' | '2.00' | '2.01' | '3.00';
  /** from the FCI tag 86: 03 SM4, 01 (or absent) 3DES */
  readonly algorithm: 'sm4' | '3des';
};

export type CardSummary = {
  /** card number, masked */
  readonly cardNumberMasked: string;
  readonly status:
    | 'number_assigned'
    | 'in_production'
    | 'sealed'
    | 'active'
    | 'pre_reported_lost'
    | 'formally_lost'
    | 'cancelled_after_loss'
    | 'cancelled';
  readonly specVersion: string;
  readonly bank: string;
  readonly issueDate: string;
  readonly expiryDate: string;
  readonly preReportValidUntil: string | null;
  readonly replacement: {
    readonly stage: 'applied' | 'in_production' | 'ready_for_collection';
    readonly appliedAt: string;
  } | null;
};

export type CardSession = {
  readonly sessionId: string;
  readonly expiresAt: string;
  readonly card: CardSummary;
  /** R for INTERNAL AUTHENTICATE (16 bytes hex, for SM4 and 3DES alike) */
  readonly challenge: string;
};

export type AuthenticateRequest = {
  /** the card's answer to INTERNAL AUTHENTICATE */
  readonly cardCryptogram: string;
  /** the card accepted the PIN (the PIN itself is never sent) */
  readonly pinVerified: true;
};

export type AuthenticatedSession = {
  /** send as the x-card-session header on inquiry calls */
  readonly token: string;
  readonly expiresAt: string;
  readonly card: CardSummary;
};

export type ExternalAuthRequest = {
  /** GET CHALLENGE answer from the card */
  readonly cardChallenge: string;
};

export type ExternalAuthResponse = {
  /** C for EXTERNAL AUTHENTICATE (8 bytes hex) */
  readonly cryptogram: string;
};

export type Person = {
  readonly name: string;
  /** ID number, masked */
  readonly idNumberMasked: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string;
  /** mobile number, masked */
  readonly phoneMasked: string;
  /** card number, masked */
  readonly cardNumberMasked: string;
  readonly cardStatus:
    | 'number_assigned'
    | 'in_production'
    | 'sealed'
    | 'active'
    | 'pre_reported_lost'
    | 'formally_lost'
    | 'cancelled_after_loss'
    | 'cancelled';
  readonly bank: string;
};

export type Insurances = {
  readonly insurances: Array<{
    readonly type: 'endowment' | 'medical' | 'work_injury' | 'unemployment' | 'maternity';
    readonly status: 'participating' | 'suspended' | 'terminated';
    readonly startDate: string;
    readonly employer: string;
  }>;
};

export type Contributions = {
  readonly fromYear: number;
  readonly toYear: number;
  readonly years: Array<{
    readonly year: number;
    /** employer + personal paid in the year, in fen (0.01 CNY) */
    readonly totalFen: number;
    readonly types: Array<{
      readonly type: 'endowment' | 'medical' | 'work_injury' | 'unemployment' | 'maternity';
      readonly months: Array<{
        readonly month: number;
        /** contribution base, in fen (0.01 CNY) */
        readonly baseFen: number;
        /** employer part, in fen (0.01 CNY) */
        readonly employerFen: number;
        /** personal part, in fen (0.01 CNY) */
        readonly personalFen: number;
        /** false = arrears */
        readonly paid: boolean;
      }>;
    }>;
  }>;
};

export type MedicalAccount = {
  /** personal account balance, in fen (0.01 CNY) */
  readonly balanceFen: number;
  readonly asOf: string;
};

export type MedicalTransactions = {
  readonly transactions: Array<{
    readonly at: string;
    readonly kind: 'credit' | 'hospital' | 'pharmacy' | 'clinic';
    readonly place: string;
    /** positive = credit, negative = spending, in fen (0.01 CNY) */
    readonly amountFen: number;
    /** balance after, in fen (0.01 CNY) */
    readonly balanceAfterFen: number;
  }>;
};

export type PensionAccount = {
  /** accumulated personal account, in fen (0.01 CNY) */
  readonly totalFen: number;
  /** of which personal contributions, in fen (0.01 CNY) */
  readonly personalFen: number;
  readonly monthsPaid: number;
  readonly asOf: string;
};

export type Benefits = {
  readonly benefits: Array<{
    readonly type:
      'pension' | 'unemployment' | 'maternity' | 'work_injury' | 'medical_reimbursement';
    readonly month: string;
    /** amount, in fen (0.01 CNY) */
    readonly amountFen: number;
    readonly description: string;
  }>;
};

export type CardAction = {
  /** Chosen by the kiosk when the operation is first recorded; a repeat returns the first result */
  readonly idempotencyKey: string;
};

export type CardActionResult = {
  readonly card: CardSummary;
  readonly recordedAt: string;
};

export type IdentityChallengeRequest = {
  readonly idNumber: string;
  readonly name: string;
};

export type IdentityChallenge = {
  readonly challengeId: string;
  /** registered mobile, masked */
  readonly sentTo: string;
  readonly expiresAt: string;
};

export type ChallengeVerifyRequest = {
  readonly code: string;
};

export type ChallengeCards = {
  readonly cards: Array<{
    readonly cardRef: string;
    /** card number, masked */
    readonly cardNumberMasked: string;
    readonly status:
      | 'number_assigned'
      | 'in_production'
      | 'sealed'
      | 'active'
      | 'pre_reported_lost'
      | 'formally_lost'
      | 'cancelled_after_loss'
      | 'cancelled';
    readonly bank: string;
  }>;
};

export type LossReportRequest = {
  /** Chosen by the kiosk when the operation is first recorded; a repeat returns the first result */
  readonly idempotencyKey: string;
  readonly challengeId: string;
  readonly code: string;
  readonly cardRef: string;
};

export type LossReport = {
  readonly reference: string;
  /** card number, masked */
  readonly cardNumberMasked: string;
  readonly status:
    | 'number_assigned'
    | 'in_production'
    | 'sealed'
    | 'active'
    | 'pre_reported_lost'
    | 'formally_lost'
    | 'cancelled_after_loss'
    | 'cancelled';
  readonly validUntil: string;
};

export type StatementRequest = {
  readonly kind:
    | 'contributions'
    | 'person'
    | 'medical_account'
    | 'pension_account'
    | 'insurances'
    | 'benefits'
    | 'replacement';
  readonly fromYear?: number;
  readonly toYear?: number;
};

export type Statement = {
  /** verification code printed on the receipt */
  readonly code: string;
  readonly issuedAt: string;
  readonly kind: string;
  readonly summary: Record<string, unknown>;
};

export type StatementVerification = {
  readonly valid: boolean;
  readonly code: string;
  readonly issuedAt: string;
  readonly kind: string;
  readonly nameMasked: string;
  /** ID number, masked */
  readonly idNumberMasked: string;
  readonly summary: Record<string, unknown>;
};

export type SignedHotlist = {
  /** HotlistPayload as JSON text; the signed bytes */
  readonly payload: string;
  /** Ed25519 over the UTF-8 bytes of payload, base64 */
  readonly signature: string;
  readonly keyId: string;
};

export type HotlistPayload = {
  readonly kind: 'delta' | 'snapshot';
  readonly fromVersion?: number;
  readonly toVersion: number;
  readonly added?: Array<string>;
  readonly removed?: Array<string>;
  readonly cards?: Array<string>;
  readonly issuedAt: string;
};

export type OperationBatch = {
  readonly operations: Array<Operation>;
};

export type Operation =
  | {
      /** Chosen by the kiosk when the operation is first recorded; a repeat returns the first result */
      readonly idempotencyKey: string;
      readonly type: 'activation';
      /** card number (社会保障卡卡号) */
      readonly cardNumber: string;
      readonly occurredAt: string;
    }
  | {
      /** Chosen by the kiosk when the operation is first recorded; a repeat returns the first result */
      readonly idempotencyKey: string;
      readonly type: 'pin_changed';
      /** card number (社会保障卡卡号) */
      readonly cardNumber: string;
      readonly occurredAt: string;
    }
  | {
      /** Chosen by the kiosk when the operation is first recorded; a repeat returns the first result */
      readonly idempotencyKey: string;
      readonly type: 'loss_report_cancel';
      /** card number (社会保障卡卡号) */
      readonly cardNumber: string;
      readonly occurredAt: string;
    }
  | {
      /** Chosen by the kiosk when the operation is first recorded; a repeat returns the first result */
      readonly idempotencyKey: string;
      readonly type: 'loss_report';
      readonly challengeId: string;
      readonly code: string;
      readonly cardRef: string;
      readonly occurredAt: string;
    };

export type OperationResults = {
  readonly results: Array<{
    readonly idempotencyKey: string;
    readonly outcome: 'applied' | 'rejected';
    /** the HTTP status the single call would have had */
    readonly status: number;
    readonly result?: Record<string, unknown>;
    readonly error?: ApiError;
  }>;
};

export type DevSmsMessages = {
  readonly messages: Array<{
    readonly phone: string;
    readonly text: string;
    readonly challengeId: string | null;
    readonly at: string;
  }>;
};

export type ErrorCode = ApiError['error']['code'];

/** Every operation of the document: method, path template and who signs it. */
export const OPERATIONS = {
  health: { method: 'GET', path: '/v1/health', auth: 'none' },
  enrolKiosk: { method: 'POST', path: '/v1/kiosks/enrol', auth: 'none' },
  heartbeat: { method: 'POST', path: '/v1/kiosks/heartbeat', auth: 'kiosk' },
  kioskConfig: { method: 'GET', path: '/v1/kiosks/config', auth: 'kiosk' },
  openCardSession: { method: 'POST', path: '/v1/card-sessions', auth: 'kiosk' },
  authenticateCardSession: {
    method: 'POST',
    path: '/v1/card-sessions/{sessionId}/authenticate',
    auth: 'kiosk',
  },
  externalAuthCryptogram: {
    method: 'POST',
    path: '/v1/card-sessions/{sessionId}/external-auth',
    auth: 'kiosk',
  },
  getPerson: { method: 'GET', path: '/v1/card-sessions/{sessionId}/person', auth: 'card' },
  getInsurances: { method: 'GET', path: '/v1/card-sessions/{sessionId}/insurances', auth: 'card' },
  getContributions: {
    method: 'GET',
    path: '/v1/card-sessions/{sessionId}/contributions',
    auth: 'card',
  },
  getMedicalAccount: {
    method: 'GET',
    path: '/v1/card-sessions/{sessionId}/medical-account',
    auth: 'card',
  },
  getMedicalTransactions: {
    method: 'GET',
    path: '/v1/card-sessions/{sessionId}/medical-account/transactions',
    auth: 'card',
  },
  getPensionAccount: {
    method: 'GET',
    path: '/v1/card-sessions/{sessionId}/pension-account',
    auth: 'card',
  },
  getBenefits: { method: 'GET', path: '/v1/card-sessions/{sessionId}/benefits', auth: 'card' },
  getCard: { method: 'GET', path: '/v1/card-sessions/{sessionId}/card', auth: 'card' },
  activateCard: { method: 'POST', path: '/v1/card-sessions/{sessionId}/activation', auth: 'card' },
  recordPinChanged: {
    method: 'POST',
    path: '/v1/card-sessions/{sessionId}/pin-changed',
    auth: 'card',
  },
  cancelLossReport: {
    method: 'POST',
    path: '/v1/card-sessions/{sessionId}/loss-report/cancel',
    auth: 'card',
  },
  createIdentityChallenge: { method: 'POST', path: '/v1/identity/challenges', auth: 'kiosk' },
  verifyIdentityChallenge: {
    method: 'POST',
    path: '/v1/identity/challenges/{challengeId}/verify',
    auth: 'kiosk',
  },
  createLossReport: { method: 'POST', path: '/v1/loss-reports', auth: 'kiosk' },
  issueStatement: { method: 'POST', path: '/v1/statements', auth: 'card' },
  verifyStatement: { method: 'GET', path: '/v1/statements/{code}', auth: 'none' },
  getHotlist: { method: 'GET', path: '/v1/hotlist', auth: 'kiosk' },
  deliverOperations: { method: 'POST', path: '/v1/operations', auth: 'kiosk' },
  devSmsMessages: { method: 'GET', path: '/v1/dev/sms', auth: 'none' },
} as const;

export type OperationId = keyof typeof OPERATIONS;
