import { schemas } from './components';
import { int, ref, str, type JsonSchema } from './schema-builders';

/**
 * The OpenAPI 3.1 document: the single source of the kiosk ↔ centre contract. Fastify's
 * request validation and response serialisation are derived from it (`route-schemas.ts`),
 * the kiosk's types are generated from it (`server/api-types.ts`), and it is served at
 * `/openapi.json` with a docs page at `/docs`.
 */
export const API_VERSION = '1.0.0';

type Auth = 'none' | 'kiosk' | 'card';
interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly schema: JsonSchema;
  readonly required?: boolean;
  readonly description?: string;
}
interface OperationSpec {
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: Auth;
  readonly body?: string;
  readonly parameters?: readonly Parameter[];
  readonly ok: readonly [number, string];
}

const sessionId: Parameter = {
  name: 'sessionId',
  in: 'path',
  required: true,
  schema: str({ maxLength: 64 }),
};

function operation(spec: OperationSpec): JsonSchema {
  const security =
    spec.auth === 'none'
      ? []
      : spec.auth === 'kiosk'
        ? [{ kioskSignature: [] }]
        : [{ kioskSignature: [], cardSession: [] }];
  const errorResponse = {
    description: 'error',
    content: { 'application/json': { schema: ref('ApiError') } },
  };
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: [spec.tag],
    security,
    ...(spec.parameters ? { parameters: spec.parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref(spec.body) } },
          },
        }
      : {}),
    responses: {
      [String(spec.ok[0])]: {
        description: 'success',
        content: { 'application/json': { schema: ref(spec.ok[1]) } },
      },
      '4XX': errorResponse,
      '5XX': errorResponse,
    },
  };
}

const inquiry = (
  path: string,
  operationId: string,
  summary: string,
  schema: string,
  parameters: Parameter[] = [],
) => ({
  [`/v1/card-sessions/{sessionId}/${path}`]: {
    get: operation({
      operationId,
      summary,
      tag: 'inquiry',
      auth: 'card',
      parameters: [sessionId, ...parameters],
      ok: [200, schema],
    }),
  },
});
const cardAction = (path: string, operationId: string, summary: string) => ({
  [`/v1/card-sessions/{sessionId}/${path}`]: {
    post: operation({
      operationId,
      summary,
      tag: 'card',
      auth: 'card',
      parameters: [sessionId],
      body: 'CardAction',
      ok: [200, 'CardActionResult'],
    }),
  },
});

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'SSC Kiosk central API',
    version: API_VERSION,
    description:
      'The contract between social security card kiosks and the bureau. Every call except enrolment, ' +
      'health and statement verification is signed: x-signature = hex HMAC-SHA256(secret, method \\n ' +
      'path+query \\n timestamp \\n nonce \\n hex sha256(body)), with x-kiosk-id, x-timestamp (ms) and ' +
      'x-nonce (single use). Errors are { error: { code, message } } with a stable code.',
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: {
      kioskSignature: {
        type: 'apiKey',
        in: 'header',
        name: 'x-signature',
        description: 'HMAC request signature',
      },
      cardSession: {
        type: 'apiKey',
        in: 'header',
        name: 'x-card-session',
        description: 'authenticated card session token',
      },
    },
    schemas,
  },
  paths: {
    '/v1/health': {
      get: operation({
        operationId: 'health',
        summary: 'Liveness for load balancers',
        tag: 'service',
        auth: 'none',
        ok: [200, 'Health'],
      }),
    },
    '/v1/kiosks/enrol': {
      post: operation({
        operationId: 'enrolKiosk',
        summary: 'One-time enrolment code → kiosk id and secret',
        tag: 'kiosk',
        auth: 'none',
        body: 'EnrolRequest',
        ok: [201, 'EnrolResponse'],
      }),
    },
    '/v1/kiosks/heartbeat': {
      post: operation({
        operationId: 'heartbeat',
        summary: 'Device status and counters → configuration version and commands',
        tag: 'kiosk',
        auth: 'kiosk',
        body: 'Heartbeat',
        ok: [200, 'HeartbeatResponse'],
      }),
    },
    '/v1/kiosks/config': {
      get: operation({
        operationId: 'kioskConfig',
        summary: 'Kiosk configuration',
        tag: 'kiosk',
        auth: 'kiosk',
        ok: [200, 'KioskConfig'],
      }),
    },
    '/v1/card-sessions': {
      post: operation({
        operationId: 'openCardSession',
        summary: 'Card inserted → session, status, INTERNAL AUTHENTICATE challenge',
        tag: 'card',
        auth: 'kiosk',
        body: 'CardSessionRequest',
        ok: [201, 'CardSession'],
      }),
    },
    '/v1/card-sessions/{sessionId}/authenticate': {
      post: operation({
        operationId: 'authenticateCardSession',
        summary: 'Card cryptogram + PIN verified → short-lived token',
        tag: 'card',
        auth: 'kiosk',
        parameters: [sessionId],
        body: 'AuthenticateRequest',
        ok: [200, 'AuthenticatedSession'],
      }),
    },
    '/v1/card-sessions/{sessionId}/external-auth': {
      post: operation({
        operationId: 'externalAuthCryptogram',
        summary: 'Card challenge → EXTERNAL AUTHENTICATE cryptogram (3.00 cards)',
        tag: 'card',
        auth: 'kiosk',
        parameters: [sessionId],
        body: 'ExternalAuthRequest',
        ok: [200, 'ExternalAuthResponse'],
      }),
    },
    ...inquiry('person', 'getPerson', 'Personal information (masked)', 'Person'),
    ...inquiry('insurances', 'getInsurances', 'Participation per insurance type', 'Insurances'),
    ...inquiry(
      'contributions',
      'getContributions',
      'Contributions by year range',
      'Contributions',
      [
        {
          name: 'from',
          in: 'query',
          required: true,
          schema: int({ minimum: 1980, maximum: 2100 }),
        },
        { name: 'to', in: 'query', required: true, schema: int({ minimum: 1980, maximum: 2100 }) },
      ],
    ),
    ...inquiry(
      'medical-account',
      'getMedicalAccount',
      'Medical insurance personal account',
      'MedicalAccount',
    ),
    ...inquiry(
      'medical-account/transactions',
      'getMedicalTransactions',
      'Recent medical account transactions',
      'MedicalTransactions',
      [{ name: 'limit', in: 'query', schema: int({ minimum: 1, maximum: 200 }) }],
    ),
    ...inquiry(
      'pension-account',
      'getPensionAccount',
      'Endowment insurance personal account',
      'PensionAccount',
    ),
    ...inquiry('benefits', 'getBenefits', 'Benefits received', 'Benefits'),
    ...inquiry('card', 'getCard', 'Card status, bank, replacement progress', 'CardSummary'),
    ...cardAction(
      'activation',
      'activateCard',
      'Enable the social-security function of a sealed card',
    ),
    ...cardAction(
      'pin-changed',
      'recordPinChanged',
      'Record that the PIN was changed (no PIN in the body)',
    ),
    ...cardAction(
      'loss-report/cancel',
      'cancelLossReport',
      'Cancel a pre-report (card in hand + PIN)',
    ),
    '/v1/identity/challenges': {
      post: operation({
        operationId: 'createIdentityChallenge',
        summary: 'ID number + name → one-time code to the registered mobile; uniform answer',
        tag: 'loss report',
        auth: 'kiosk',
        body: 'IdentityChallengeRequest',
        ok: [201, 'IdentityChallenge'],
      }),
    },
    '/v1/identity/challenges/{challengeId}/verify': {
      post: operation({
        operationId: 'verifyIdentityChallenge',
        summary: "One-time code → the person's cards (masked)",
        tag: 'loss report',
        auth: 'kiosk',
        parameters: [
          { name: 'challengeId', in: 'path', required: true, schema: str({ maxLength: 64 }) },
        ],
        body: 'ChallengeVerifyRequest',
        ok: [200, 'ChallengeCards'],
      }),
    },
    '/v1/loss-reports': {
      post: operation({
        operationId: 'createLossReport',
        summary: 'Pre-report a card lost (临时挂失)',
        tag: 'loss report',
        auth: 'kiosk',
        body: 'LossReportRequest',
        ok: [201, 'LossReport'],
      }),
    },
    '/v1/statements': {
      post: operation({
        operationId: 'issueStatement',
        summary: 'Issue a printable statement with a verification code',
        tag: 'statements',
        auth: 'card',
        body: 'StatementRequest',
        ok: [201, 'Statement'],
      }),
    },
    '/v1/statements/{code}': {
      get: operation({
        operationId: 'verifyStatement',
        summary: 'Anyone can verify a statement code',
        tag: 'statements',
        auth: 'none',
        parameters: [{ name: 'code', in: 'path', required: true, schema: str({ maxLength: 40 }) }],
        ok: [200, 'StatementVerification'],
      }),
    },
    '/v1/hotlist': {
      get: operation({
        operationId: 'getHotlist',
        summary: 'Signed invalid-list delta since a version, or a snapshot',
        tag: 'hotlist',
        auth: 'kiosk',
        parameters: [{ name: 'since', in: 'query', schema: int({ minimum: 0 }) }],
        ok: [200, 'SignedHotlist'],
      }),
    },
    '/v1/operations': {
      post: operation({
        operationId: 'deliverOperations',
        summary: 'Batch delivery of queued operations, each applied once per idempotency key',
        tag: 'kiosk',
        auth: 'kiosk',
        body: 'OperationBatch',
        ok: [200, 'OperationResults'],
      }),
    },
    '/v1/dev/sms': {
      get: operation({
        operationId: 'devSmsMessages',
        summary: 'Development SMS sink (demo/test mode only; 404 otherwise)',
        tag: 'development',
        auth: 'none',
        ok: [200, 'DevSmsMessages'],
      }),
    },
  },
} as const;

export type OpenApiDocument = typeof openApiDocument;
