import type { FastifyReply, FastifyRequest } from 'fastify';

/** The name of the person's session cookie. Its value is a random id known only to the server. */
export const SESSION_COOKIE = 'mesinfos_session';

/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site
 * sends it), Secure when the request came over TLS, scoped to /api, a session cookie
 * (gone when the browser closes; the server ends it sooner when idle).
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, id: string): void {
  reply.setCookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/api' });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/api' });
}
