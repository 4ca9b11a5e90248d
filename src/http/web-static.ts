import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MesInfosError } from '../domain/errors.ts';

/** How the server offers the web UI (see docs/web.md). */
export interface WebOptions {
  /**
   * The folder of the built UI (Vite's output, holding index.html). Absent: this checkout's
   * web/dist when it has been built; null: no UI (the API alone).
   */
  root?: string | null;
  /** The largest file the person may upload for import, in bytes (default 1 GiB). */
  uploadLimitBytes?: number;
}

/** This checkout's built UI (`npm run build:web` writes it), or null when not built. */
export function builtWebRoot(): string | null {
  const root = fileURLToPath(new URL('../../web/dist', import.meta.url));
  return existsSync(join(root, 'index.html')) ? root : null;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Whether a browser is navigating (it asks for HTML), as opposed to a script fetching data. */
function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

async function sendFile(reply: FastifyReply, path: string, immutable: boolean): Promise<FastifyReply> {
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  reply.header('content-type', type);
  // Vite names assets by content hash: they never change. index.html always revalidates.
  reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  return reply.send(createReadStream(path));
}

/**
 * Serves the built UI at `/`: a file of the build when the path names one, and index.html
 * for `/` and any other page a browser navigates to, asking for text/html (the UI routes
 * itself: shareable URLs like /timeline?search=loyer). Paths under /api never fall back to the UI, and a script
 * asking for a missing file gets the API's 404 NOT_FOUND — so the UI never hides an API
 * error. Files are served under the server's strict CSP (the build has no inline script
 * or style).
 *
 * Example: await addWebStatic(app, '/srv/mesinfos/web/dist')
 */
export async function addWebStatic(app: FastifyInstance, root: string): Promise<void> {
  const base = resolve(root);
  const index = join(base, 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: build the UI first (npm run build:web)`);
  app.get('/*', async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    const notFound = () => new MesInfosError('NOT_FOUND', `No route GET ${path}.`);
    if (path === '/api' || path.startsWith('/api/')) throw notFound();
    const file = resolve(base, `.${path}`);
    if (file !== base && !file.startsWith(base + sep)) throw notFound();
    const s = file === base ? null : await stat(file).catch(() => null);
    if (s?.isFile()) return sendFile(reply, file, path.startsWith('/assets/'));
    if (wantsHtml(request) && extname(path) === '') return sendFile(reply, index, false);
    throw notFound();
  });
}
