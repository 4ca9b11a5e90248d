import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';

/** How the server logs: pino, as JSON lines, to stdout unless a stream is given (tests capture it). */
export interface HttpLogOptions {
  /** false: no logs at all. */
  enabled?: boolean;
  level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  stream?: { write(line: string): unknown };
}

/**
 * Paths pino censors wherever they appear in a log object, as a second line of defence:
 * the serializers below already keep only what is safe (method, path without query string,
 * status, error code). Passphrases, cookies, tokens, bodies and record data never reach a log.
 */
export const REDACTED_PATHS = [
  'passphrase',
  '*.passphrase',
  'csrfToken',
  '*.csrfToken',
  'token',
  '*.token',
  'body',
  '*.body',
  'data',
  '*.data',
  'records',
  '*.records',
  'req.headers',
  'res.headers',
  'headers',
  '*.headers',
  'cookie',
  '*.cookie',
  'cookies',
  '*.cookies',
  'query',
  '*.query',
];

/** The path of a URL without its query string (which may carry search words). */
function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

export function loggerOptions(o: HttpLogOptions = {}): FastifyServerOptions['logger'] {
  if (o.enabled === false) return false;
  return {
    level: o.level ?? 'info',
    ...(o.stream ? { stream: o.stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req) => ({ method: req.method, path: pathOf(req.url), remoteAddress: req.socket?.remoteAddress }),
      res: (res) => ({ statusCode: res.statusCode }),
      err: (err) => ({
        type: err.name,
        message: err.message,
        stack: err.stack ?? '',
        ...(typeof (err as { code?: unknown }).code === 'string' ? { code: (err as { code: string }).code } : {}),
      }),
    },
  };
}

/**
 * One log line per request, written when it is answered (method, path, status, time),
 * instead of Fastify's two: on the read path the second line cost as much as a lookup.
 */
export class OneLineLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
