// The reference page of the REST API (GET /api/v1/docs): Swagger UI's own files from
// node_modules (swagger-ui-dist; nothing from a CDN) over the document at /api/v1/openapi.json.
// It runs under the hub's Content-Security-Policy as is: its scripts and styles are files of
// 'self', and the page's start script is a file too (no inline script).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { failure } from '@luot/protocol';
import type { RestFile, RestRoute } from './route.ts';

/** Swagger UI's files the page loads, by the name the page asks for. */
const SWAGGER_FILES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;
type SwaggerFile = keyof typeof SWAGGER_FILES;

const PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lượt – Tài liệu REST API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="api"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/start.js"></script>
</body>
</html>
`;

// The document beside the page (relative: the page works behind a proxy's path prefix too);
// no online validator badge (it would call out of the centre's network).
const START = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: './openapi.json',
    dom_id: '#api',
    deepLinking: true,
    validatorUrl: null,
    defaultModelsExpandDepth: 0,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

/** The routes of the reference: the document, the page and the page's files (no key needed). */
export function docRoutes(document: () => string): RestRoute[] {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const cache = new Map<SwaggerFile, Buffer>();
  const fileOf = (name: SwaggerFile): RestFile => {
    let body = cache.get(name);
    if (!body) cache.set(name, (body = readFileSync(join(dir, name))));
    return { contentType: SWAGGER_FILES[name], body, maxAgeS: 3600 };
  };
  const noParams = z.strictObject({});
  const common = { method: 'GET', permission: null, tag: 'Reference', errors: [] } as const;
  return [
    {
      ...common,
      path: '/openapi.json',
      summary: 'Tài liệu OpenAPI 3.1 của REST API',
      description: 'This document, generated from the protocol’s zod schemas.',
      params: noParams,
      result: { page: 'application/json' },
      run: async () => ({
        ok: true,
        file: { contentType: 'application/json; charset=utf-8', body: document() },
      }),
    },
    {
      ...common,
      path: '/docs',
      summary: 'Trang tài liệu REST API',
      description: 'The reference page (Swagger UI) over this document.',
      params: noParams,
      result: { page: 'text/html' },
      run: async () => ({
        ok: true,
        file: { contentType: 'text/html; charset=utf-8', body: PAGE },
      }),
    },
    {
      ...common,
      path: '/docs/{file}',
      summary: 'Tệp của trang tài liệu',
      description: 'The reference page’s script and style sheet (Swagger UI’s, and its start).',
      params: z.strictObject({ file: z.enum([...Object.keys(SWAGGER_FILES), 'start.js']) }),
      result: { page: 'text/javascript' },
      run: async (_call, input) => {
        const name = input.params.file;
        if (name === 'start.js')
          return {
            ok: true,
            file: { contentType: 'text/javascript; charset=utf-8', body: START, maxAgeS: 3600 },
          };
        if (name && name in SWAGGER_FILES) return { ok: true, file: fileOf(name as SwaggerFile) };
        return failure('NOT_FOUND');
      },
    },
  ];
}
