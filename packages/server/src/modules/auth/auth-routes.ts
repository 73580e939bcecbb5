import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { LaoshiError } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, Timestamp, errors } from '../../http/schemas.js';
import { Email, Name, Password, UserSchema } from '../users/user-schemas.js';
import { createUser, defaultOrganizationId, toPublicUser } from '../users/user-service.js';
import { SESSION_COOKIE, createApiToken, listApiTokens, login, logout, openSession, revokeApiToken, type LoginResult } from './auth-service.js';

const SessionResponse = Type.Object({ user: UserSchema, csrfToken: Type.String({ description: 'send as X-CSRF-Token on cookie-authenticated writes' }) });
const TokenInfo = Type.Object({ id: Type.Integer(), name: Type.String(), prefix: Type.String(), createdAt: Timestamp, lastUsedAt: Type.Union([Timestamp, Type.Null()]) });

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: LoginResult): void {
  void reply.setCookie(SESSION_COOKIE, session.sessionToken, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Secure whenever the client reached us over TLS (directly, or through a trusted proxy).
    secure: request.protocol === 'https',
    expires: new Date(session.expiresAt),
  });
}

/** Sign-in, sign-out, the current user, optional signup and personal API tokens. */
export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const perMinute = ctx.config.loginRateLimitPerMinute;
  // Two limits: per address and e-mail (guessing one password), and per address (spraying many e-mails).
  const byAccount = app.createRateLimit({ max: perMinute, timeWindow: 60_000, keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}` });
  const byAddress = app.createRateLimit({ max: perMinute * 5, timeWindow: 60_000, keyGenerator: (req) => req.ip });

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
        response: { 200: SessionResponse, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      // Every attempt counts (not only failures), so parallel guesses cannot slip past a peek.
      for (const limit of [byAddress, byAccount]) {
        const status = await limit(request);
        if (!status.isAllowed && status.isExceeded) throw new LaoshiError(429, 'LAOSHI_RATE_LIMITED', 'too many sign-in attempts; wait a minute and try again');
      }
      const session = await login(ctx, request.body.email, request.body.password);
      setSessionCookie(request, reply, session);
      return { user: toPublicUser(session.user), csrfToken: session.csrfToken };
    },
  );

  r.post(
    '/api/auth/signup',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Create your own account (only when LAOSHI_SIGNUP=open)',
        body: Type.Object({ email: Email, password: Password, name: Name }, { additionalProperties: false }),
        response: { 201: SessionResponse, ...errors(400, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      if (!ctx.config.signupOpen) throw new LaoshiError(403, 'LAOSHI_SIGNUP_CLOSED', 'signup is closed; ask an administrator for an account');
      const status = await byAddress(request);
      if (!status.isAllowed && status.isExceeded) throw new LaoshiError(429, 'LAOSHI_RATE_LIMITED', 'too many attempts; wait a minute and try again');
      const id = await createUser(ctx, { ...request.body, role: 'member', organizationId: await defaultOrganizationId(ctx) }, null);
      const user = await ctx.db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const session = await openSession(ctx, user, 'user.signup');
      setSessionCookie(request, reply, session);
      return reply.status(201).send({ user: toPublicUser(user), csrfToken: session.csrfToken });
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: Type.Null(), ...errors(401, 403) } } },
    async (request, reply) => {
      actorOf(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(ctx, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user (and, for a cookie session, its CSRF token)',
        response: { 200: Type.Object({ user: UserSchema, csrfToken: Type.Optional(Type.String()) }), ...errors(401) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await ctx.db.kysely.selectFrom('users').selectAll().where('id', '=', actor.id).executeTakeFirstOrThrow();
      return request.csrfToken ? { user: toPublicUser(row), csrfToken: request.csrfToken } : { user: toPublicUser(row) };
    },
  );

  r.post(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token (shown once; send as Authorization: Bearer <token>)',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ token: Type.String(), id: Type.Integer(), name: Type.String(), prefix: Type.String() }), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createApiToken(ctx, actor.id, actor.organizationId, request.body.name.trim() || 'token');
      return reply.status(201).send({ token: created.token, id: created.id, name: created.info.name, prefix: created.info.prefix });
    },
  );

  r.get(
    '/api/auth/tokens',
    { schema: { tags: ['auth'], summary: 'Your API tokens (never the secrets)', response: { 200: Type.Array(TokenInfo), ...errors(401) } } },
    async (request) => listApiTokens(ctx, actorOf(request).id),
  );

  r.delete(
    '/api/auth/tokens/:id',
    { schema: { tags: ['auth'], summary: 'Revoke one of your API tokens', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await revokeApiToken(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
