import type { FastifySchema } from 'fastify';
import { openApiDocument } from './document';
import type { JsonSchema } from './schema-builders';

type Method = 'get' | 'post';
type Json = unknown;

const REF_PREFIX = '#/components/schemas/';
const componentSchemas: Record<string, JsonSchema> = openApiDocument.components.schemas;

/** Inlines `#/components/schemas/*` references: Ajv and fast-json-stringify get plain schemas. */
export function dereference(node: Json): Json {
  if (Array.isArray(node)) return node.map(dereference);
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, Json>;
  const target = record.$ref;
  if (typeof target === 'string' && target.startsWith(REF_PREFIX)) {
    const found = componentSchemas[target.slice(REF_PREFIX.length)];
    if (!found) throw new Error(`unknown schema ${target}`);
    return dereference(found);
  }
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(record)) {
    // contentMediaType is annotation-only in OpenAPI; Ajv's strict mode does not know it.
    if (k === 'contentMediaType') continue;
    out[k] = dereference(v);
  }
  return out;
}

interface DocParameter {
  readonly name: string;
  readonly in: string;
  readonly schema: JsonSchema;
  readonly required?: boolean;
}

function parameterObject(
  params: readonly DocParameter[],
  where: 'path' | 'query',
): JsonSchema | undefined {
  const chosen = params.filter((p) => p.in === where);
  if (chosen.length === 0) return undefined;
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(chosen.map((p) => [p.name, dereference(p.schema)])),
    required: chosen.filter((p) => p.required === true).map((p) => p.name),
  };
}

/** The Fastify route schema for one operation of the document. */
export function routeSchema(method: Method, path: string): FastifySchema {
  const paths = openApiDocument.paths as Record<string, Record<string, Json>>;
  const op = paths[path]?.[method] as
    | {
        parameters?: readonly DocParameter[];
        requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
        responses: Record<string, { content: { 'application/json': { schema: JsonSchema } } }>;
      }
    | undefined;
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the OpenAPI document`);
  const params = op.parameters ?? [];
  const response: Record<string, Json> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    // OpenAPI writes ranges as 4XX; Fastify as 4xx.
    response[status.toLowerCase()] = dereference(r.content['application/json'].schema);
  }
  const schema: FastifySchema = { response };
  const body = op.requestBody?.content['application/json'].schema;
  if (body) schema.body = dereference(body);
  const pathParams = parameterObject(params, 'path');
  if (pathParams) schema.params = pathParams;
  const query = parameterObject(params, 'query');
  if (query) schema.querystring = query;
  return schema;
}

/** Fastify path syntax: `/v1/card-sessions/{sessionId}` → `/v1/card-sessions/:sessionId`. */
export const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');
