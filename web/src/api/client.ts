import type { sessionStateSchema, unlockOutputSchema } from '../../../src/http/session-routes.ts';
import type { z } from 'zod';
import { OPERATION_METHODS, type OperationInput, type OperationName, type OperationOutput, type UploadResult } from './operations.ts';

export type SessionState = z.output<typeof sessionStateSchema>;
export type { UploadResult };

/** An error answered by the API: its stable code (src/domain/errors.ts), message and details. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Paths of the person's routes that are not operations (src/http/upload-routes.ts, vault-settings-routes.ts). */
export const UPLOAD_URL = '/api/me/files/upload';
export const EXPORT_URL = '/api/me/vault/export.zip';
const PASSPHRASE_URL = '/api/me/vault/passphrase';

let csrfToken: string | null = null;
const lockedListeners = new Set<() => void>();

/** Called when the server says the vault is locked for this session (idle lock, lock elsewhere). */
export function onLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

async function errorFrom(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.code) return new ApiError(body.error.code, body.error.message ?? body.error.code, res.status, body.error.details);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
  }
  return new ApiError(res.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', `${res.status} ${res.statusText}`, res.status);
}

/** Tells the listeners when an error means the session is locked, and returns the error. */
function noticed(e: ApiError): ApiError {
  if (e.code === 'VAULT_LOCKED') {
    csrfToken = null;
    for (const l of lockedListeners) l();
  }
  return e;
}

async function send<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  const res = await fetch(url, { method, headers, credentials: 'same-origin', ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}) });
  if (!res.ok) throw noticed(await errorFrom(res));
  return (await res.json()) as T;
}

/** `{ type: ['a','b'], limit: 5 }` → `type=a&type=b&limit=5` (what src/http/query-input.ts reads). */
export function toQuery(input: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === null || v === '') continue;
    for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** `records.list` → `/api/me/records/list`. */
export const operationUrl = (name: OperationName) => `/api/me/${name.split('.').join('/')}`;

/**
 * Calls one operation of the table over HTTP, typed by its schemas.
 * Example: const page = await call('records.list', { search: 'loyer', limit: 20 })
 */
export function call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const method = OPERATION_METHODS[name];
  return method === 'GET' ? send('GET', operationUrl(name) + toQuery(input as object)) : send('POST', operationUrl(name), input);
}

export async function sessionState(): Promise<SessionState> {
  const s = await send<SessionState>('GET', '/api/session');
  csrfToken = s.csrfToken ?? null;
  return s;
}

export async function unlock(passphrase: string, create: boolean): Promise<z.output<typeof unlockOutputSchema>> {
  const r = await send<z.output<typeof unlockOutputSchema>>('POST', '/api/session/unlock', { passphrase, create });
  csrfToken = r.csrfToken;
  return r;
}

export async function lock(): Promise<void> {
  await send('POST', '/api/session/lock');
  csrfToken = null;
}

export function changePassphrase(current: string, next: string): Promise<{ changed: true }> {
  return send('POST', PASSPHRASE_URL, { current, next });
}

/**
 * Uploads one file's bytes for import and reports upload progress (0..1). XMLHttpRequest,
 * because fetch does not report upload progress.
 */
export function uploadFile(file: Blob, name: string, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${UPLOAD_URL}?name=${encodeURIComponent(name)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable && e.total > 0 ? e.loaded / e.total : 0);
    xhr.onerror = () => reject(new ApiError('NETWORK', 'The server could not be reached.', 0));
    xhr.onabort = () => reject(new ApiError('ABORTED', 'Upload cancelled.', 0));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText });
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as UploadResult);
      else errorFrom(res).then((e) => reject(noticed(e)), reject);
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
