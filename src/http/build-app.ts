import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MesInfosError } from '../domain/errors.ts';
import type { AnyOperation, OperationServices } from '../operations/operation.ts';
import { closeServices as closeTableServices, createServices as createTableServices, operations as tableOperations } from '../operations/table.ts';
import { Vault } from '../vault/vault.ts';
import { registerApiDocs } from './api-docs.ts';
import { personAudience, type Audience } from './audience.ts';
import { installErrorHandling } from './error-handler.ts';
import { installOAuth } from './oauth/oauth-routes.ts';
import { loggerOptions, OneLineLogController, type HttpLogOptions } from './log-options.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { addOperationRoutes } from './operation-routes.ts';
import { addSessionRoutes, type UnlockRateLimit } from './session-routes.ts';
import { VaultSessions } from './vault-sessions.ts';
import { addUploadRoutes } from './upload-routes.ts';
import { addVaultSettingsRoutes } from './vault-settings-routes.ts';
import { addWebStatic, builtWebRoot, type WebOptions } from './web-static.ts';

export const DEFAULT_IDLE_LOCK_MS = 15 * 60 * 1000;
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_UNLOCK_RATE_LIMIT: UnlockRateLimit = { max: 10, timeWindowMs: 60_000 };

/** What the server is built from; the composition root passes them, tests pass their own. */
export interface AppDeps {
  /** The vault file this server opens. */
  vaultPath: string;
  /** Opens the vault (default: Vault.open). A wrong passphrase MUST throw VAULT_PASSPHRASE_WRONG. */
  openVault?: (passphrase: string) => Promise<Vault>;
  /** Creates it on first use (default: Vault.create, creating the folder). */
  createVault?: (passphrase: string) => Promise<Vault>;
  /** The table of operations (default: src/operations/table.ts) and its services. */
  operations?: readonly AnyOperation[];
  createServices?: (vault: Vault) => Promise<OperationServices>;
  closeServices?: (services: OperationServices) => Promise<void>;
  logger?: HttpLogOptions;
  /** Milliseconds since the epoch; tests move it to expire sessions. */
  clock?: () => number;
  /** A session unused this long ends; the vault closes with the last one (default 15 min). */
  idleLockMs?: number;
  /** The largest request body accepted, in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  unlockRateLimit?: Partial<UnlockRateLimit>;
  /**
   * The OAuth 2 server for organisations and apps (default on). `issuer` is its URL (default:
   * the listening address + /oauth); `false` serves the person alone.
   */
  oauth?: { issuer?: string } | false;
  /** Further audiences built once the person's sessions exist. */
  audiences?: (ctx: { sessions: VaultSessions }) => Audience[];
  /**
   * Host names the server answers to (the Host header, port aside); others get 403
   * HOST_NOT_ALLOWED. A server on loopback SHOULD set them: a web page whose domain was
   * re-pointed at 127.0.0.1 (DNS rebinding) is then refused. Absent: any host.
   */
  allowedHostnames?: readonly string[];
  /** Serve the interactive API docs at /api/docs (default true). */
  docs?: boolean;
  /** The web UI (docs/web.md): default, this checkout's web/dist when built; `{ root: null }`: the API alone. */
  web?: WebOptions;
  /** The API version in the OpenAPI document. */
  version?: string;
}

export interface MesInfosApp {
  app: FastifyInstance;
  sessions: VaultSessions;
  openApiDocument: Record<string, unknown>;
}

/**
 * Builds the HTTP server — without listening (see serve.ts): security headers, body limit,
 * the one error handler, the session routes, one route per operation and audience, the
 * OpenAPI document and its interactive docs. Closing the app locks the vault.
 *
 * Example: const { app } = await buildApp({ vaultPath }); await app.inject({ url: '/api/session' })
 */
export async function buildApp(deps: AppDeps): Promise<MesInfosApp> {
  const operations = deps.operations ?? tableOperations;
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    bodyLimit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    // Ids in logs are enough to follow a request; never trust a client's id header.
    requestIdHeader: false,
    logController: new OneLineLogController(),
    trustProxy: false,
  });

  const sessions = new VaultSessions({
    opener: {
      vaultPath: deps.vaultPath,
      openVault: deps.openVault ?? ((passphrase) => Vault.open({ path: deps.vaultPath, passphrase })),
      createVault:
        deps.createVault ??
        (async (passphrase) => {
          await mkdir(dirname(deps.vaultPath), { recursive: true });
          return Vault.create({ path: deps.vaultPath, passphrase });
        }),
      createServices: deps.createServices ?? createTableServices,
      closeServices: deps.closeServices ?? closeTableServices,
    },
    idleMs: deps.idleLockMs ?? DEFAULT_IDLE_LOCK_MS,
    ...(deps.clock ? { now: deps.clock } : {}),
  });
  app.addHook('onClose', () => sessions.closeVault());

  installErrorHandling(app);
  if (deps.allowedHostnames) {
    const allowed = new Set(deps.allowedHostnames.map((n) => n.toLowerCase()));
    app.addHook('onRequest', async (request) => {
      if (!allowed.has(request.hostname.toLowerCase())) throw new MesInfosError('HOST_NOT_ALLOWED', `This server answers only to ${[...allowed].join(', ')}.`);
    });
  }
  // Only JSON bodies: a form or text/plain post (the classic cross-site forgery) gets 415.
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  // No upgrade-insecure-requests: the embedded default serves plain HTTP on loopback.
  await app.register(fastifyHelmet, { global: true, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new MesInfosError('RATE_LIMITED', `Too many attempts: try again in ${Math.ceil(context.ttl / 1000)} s.`),
  });

  const unlockRateLimit = { ...DEFAULT_UNLOCK_RATE_LIMIT, ...deps.unlockRateLimit };
  // Organisations (/api/org) and apps (/api/app) with OAuth 2 (/oauth, consent pages under /api/consent).
  const clientAudiences = deps.oauth === false ? [] : await installOAuth(app, sessions, { ...(deps.oauth?.issuer ? { issuer: deps.oauth.issuer } : {}), rateLimit: unlockRateLimit });
  const person = personAudience(sessions);
  const audiences = [person, ...clientAudiences, ...(deps.audiences?.({ sessions }) ?? [])];
  addSessionRoutes(app, sessions, unlockRateLimit);
  for (const audience of audiences) addOperationRoutes(app, operations, audience);

  const openApiDocument = buildOpenApiDocument(operations, audiences, deps.version ?? '0.1.0');
  app.get('/api/openapi.json', async () => openApiDocument);
  if (deps.docs ?? true) await registerApiDocs(app, openApiDocument);
  addUploadRoutes(app, person, deps.web?.uploadLimitBytes);
  addVaultSettingsRoutes(app, person, sessions);
  const webRoot = deps.web?.root === undefined ? builtWebRoot() : deps.web.root;
  if (webRoot) await addWebStatic(app, webRoot);

  return { app, sessions, openApiDocument };
}
