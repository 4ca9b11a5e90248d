import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';

export const DEFAULT_HOST = '127.0.0.1';

export interface ServeOptions {
  /** Default 127.0.0.1: only this machine can reach the vault. */
  host?: string;
  /** Default 0: a free port chosen by the system. */
  port?: number;
  /** Where the URL is printed (default: nowhere). */
  print?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const isLoopback = (host: string) => host === '127.0.0.1' || host === '::1' || host === 'localhost';

/** The Host names a loopback server answers to (for buildApp's allowedHostnames). */
export const LOOPBACK_HOSTNAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Listens on host:port and prints the URL; `close()` stops listening and locks the vault. */
export async function serve(app: FastifyInstance, opts: ServeOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? DEFAULT_HOST;
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  opts.print?.(`MesInfos listens on ${url} — open it in your browser to create or unlock your vault; API docs at ${url}/api/docs`);
  if (!isLoopback(host)) opts.print?.(`Warning: listening on ${host} without TLS: anyone on this network can reach the unlock page and see traffic in clear.`);
  return { url, port: address.port, close: () => app.close() };
}
