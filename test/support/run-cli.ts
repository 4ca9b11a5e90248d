import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import { TEST_PASSPHRASE } from './temp-vault.ts';

/** Runs `mesinfos ARGS` in-process, as a script would (no terminal), capturing its output. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin,
    env: { HOME: process.env.HOME, MESINFOS_PASSPHRASE: TEST_PASSPHRASE, ...env },
  });
  return { code, stdout, stderr };
}
