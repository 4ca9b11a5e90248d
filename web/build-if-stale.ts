import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WEB = fileURLToPath(new URL('.', import.meta.url));
const DIST_INDEX = join(WEB, 'dist', 'index.html');
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts'];
const LOCK = join(WEB, '.build-lock');
const STALE_LOCK_MS = 5 * 60_000;

function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtimeMs(join(path, name))), s.mtimeMs);
}

/** Whether web/dist is missing or older than a source of the UI. */
export function webBuildIsStale(): boolean {
  if (!existsSync(DIST_INDEX)) return true;
  const built = statSync(DIST_INDEX).mtimeMs;
  return INPUTS.some((p) => newestMtimeMs(join(WEB, p)) > built);
}

/**
 * Builds the UI into web/dist when it is missing or stale (a no-op otherwise, in
 * milliseconds): `npm start` and the browser tests call it, so they always serve the
 * current UI. Returns whether it built.
 */
export async function ensureWebBuilt(log: (line: string) => void = () => undefined): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  // Several processes (parallel test files, npm start) may ask at once: one builds, the others wait.
  return withLock(() => buildIfStale(log));
}

/**
 * Builds when stale, then copies the build to `dest`: a server serving the copy is not
 * disturbed by a later rebuild of web/dist (tests run while the UI is being edited).
 */
export async function snapshotWebBuild(dest: string): Promise<string> {
  await withLock(async () => {
    await buildIfStale(() => undefined);
    cpSync(join(WEB, 'dist'), dest, { recursive: true });
  });
  return dest;
}

async function buildIfStale(log: (line: string) => void): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  log('Building the web UI (web/dist)…');
  const { build } = await import('vite');
  await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

async function withLock<T>(f: () => Promise<T>): Promise<T> {
  await takeLock();
  try {
    return await f();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** mkdir is atomic: whoever creates the lock folder builds; a lock older than 5 minutes is a crashed build's. */
async function takeLock(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else await sleep(250);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await ensureWebBuilt((line) => process.stdout.write(`${line}\n`));
}
