import { type Command, InvalidArgumentError } from 'commander';
import { buildApp } from '../http/build-app.ts';
import { DEFAULT_HOST, LOOPBACK_HOSTNAMES, isLoopback, serve, type RunningServer } from '../http/serve.ts';
import type { GlobalOptions } from './build-program.ts';
import type { CliIo } from './cli-io.ts';
import { defaultVaultPath } from './vault-path.ts';

export interface ServeCommandOptions {
  host: string;
  port: number;
  vaultPath: string;
  /** When `port` is taken, listen on a free one instead of failing (`mesinfos start`). */
  anyPortIfTaken?: boolean;
}

/** The platform's usual port (`mesinfos start`); a free one is used when it is taken. */
export const DEFAULT_PLATFORM_PORT = 4810;

/**
 * Runs the platform server until `signal` aborts, then closes it (which locks the vault).
 * The person unlocks the vault through the API, so no passphrase is asked here.
 */
export async function runServe(opts: ServeCommandOptions, io: CliIo, signal: AbortSignal, onListening?: (server: RunningServer) => void): Promise<void> {
  const { app } = await buildApp({
    vaultPath: opts.vaultPath,
    logger: { stream: io.stderr },
    // On loopback, answer only to loopback names: a page re-pointed at 127.0.0.1 (DNS rebinding) is refused.
    ...(isLoopback(opts.host) ? { allowedHostnames: LOOPBACK_HOSTNAMES } : {}),
  });
  const print = (line: string) => io.stdout.write(`${line}\n`);
  let server: RunningServer;
  try {
    server = await serve(app, { host: opts.host, port: opts.port, print });
  } catch (e) {
    if (!opts.anyPortIfTaken || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
      await app.close();
      throw e;
    }
    io.stdout.write(`Port ${opts.port} is taken: using a free one.\n`);
    server = await serve(app, { host: opts.host, port: 0, print });
  }
  onListening?.(server);
  if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await server.close();
  io.stdout.write('MesInfos stopped; the vault is locked.\n');
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0: any free port)');
  return n;
}

/** Runs the server until SIGINT or SIGTERM (the CLI commands `serve` and `start`). */
export async function serveUntilSignal(opts: ServeCommandOptions, io: CliIo): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await runServe(opts, io, controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** `mesinfos serve [--host H] [--port P]`: the platform's HTTP API on this machine. */
export function addServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Run the platform server: the API on 127.0.0.1 (unlock the vault through it), with docs at /api/docs')
    .option('--host <host>', 'address to listen on', DEFAULT_HOST)
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 0)
    .action(async (o: { host: string; port: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await serveUntilSignal({ host: o.host, port: o.port, vaultPath: g.vault ?? defaultVaultPath(io.env) }, io);
    });
}
