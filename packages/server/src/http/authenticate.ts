import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from '../auth/secret.js';
import type { Actor, AppContext } from '../context.js';
import { LaoshiError } from '../errors.js';
import { SESSION_COOKIE, resolveApiToken, resolveSession } from '../modules/auth/auth-service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route answers without a signed-in caller (health, login, OpenAPI). */
    public?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session's CSRF token when the caller signed in with the cookie (the web app reads it from /api/auth/me). */
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The authenticated caller; throws 401 where a route forgot to be protected. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new LaoshiError(401, 'LAOSHI_UNAUTHENTICATED', 'sign in or send an API token');
  return request.actor;
}

/**
 * Resolves the caller of every /api request from a bearer token (`Authorization: Bearer lsh_…`,
 * or Label Studio's `Token lsh_…`) or the session cookie, and enforces CSRF protection on
 * cookie-authenticated writes (header X-CSRF-Token must match the session's token).
 */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    const isPublic = request.routeOptions.config?.public === true;
    const header = request.headers.authorization;
    if (header) {
      const match = /^(?:Bearer|Token)\s+(\S+)$/i.exec(header);
      const actor = match?.[1] ? await resolveApiToken(ctx, match[1]) : null;
      if (!actor) throw new LaoshiError(401, 'LAOSHI_UNAUTHENTICATED', 'the API token is not valid', 'authorization');
      request.actor = actor;
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    const session = sessionToken ? await resolveSession(ctx, sessionToken) : null;
    if (session) {
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
          throw new LaoshiError(403, 'LAOSHI_CSRF', 'missing or wrong X-CSRF-Token header for a cookie-authenticated write', 'x-csrf-token');
        }
      }
      request.actor = session.actor;
      request.csrfToken = session.csrfToken;
      return;
    }
    if (!isPublic) throw new LaoshiError(401, 'LAOSHI_UNAUTHENTICATED', 'sign in or send an API token');
  });
}
