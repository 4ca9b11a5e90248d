/**
 * What every example organisation does first: get a token with its client id and secret
 * (OAuth 2 client credentials, client_secret_basic, through openid-client), then call the
 * organisation API, /api/org/<operation as a path>. Operations that change nothing are
 * GET with the input in the query string; the others are POST with a JSON body.
 *
 *   const org = await connectOrganisation({ server, clientId, clientSecret });
 *   const { requests } = await org.get('rights/pending', { customerRef: 'C-0042' });
 */
import * as client from 'openid-client';

export interface OrganisationApi {
  get<T = Record<string, unknown>>(path: string, query?: Record<string, string>): Promise<T>;
  post<T = Record<string, unknown>>(path: string, body: unknown): Promise<T>;
}

export async function connectOrganisation(o: { server: string; clientId: string; clientSecret: string }): Promise<OrganisationApi> {
  const config = await client.discovery(new URL(`${o.server}/oauth`), o.clientId, undefined, client.ClientSecretBasic(o.clientSecret), {
    ...(o.server.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {}),
  });
  const { access_token: token } = await client.clientCredentialsGrant(config);
  const answer = async <T>(path: string, res: Response): Promise<T> => {
    const json = (await res.json()) as T;
    // The API's error says what and where: pass it on whole.
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: async (path, query = {}) => answer(path, await fetch(`${o.server}/api/org/${path}?${new URLSearchParams(query)}`, { headers })),
    post: async (path, body) => answer(path, await fetch(`${o.server}/api/org/${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })),
  };
}

/** The command-line options every example organisation takes (node:util parseArgs). */
export const ORGANISATION_OPTIONS = {
  server: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/**
 * The organisation's client secret: MESINFOS_CLIENT_SECRET, else --client-secret=SECRET (with
 * "=": a secret may start with "-"). The environment keeps it out of the process list.
 */
export function clientSecret(args: { 'client-secret'?: string | undefined }): string {
  const v = process.env.MESINFOS_CLIENT_SECRET ?? args['client-secret'];
  if (!v) throw new Error('the client secret is required: set MESINFOS_CLIENT_SECRET, or pass --client-secret=SECRET');
  return v;
}

/** The value of a required command-line option, or a clear error naming it. */
export function required<K extends string>(args: Partial<Record<K, string | boolean | undefined>>, name: K): string {
  const v = args[name];
  if (typeof v !== 'string' || !v) throw new Error(`--${name} is required`);
  return v;
}
