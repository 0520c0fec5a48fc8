// Generates docs/openapi.yaml from the catalog's routes and the zod schemas
// each handler really parses (apiHandler keeps them on the handler).
// `npm run openapi` writes the file; a unit test checks it is current.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import * as z from 'zod/mini';
import { functions, handlerEntry } from '../functions/catalog.ts';
import type { ApiSpec } from '../shared/http/api-handler.ts';

const ROOT = resolve(import.meta.dirname, '..');

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodMiniType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodMiniType | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const json = schemaOf(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };

/** The OpenAPI 3.1 document of the API. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of functions) {
    if (!spec.routes?.length) continue;
    const module = (await import(pathToFileURL(resolve(ROOT, handlerEntry(spec))).href)) as {
      handler: { apiSpec?: ApiSpec<unknown, unknown, unknown> };
    };
    const api = module.handler.apiSpec ?? {};
    for (const route of spec.routes) {
      const operation: Record<string, unknown> = {
        operationId: spec.name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()),
        summary: spec.description,
        security: [{ cognito: [] }],
        parameters: [...parametersOf(api.params, 'path'), ...parametersOf(api.query, 'query')],
        responses: {
          '2XX': {
            description: route.method === 'GET' ? 'OK' : 'Done (201 when something was created)',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '400': ERROR_RESPONSE,
          '401': ERROR_RESPONSE,
          '403': ERROR_RESPONSE,
          '404': ERROR_RESPONSE,
          '409': ERROR_RESPONSE,
          '422': ERROR_RESPONSE,
        },
      };
      if (route.path === '/api/models' && route.method === 'POST') {
        (operation.parameters as unknown[]).push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', maxLength: 128 },
          description:
            'Repeating a request with the same key answers with the same model and creates nothing.',
        });
      }
      if (api.body) {
        operation.requestBody = {
          required: true,
          content: { 'application/json': { schema: schemaOf(api.body) } },
        };
      }
      paths[route.path] ??= {};
      (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation;
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dân vận khéo API',
      version: '1.0.0',
      description:
        'The API of the "Dân vận khéo" movement (docs/ARCHITECTURE.md). Generated from functions/catalog.ts and the zod schemas; do not edit by hand — run `npm run openapi`.',
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'npm start' }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito ID token (groups = roles).',
        },
      },
      responses: {
        Error: {
          description:
            'Refused: 400 invalid input, 401 no or bad token, 403 not allowed, 404 unknown, 409 conflict, 422 a rule of the campaign.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['error'],
                properties: {
                  error: {
                    type: 'object',
                    required: ['code', 'message', 'fields'],
                    properties: {
                      code: { type: 'string' },
                      message: { type: 'string', description: 'In Vietnamese, for people.' },
                      fields: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: { path: { type: 'string' }, message: { type: 'string' } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

/** The YAML text of docs/openapi.yaml. */
export async function openApiYaml(): Promise<string> {
  return `# Generated by \`npm run openapi\` from functions/catalog.ts and the zod schemas. Do not edit.\n${stringify(await openApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(resolve(ROOT, 'docs', 'openapi.yaml'), await openApiYaml());
  console.log('docs/openapi.yaml written');
}
