import fc from 'fast-check';
import { openApiDocument } from '../openapi/document';
import type { JsonSchema } from '../openapi/schema-builders';
import { dereference } from '../openapi/route-schemas';
import type { KioskClient } from './kiosk-client';

/**
 * Property-based fuzzing of every operation in the OpenAPI document (R6): signed requests
 * with random bodies, query strings and path parameters must be answered 2xx/4xx, never 5xx.
 * Bodies are mostly "almost right" (the operation's own field names with random values) so
 * the fuzz reaches the handlers, not just the validator.
 */
interface Operation {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly bodySchema: JsonSchema | undefined;
  readonly queryNames: readonly string[];
}

export function documentOperations(): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(openApiDocument.paths)) {
    for (const [method, op] of Object.entries(methods as Record<string, Record<string, unknown>>)) {
      const body = (
        op.requestBody as { content: { 'application/json': { schema: JsonSchema } } } | undefined
      )?.content['application/json'].schema;
      const params = (op.parameters as { name: string; in: string }[] | undefined) ?? [];
      ops.push({
        method: method === 'get' ? 'GET' : 'POST',
        path,
        bodySchema: body ? (dereference(body) as JsonSchema) : undefined,
        queryNames: params.filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return ops;
}

const hexish = fc.stringMatching(/^[0-9A-F]{0,40}$/);
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  hexish,
  fc.stringMatching(/^[0-9]{6}$/),
  fc.stringMatching(/^[0-9]{17}[0-9X]$/),
  fc.stringMatching(/^[A-Z][0-9]{8}$/),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

function valueFor(schema: JsonSchema | undefined, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return fc.oneof(scalar, fc.anything({ maxDepth: 2 }));
  const options: fc.Arbitrary<unknown>[] = [scalar];
  if (Array.isArray(schema.enum)) options.push(fc.constantFrom(...(schema.enum as unknown[])));
  if (Array.isArray(schema.oneOf))
    options.push(...(schema.oneOf as JsonSchema[]).map((s) => valueFor(s, depth + 1)));
  if (schema.type === 'object' && schema.properties) options.push(objectFor(schema, depth + 1));
  if (schema.type === 'array')
    options.push(fc.array(valueFor(schema.items as JsonSchema, depth + 1), { maxLength: 4 }));
  return fc.oneof(...options);
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const props = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = valueFor(v, depth);
  return fc.record(model, { requiredKeys: [] });
}

export interface FuzzCase {
  readonly op: Operation;
  readonly pathParam: string;
  readonly query: Record<string, string>;
  readonly body:
    { kind: 'json'; value: unknown } | { kind: 'raw'; text: string } | { kind: 'none' };
}

export function caseFor(op: Operation, sessionId: string): fc.Arbitrary<FuzzCase> {
  const body: fc.Arbitrary<FuzzCase['body']> =
    op.method === 'GET'
      ? fc.constant({ kind: 'none' as const })
      : fc.oneof(
          {
            weight: 6,
            arbitrary: (op.bodySchema ? objectFor(op.bodySchema, 0) : fc.anything()).map(
              (value) => ({ kind: 'json' as const, value }),
            ),
          },
          {
            weight: 2,
            arbitrary: fc
              .anything({ maxDepth: 3 })
              .map((value) => ({ kind: 'json' as const, value })),
          },
          {
            weight: 1,
            arbitrary: fc.string({ maxLength: 60 }).map((text) => ({ kind: 'raw' as const, text })),
          },
        );
  const pathParam = fc.oneof(fc.constant(sessionId), fc.string({ maxLength: 70 }), hexish);
  const query = fc.dictionary(
    fc.oneof(
      fc.constantFrom(...(op.queryNames.length > 0 ? op.queryNames : ['x'])),
      fc.string({ maxLength: 8 }),
    ),
    fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)),
    { maxKeys: 3 },
  );
  return fc.record({ op: fc.constant(op), pathParam, query, body });
}

export function urlFor(c: FuzzCase): string {
  const path = c.op.path.replace(/\{\w+\}/g, encodeURIComponent(c.pathParam) || 'x');
  const qs = new URLSearchParams(c.query).toString();
  return qs ? `${path}?${qs}` : path;
}

/** Runs `runs` random requests against each operation; returns the ones answered 5xx. */
export async function fuzzOperations(
  kiosk: KioskClient,
  session: { sessionId: string; token: string },
  runs: number,
  seed?: number,
): Promise<{ requests: number; failures: { url: string; status: number; body: unknown }[] }> {
  const failures: { url: string; status: number; body: unknown }[] = [];
  let requests = 0;
  for (const op of documentOperations()) {
    await fc
      .assert(
        fc.asyncProperty(caseFor(op, session.sessionId), async (c) => {
          const url = urlFor(c);
          const res = await kiosk.request(
            c.op.method,
            url,
            c.body.kind === 'json' ? c.body.value : undefined,
            { token: session.token, ...(c.body.kind === 'raw' ? { raw: c.body.text } : {}) },
          );
          requests += 1;
          if (res.status >= 500) failures.push({ url, status: res.status, body: res.body });
          return res.status < 500;
        }),
        { numRuns: runs, ...(seed !== undefined ? { seed } : {}), endOnFailure: true },
      )
      .catch(() => undefined); // failures are collected above with the request that caused them
  }
  return { requests, failures };
}
