import { openApiDocument } from './document';
import type { JsonSchema } from './schema-builders';

/**
 * Generates `server/api-types.ts` from the OpenAPI document: one exported type per component
 * schema, for the kiosk's client. Covers exactly the schema subset `schema-builders.ts` emits;
 * anything else is a bug in the document and throws. A unit test regenerates and compares, so
 * the committed file cannot drift from the document.
 */
function tsType(s: JsonSchema, indent: string): string {
  if (typeof s.$ref === 'string') return s.$ref.replace('#/components/schemas/', '');
  if (Array.isArray(s.oneOf))
    return (s.oneOf as JsonSchema[]).map((x) => tsType(x, indent)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  return types.map((t) => single(t, s, indent)).join(' | ');
}

function single(type: string, s: JsonSchema, indent: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `Array<${tsType(s.items as JsonSchema, indent)}>`;
    case 'object': {
      const props = s.properties as Record<string, JsonSchema> | undefined;
      if (!props) {
        const extra = s.additionalProperties;
        return typeof extra === 'object' && extra !== null
          ? `Record<string, ${tsType(extra as JsonSchema, indent)}>`
          : 'Record<string, unknown>';
      }
      const required = new Set((s.required as string[] | undefined) ?? []);
      const inner = `${indent}  `;
      const lines = Object.entries(props).map(([k, v]) => {
        const doc = typeof v.description === 'string' ? `${inner}/** ${v.description} */\n` : '';
        return `${doc}${inner}readonly ${k}${required.has(k) ? '' : '?'}: ${tsType(v, inner)};`;
      });
      return `{\n${lines.join('\n')}\n${indent}}`;
    }
    default:
      throw new Error(`unsupported schema type ${type}`);
  }
}

export function generateApiTypes(): string {
  const out = [
    '// Generated from the OpenAPI document (server/src/openapi/document.ts) by',
    '// `npm run central -- gen-types`. Do not edit by hand: a unit test checks it is current.',
    '',
    `export const API_VERSION = '${openApiDocument.info.version}';`,
    '',
  ];
  for (const [name, schema] of Object.entries(openApiDocument.components.schemas)) {
    out.push(`export type ${name} = ${tsType(schema, '')};`, '');
  }
  out.push("export type ErrorCode = ApiError['error']['code'];", '');
  out.push('/** Every operation of the document: method, path template and who signs it. */');
  out.push('export const OPERATIONS = {');
  for (const [path, methods] of Object.entries(openApiDocument.paths)) {
    const operations = methods as Record<string, JsonSchema>;
    for (const [method, raw] of Object.entries(operations)) {
      const op = raw as { operationId: string; security: readonly Record<string, unknown>[] };
      const schemes = op.security.flatMap((x) => Object.keys(x));
      const auth = schemes.includes('cardSession')
        ? 'card'
        : schemes.includes('kioskSignature')
          ? 'kiosk'
          : 'none';
      out.push(
        `  ${op.operationId}: { method: '${method.toUpperCase()}', path: '${path}', auth: '${auth}' },`,
      );
    }
  }
  out.push('} as const;', '', 'export type OperationId = keyof typeof OPERATIONS;', '');
  return out.join('\n');
}
