import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document';
import { generateApiTypes } from './generate-types';
import { routeSchema } from './route-schemas';

const apiTypesPath = fileURLToPath(new URL('../../api-types.ts', import.meta.url));

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (third-party validator)', async () => {
    const copy = structuredClone(openApiDocument) as unknown as Parameters<
      typeof SwaggerParser.validate
    >[0];
    const api = await SwaggerParser.validate(copy);
    expect(api.info.title).toBe('SSC Kiosk central API');
  });

  it('server/api-types.ts is generated from the current document', async () => {
    const options = (await prettier.resolveConfig(apiTypesPath)) ?? {};
    const fresh = await prettier.format(generateApiTypes(), { ...options, filepath: apiTypesPath });
    expect(await readFile(apiTypesPath, 'utf8')).toBe(fresh);
  });

  it('gives every operation a body/params schema and closed objects', () => {
    for (const [path, methods] of Object.entries(openApiDocument.paths)) {
      for (const method of Object.keys(methods) as ('get' | 'post')[]) {
        const schema = routeSchema(method, path);
        expect(schema.response).toBeDefined();
        if (method === 'post')
          expect(schema.body, path).toMatchObject({ additionalProperties: false });
        if (path.includes('{')) expect(schema.params, path).toBeDefined();
      }
    }
  });

  it('refuses a route that is not in the document', () => {
    expect(() => routeSchema('get', '/v1/not-a-route')).toThrow(/not in the OpenAPI document/);
  });
});
