/**
 * Tiny builders for the JSON Schema subset the contract uses. It is the common ground of
 * OpenAPI 3.1 (JSON Schema 2020-12) and Fastify's Ajv (draft-07): no `$defs`, no
 * `prefixItems`, nullability written as a type list. Objects are closed by default so a
 * typo in a request is a 400, not a silently ignored field.
 */
export type JsonSchema = { readonly [key: string]: unknown };

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

export const str = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra });
export const int = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra });
export const bool = (extra: JsonSchema = {}): JsonSchema => ({ type: 'boolean', ...extra });
export const dateTime = (description?: string): JsonSchema =>
  str({ format: 'date-time', ...(description ? { description } : {}) });
export const isoDate = (description?: string): JsonSchema =>
  str({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', ...(description ? { description } : {}) });
export const enumOf = (values: readonly string[], description?: string): JsonSchema => ({
  type: 'string',
  enum: [...values],
  ...(description ? { description } : {}),
});
export const nullable = (schema: JsonSchema): JsonSchema => {
  const type = schema.type;
  if (typeof type !== 'string') throw new Error('nullable() needs a schema with one type');
  const out: Record<string, unknown> = { ...schema, type: [type, 'null'] };
  if (Array.isArray(schema.enum)) out.enum = [...(schema.enum as unknown[]), null];
  return out;
};
export const array = (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({
  type: 'array',
  items,
  ...extra,
});

/** A closed object; every property is required unless listed in `optional`. */
export function obj(
  properties: Record<string, JsonSchema>,
  optional: readonly string[] = [],
  extra: JsonSchema = {},
): JsonSchema {
  const required = Object.keys(properties).filter((k) => !optional.includes(k));
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...extra,
  };
}
