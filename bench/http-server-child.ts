import Fastify from 'fastify';
import { buildApp } from '../src/http/build-app.ts';
import { LOOPBACK_HOSTNAMES } from '../src/http/serve.ts';
import { openEncryptedDatabase } from '../src/store/sqlite/sqlite-database.ts';

/**
 * The server side of the HTTP benchmark, in its own process so that the load generator
 * does not share its event loop. argv: MODE VAULT PASSPHRASE, MODE being `bare` (Fastify
 * plus one prepared SELECT by primary key on the same encrypted file) or `platform` (the
 * real server, buildApp, logging every request as in production, to a sink). Prints its port as JSON on stdout; answers "cpu" on stdin with
 * this process's CPU time (user + system, µs) so far.
 */
const [mode, vaultPath, passphrase] = process.argv.slice(2) as [string, string, string];

async function bare() {
  const db = openEncryptedDatabase({ path: vaultPath, passphrase, readonly: true });
  const byId = db.prepare('SELECT id, type, source, occurred_at, data FROM records WHERE id = ? AND deleted_at IS NULL');
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { id: string } }>('/record', async (request, reply) => {
    const row = byId.get(request.query.id) as { id: string; type: string; source: string; occurred_at: string; data: string } | undefined;
    if (!row) return reply.code(404).send({ error: { code: 'NOT_FOUND' } });
    return { id: row.id, type: row.type, source: row.source, occurredAt: row.occurred_at, data: JSON.parse(row.data) as unknown };
  });
  return app;
}

async function platform() {
  const { app } = await buildApp({ vaultPath, allowedHostnames: LOOPBACK_HOSTNAMES, logger: { level: 'info', stream: { write: () => true } }, docs: false });
  return app;
}

const app = mode === 'bare' ? await bare() : await platform();
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n');
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  for (const line of chunk.split('\n').filter(Boolean)) {
    if (line === 'cpu') {
      const u = process.cpuUsage();
      process.stdout.write(JSON.stringify({ cpuMicros: u.user + u.system }) + '\n');
    } else if (line === 'stop') {
      void app.close().then(() => process.exit(0));
    }
  }
});
