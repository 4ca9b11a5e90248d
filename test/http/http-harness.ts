import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { join } from 'node:path';
import { buildApp, type AppDeps, type MesInfosApp } from '../../src/http/build-app.ts';
import { Vault } from '../../src/vault/vault.ts';
import { TEST_PASSPHRASE, asAsync, tempDir, tx } from '../support/temp-vault.ts';

/** A label that must never appear in a log: it is record content. */
export const SECRET_LABEL = 'BOULANGERIE DU CANAL SECRETE';

/** Log lines captured from the server's pino stream. */
export class LogCapture {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  text(): string {
    return this.lines.join('');
  }
}

export interface Harness extends MesInfosApp {
  vaultPath: string;
  logs: LogCapture;
  cleanup(): Promise<void>;
}

/** A vault with three bank transactions (one labelled SECRET_LABEL), closed, and a server for it. */
export async function harness(over: Partial<AppDeps> = {}, opts: { createVault?: boolean } = {}): Promise<Harness> {
  const t = await tempDir('mesinfos-http-');
  const vaultPath = join(t.dir, 'vault.mesinfos');
  if (opts.createVault ?? true) {
    const vault = await Vault.create({ path: vaultPath, passphrase: TEST_PASSPHRASE });
    await vault.importRecords({ meta: { format: 'test', fileName: 'seed.jsonl', fileHash: null }, records: () => asAsync([tx(1, { label: SECRET_LABEL }), tx(2), tx(3)]) });
    await vault.close();
  }
  const logs = new LogCapture();
  const built = await buildApp({ vaultPath, logger: { stream: logs, level: 'trace' }, ...over });
  return {
    ...built,
    vaultPath,
    logs,
    cleanup: async () => {
      await built.app.close();
      await t.cleanup();
    },
  };
}

export interface Unlocked {
  cookie: string;
  csrfToken: string;
}

/** The `name=value` part of the response's session cookie. */
export function sessionCookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'mesinfos_session');
  if (!c) throw new Error(`no session cookie in the response (status ${res.statusCode}: ${res.body})`);
  return `${c.name}=${c.value}`;
}

export async function unlock(app: FastifyInstance, passphrase = TEST_PASSPHRASE): Promise<Unlocked> {
  const res = await app.inject({ method: 'POST', url: '/api/session/unlock', payload: { passphrase } });
  if (res.statusCode !== 200) throw new Error(`unlock failed: ${res.statusCode} ${res.body}`);
  return { cookie: sessionCookieOf(res), csrfToken: (res.json() as { csrfToken: string }).csrfToken };
}

/** The error body's code and the status, for compact assertions. */
export function errorOf(res: LightMyRequestResponse): { status: number; code: string } {
  const body = res.json() as { error?: { code?: string } };
  return { status: res.statusCode, code: body.error?.code ?? '(no error body)' };
}

export { TEST_PASSPHRASE };
