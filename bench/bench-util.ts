import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Helpers shared by the benchmarks: timing, peak memory sampling, results on disk. */
export async function scratch(): Promise<{ dir: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mesinfos-bench-'));
  return { dir, done: () => rm(dir, { recursive: true, force: true }) };
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/** Tracks the highest RSS seen at the sample points the caller chooses. */
export class PeakRss {
  peak = process.memoryUsage.rss();
  sample(): void {
    const r = process.memoryUsage.rss();
    if (r > this.peak) this.peak = r;
  }
  get mib(): number {
    return Math.round(this.peak / 1048576);
  }
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
export const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export async function saveResult(name: string, result: unknown): Promise<string> {
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const path = new URL(`${name}.json`, dir);
  await writeFile(path, JSON.stringify(result, null, 2) + '\n');
  return path.pathname;
}
