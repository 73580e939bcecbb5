import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
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

/** How long a bearer token's caller is remembered without asking the database again. */
export const CALLER_CACHE_TTL_MS = 10_000;
const CALLER_CACHE_SIZE = 10_000;

/**
 * The routes that change who a token's caller is (revoking a token; a user's role, name or
 * activity): a successful answer of one of them forgets every remembered caller.
 */
const CALLER_CHANGING_ROUTES = new Set(['DELETE /api/auth/tokens/:id', 'PATCH /api/users/:id']);

/**
 * Bearer token → caller, for CALLER_CACHE_TTL_MS: a client calling in a loop costs no keyed
 * hash and no query per request. Only valid tokens are remembered. `forget()` drops everything;
 * a lookup that began before a forget() is not stored, so a revoked token is never served from
 * the cache once its revocation has answered.
 */
class CallerCache {
  readonly #entries = new Map<string, { actor: Actor; expiresAt: number }>();
  #generation = 0;

  get(token: string, now: number): Actor | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry.actor;
    this.#entries.delete(token);
    return undefined;
  }

  get generation(): number {
    return this.#generation;
  }

  set(token: string, actor: Actor, now: number, generation: number): void {
    if (generation !== this.#generation) return;
    // Oldest first out (insertion order); a full cache only costs lookups, never correctness.
    if (this.#entries.size >= CALLER_CACHE_SIZE) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(token, { actor: Object.freeze(actor), expiresAt: now + CALLER_CACHE_TTL_MS });
  }

  forget(): void {
    this.#generation++;
    this.#entries.clear();
  }
}

const callerCaches = new WeakMap<AppContext, CallerCache>();

/**
 * Forgets every remembered bearer-token caller of this app. Call it after a change to a token or a
 * user commits (the routes in CALLER_CHANGING_ROUTES already do).
 */
export function forgetCachedCallers(ctx: AppContext): void {
  callerCaches.get(ctx)?.forget();
}

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
  const callers = new CallerCache();
  callerCaches.set(ctx, callers);
  // On the routes that change callers, after the change committed and before the client hears of it.
  const forgetOnSuccess: onSendHookHandler = (_request, reply, payload, done) => {
    if (reply.statusCode < 400) callers.forget();
    done(null, payload);
  };
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((m) => CALLER_CHANGING_ROUTES.has(`${m} ${route.url}`))) return;
    route.onSend = [...(route.onSend === undefined ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend]), forgetOnSuccess];
  });
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    const isPublic = request.routeOptions.config?.public === true;
    const header = request.headers.authorization;
    if (header) {
      const match = /^(?:Bearer|Token)\s+(\S+)$/i.exec(header);
      const token = match?.[1];
      const now = ctx.now();
      let actor = token ? callers.get(token, now) : undefined;
      if (!actor && token) {
        const generation = callers.generation;
        actor = (await resolveApiToken(ctx, token)) ?? undefined;
        if (actor) callers.set(token, actor, now, generation);
      }
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
