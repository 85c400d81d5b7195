// The OpenAPI 3.1 document of the REST API, generated from the route table (routes.ts) and the
// protocol's zod schemas with zod's own JSON Schema output (draft 2020-12, OpenAPI 3.1's
// dialect). Nothing here is written per route: a route's entry is its documentation.
import { z } from 'zod';
import { HTTP_STATUS, type ErrorCode } from '@luot/protocol';
import { failureSchema, successOf } from './result-schemas.ts';
import type { RestRoute } from './route.ts';

type Json = Record<string, unknown>;

/** Codes every keyed route may answer, besides its own. */
const COMMON_ERRORS: ErrorCode[] = ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'];

const ERROR_TEXT: Partial<Record<ErrorCode, string>> = {
  BAD_REQUEST: 'the body, path or query does not match the schema',
  UNAUTHENTICATED: 'no key, an unknown key or a revoked key',
  FORBIDDEN: 'the key is of another site, or lacks the permission',
  NOT_FOUND: 'no such site, ticket or counter',
};

/** What each path parameter is, for the reference's readers. */
const PARAM_TEXT: Record<string, string> = {
  siteId: 'The site’s id, e.g. `trung-tam` (a centre’s own hub has one site).',
  counterId: 'A counter’s id in the site’s configuration, e.g. `quay-01`.',
  ticketId: 'A ticket’s id, as issuing or the queue answers it.',
  file: 'One of the reference page’s files.',
};

/**
 * Turns zod schemas into JSON Schema, gathering schemas with a `meta({ id })` into the
 * document's components (zod puts them in `$defs`; the document refers to them from anywhere).
 */
function schemaBook() {
  const components: Record<string, Json> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as Json;
    const { $schema: _dialect, $defs, ...rest } = json;
    void _dialect;
    const moved = (value: unknown) =>
      JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, Json>))
      components[id] = moved(def);
    return moved(rest);
  };
  return { convert, components };
}

/** `/sites/{siteId}/tickets` → `/api/v1/sites/:siteId/tickets` (Fastify's form). */
export function fastifyPath(path: string): string {
  return `/api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`;
}

/** The OpenAPI 3.1 document of these routes. */
export function openApiDocument(routes: readonly RestRoute[], version: string): Json {
  const book = schemaBook();
  const failureRef = book.convert(failureSchema, 'output');
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const parameters: Json[] = [];
    const params = book.convert(route.params, 'input');
    for (const [name, schema] of Object.entries((params.properties ?? {}) as Json))
      parameters.push({
        name,
        in: 'path',
        required: true,
        schema,
        ...(PARAM_TEXT[name] && { description: PARAM_TEXT[name] }),
      });
    if (route.query) {
      const query = book.convert(route.query, 'input');
      const required = new Set((query.required ?? []) as string[]);
      for (const [name, schema] of Object.entries((query.properties ?? {}) as Json))
        parameters.push({ name, in: 'query', required: required.has(name), schema });
    }
    const responses: Record<string, Json> = { '200': successResponse(route, book.convert) };
    const codes = [...(route.permission ? COMMON_ERRORS : []), ...route.errors];
    for (const [status, list] of byStatus(codes))
      responses[String(status)] = {
        description: list.map((c) => (ERROR_TEXT[c] ? `${c}: ${ERROR_TEXT[c]}` : c)).join('; '),
        content: { 'application/json': { schema: failureRef } },
      };
    const operation: Json = {
      operationId: operationId(route),
      tags: [route.tag],
      summary: route.summary,
      description: route.description + (route.event ? `\n\nSocket event: \`${route.event}\`.` : ''),
      parameters,
      responses,
      security: route.permission ? [{ apiKey: [] }] : [],
      ...(route.permission && { 'x-permission': route.permission }),
    };
    if (route.body)
      operation.requestBody = {
        required: false,
        content: {
          'application/json': {
            schema: book.convert(route.body, 'input'),
            ...(route.example !== undefined && { example: route.example }),
          },
        },
      };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lượt REST API',
      version,
      description:
        'Every queue action and read of a Lượt hub over HTTP, with the same validation, roles ' +
        'and error codes as its Socket.IO events. Authenticate with an API key created in the ' +
        'admin app (Khóa API): `Authorization: Bearer luot_k_…`. A key acts at its site (or at ' +
        'every site) with its permissions only. Successes answer `{ "ok": true, "data": … }`; ' +
        'refusals `{ "ok": false, "error": { "code", "message" } }` and change nothing.',
    },
    // Paths are below /api/v1 of the hub the document was read from.
    servers: [{ url: '/api/v1' }],
    tags: [
      { name: 'Tickets', description: 'Số thứ tự: cấp, hủy, chuyển' },
      { name: 'Queue', description: 'Đọc hàng đợi, quầy, thiết bị' },
      { name: 'Counters', description: 'Thao tác tại quầy' },
      { name: 'Reports', description: 'Báo cáo và tệp xuất' },
      { name: 'Reference', description: 'Tài liệu này' },
    ],
    paths,
    components: {
      schemas: book.components,
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key (`luot_k_…`) from the admin app’s “Khóa API” page.',
        },
      },
    },
  };
}

function successResponse(route: RestRoute, convert: (s: z.ZodType, io: 'output') => Json): Json {
  const { result } = route;
  if (result instanceof z.ZodType)
    return {
      description: 'Done (a command is answered once stored)',
      content: { 'application/json': { schema: convert(successOf(result), 'output') } },
    };
  if ('file' in result)
    return {
      description: 'The file, as an attachment',
      content: Object.fromEntries(
        result.file.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
      ),
    };
  return { description: 'OK', content: { [result.page]: { schema: { type: 'string' } } } };
}

function byStatus(codes: ErrorCode[]): Map<number, ErrorCode[]> {
  const map = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = HTTP_STATUS[code];
    map.set(status, [...(map.get(status) ?? []), code]);
  }
  return new Map([...map].sort(([a], [b]) => a - b));
}

/**
 * `POST /sites/{siteId}/counters/{counterId}/call-next` → `postCountersCallNext`;
 * `GET /sites/{siteId}/tickets/{ticketId}` → `getTicketsByTicketId`.
 */
function operationId(route: RestRoute): string {
  const parts = route.path.split('/').filter((p) => p && p !== 'sites' && p !== '{siteId}');
  const last = parts.at(-1) ?? '';
  const words = parts
    .filter((p) => !p.startsWith('{'))
    .concat(last.startsWith('{') ? ['by', last.slice(1, -1)] : [])
    .flatMap((p) => p.split(/[-.]/));
  return (
    route.method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')
  );
}
