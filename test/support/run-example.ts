import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs an example as a user would (node --import tsx examples/x.ts …) with `env` added; `onLine` sees stdout as it comes. */
export function runExample(script: string, args: string[], onLine: (line: string) => void = () => undefined, env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `examples/${script}`, ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    let pending = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b;
      pending += b;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    child.stderr.on('data', (b: Buffer) => (err += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** A free TCP port on 127.0.0.1 (for an example's loopback redirect). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
