import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-vault.ts';

const run = promisify(execFile);

describe('consent from the command line', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let vault: string;
  const cli = (...args: string[]) => runCli(['--vault', vault, ...args]);
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    vault = join(dir, 'v.mesinfos');
    expect((await cli('demo', '--years', '1')).code).toBe(0);
  });
  afterAll(async () => cleanup());

  it('creates a grant whose receipt verifies in a separate process with jose and the public JWK alone', async () => {
    const created = await cli('grants', 'create', '--grantee', 'app:coach', '--grantee-kind', 'app', '--type', 'energy.reading', '--granularity', 'month', '--purpose', 'ServiceProvision', '--until', '2027-06-30', '--json');
    expect(created.code, created.stderr).toBe(0);
    const { grant, receipt } = JSON.parse(created.stdout) as { grant: { id: string }; receipt: { id: string } };
    const id = grant.id;
    const jws = (await cli('grants', 'receipt', id)).stdout.trim();
    expect(jws.split('.')).toHaveLength(3);
    const jwk = (await cli('keys', 'show')).stdout;
    // Inside the checkout (in the ignored .tmp/) so that `jose` resolves from its node_modules.
    await mkdir(join(process.cwd(), '.tmp'), { recursive: true });
    const script = join(process.cwd(), '.tmp', `verify-${process.pid}.mjs`);
    await writeFile(
      script,
      `import { compactVerify, importJWK } from 'jose';
const [jws, jwk] = process.argv.slice(2);
const key = await importJWK(JSON.parse(jwk), 'EdDSA');
const { payload } = await compactVerify(jws, key);
console.log(JSON.parse(new TextDecoder().decode(payload)).record_id ?? 'no record id');
`,
    );
    const ok = await run(process.execPath, [script, jws, jwk]).catch((e: { stderr: string }) => ({ stdout: '', stderr: e.stderr }));
    expect(ok.stderr).toBe('');
    // The verified payload is this grant's receipt.
    expect(ok.stdout.trim()).toBe(receipt.id);
    const tampered = jws.slice(0, -4) + (jws.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expect(run(process.execPath, [script, tampered, jwk])).rejects.toMatchObject({ stderr: expect.stringContaining('signature verification failed') });
    await rm(script);
  });

  it('previews what the grantee gets, revokes, and the grantee then gets nothing', async () => {
    const list = JSON.parse((await cli('grants', 'list', '--json')).stdout) as { grants?: { id: string }[] } | { id: string }[];
    const grants = Array.isArray(list) ? list : (list.grants ?? []);
    const id = grants[0]!.id;
    const preview = await cli('grants', 'query', id, '--type', 'energy.reading', '--json');
    expect(preview.code).toBe(0);
    const p = JSON.parse(preview.stdout) as { kind: string; series: { periods: { group?: string }[] }[] };
    expect(p.kind).toBe('aggregate');
    expect(p.series[0]!.periods.filter((x) => x.group === 'electricity').length).toBeGreaterThanOrEqual(12);
    expect((await cli('grants', 'revoke', id)).code).toBe(0);
    const after = await cli('grants', 'query', id, '--type', 'energy.reading');
    expect(after.code).toBe(6);
    expect(after.stderr).toMatch(/revoked/i);
    const verify = await cli('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('intact');
  });
});
