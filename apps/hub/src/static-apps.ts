import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** A built front end served by the hub under `/<name>/`. */
export interface StaticApp {
  name: string;
  dir: string;
}

/** The front ends' Vite build folders in this repository, as the hub serves them by default. */
export function defaultStaticApps(): StaticApp[] {
  const apps = fileURLToPath(new URL('../../', import.meta.url));
  return ['display', 'counter', 'admin', 'kiosk'].map((name) => ({
    name,
    dir: join(apps, name, name === 'kiosk' ? 'out/renderer' : 'dist'),
  }));
}

/**
 * Serves each built app under `/<name>/`, falling back to its index.html for client-side
 * routes, and serves the phone ticket page (`/t/<token>`) from the display app. Apps whose
 * build folder is missing are skipped and reported.
 */
export function registerStaticApps(app: FastifyInstance, apps: StaticApp[]): string[] {
  const missing: string[] = [];
  const served = apps.filter((a) => {
    const ok = existsSync(join(a.dir, 'index.html'));
    if (!ok) missing.push(a.name);
    return ok;
  });
  served.forEach((a, i) => {
    void app.register(fastifyStatic, {
      root: a.dir,
      prefix: `/${a.name}/`,
      decorateReply: i === 0,
      index: ['index.html'],
      wildcard: false,
    });
  });
  const byName = new Map(served.map((a) => [a.name, a]));

  app.get('/', async (_request, reply) =>
    reply.redirect(byName.has('admin') ? '/admin/' : '/healthz'),
  );
  app.get('/t/:token', async (_request, reply) => {
    const display = byName.get('display');
    if (!display) return reply.code(404).send('display app is not built');
    return reply.sendFile('index.html', display.dir);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const name = request.url.split('/')[1] ?? '';
    const target = byName.get(name);
    // Client-side routes fall back to the app; a missing file (a clip, an asset) stays a 404.
    const lastSegment = request.url.split('?')[0]!.split('/').pop() ?? '';
    if (target && request.method === 'GET' && !lastSegment.includes('.'))
      return reply.sendFile('index.html', target.dir);
    return reply
      .code(404)
      .send({ ok: false, error: { code: 'NOT_FOUND', message: 'Không tìm thấy.' } });
  });
  return missing;
}

/** The phone page's 404, in the documented error shape. */
const NOT_FOUND = { ok: false, error: { code: 'NOT_FOUND', message: 'Không tìm thấy.' } };

/** The display app's pages on the public listener: the ticket page and the citizens' pages. */
export const PUBLIC_PAGES = ['/t/:token', '/', '/lay-so', '/b/:token'] as const;

/**
 * What the public listener serves from the display app: the phone ticket page (`/t/<token>`),
 * the citizens' page (`/` and `/lay-so`: take a number or book a slot) and a booking's page
 * (`/b/<token>`), and the files they load (`/display/assets/…`: script, stylesheet and fonts).
 * Every other path, the display's own screens and the staff apps included, is 404.
 */
export function registerPublicApp(app: FastifyInstance, display: StaticApp | undefined): boolean {
  const built = display !== undefined && existsSync(join(display.dir, 'index.html'));
  if (built) {
    void app.register(fastifyStatic, {
      root: join(display.dir, 'assets'),
      prefix: '/display/assets/',
      index: false,
      wildcard: true,
    });
  }
  for (const page of PUBLIC_PAGES)
    app.get(page, async (_request, reply) => {
      if (!built) return reply.code(404).send(NOT_FOUND);
      return reply.sendFile('index.html', display.dir);
    });
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send(NOT_FOUND));
  return built;
}
