import { randomBytes } from 'node:crypto';
import { verifyPassword } from '../../auth/password.js';
import { keyedHash, randomToken } from '../../auth/secret.js';
import type { Actor, AppContext } from '../../context.js';
import { preparedQuery } from '../../db/prepared-query.js';
import type { UserRow } from '../../db/schema.js';
import { LaoshiError, notFound } from '../../errors.js';
import { recordAudit } from '../audit/audit-repository.js';
import { normalizeEmail } from '../users/user-service.js';

export const SESSION_COOKIE = 'laoshi_session';
const TOKEN_PREFIX = 'lsh';

function toActor(row: UserRow, via: Actor['via']): Actor {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    name: row.name,
    orgRole: row.org_role,
    isSuperuser: row.is_superuser === 1,
    via,
  };
}

export interface LoginResult {
  user: UserRow;
  sessionToken: string;
  csrfToken: string;
  expiresAt: number;
}

/** Checks e-mail and password and opens a session; 401 LAOSHI_BAD_CREDENTIALS on any mismatch. */
export async function login(ctx: AppContext, emailInput: string, password: string): Promise<LoginResult> {
  let email: string;
  try {
    email = normalizeEmail(emailInput);
  } catch {
    email = '';
  }
  const user = email ? await ctx.db.kysely.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst() : undefined;
  // Verifying against a real hash when the e-mail is unknown keeps both paths equally slow,
  // so response time does not reveal which e-mails have accounts.
  const ok = await verifyPassword(password, user?.password_hash ?? (await ctx.dummyPasswordHash()));
  if (!user || !ok || user.is_active !== 1) throw new LaoshiError(401, 'LAOSHI_BAD_CREDENTIALS', 'e-mail or password is wrong');
  return openSession(ctx, user, 'user.login');
}

/** Opens a session for a user (after login or signup). */
export async function openSession(ctx: AppContext, user: UserRow, action: string): Promise<LoginResult> {
  const sessionToken = randomToken('lss');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.now();
  const expiresAt = now + ctx.config.sessionTtlMs;
  await ctx.db.transaction(async (trx) => {
    await trx.insertInto('sessions').values({ id_hash: keyedHash(ctx.secret, sessionToken), user_id: user.id, csrf_token: csrfToken, created_at: now, expires_at: expiresAt }).execute();
    await trx.updateTable('users').set({ last_login_at: now }).where('id', '=', user.id).execute();
    // Old sessions are swept here rather than by a timer.
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('expires_at', '<', now).execute();
    await recordAudit(trx, { organizationId: user.organization_id, actorId: user.id, action, objectType: 'user', objectId: user.id }, now);
  });
  return { user, sessionToken, csrfToken, expiresAt };
}

/** The actor behind a session cookie, with the session's CSRF token; null if unknown or expired. */
export async function resolveSession(ctx: AppContext, sessionToken: string): Promise<{ actor: Actor; csrfToken: string } | null> {
  const row = await ctx.db.kysely
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', keyedHash(ctx.secret, sessionToken))
    .executeTakeFirst();
  if (!row || row.expires_at <= ctx.now() || row.is_active !== 1) return null;
  return { actor: toActor(row, 'session'), csrfToken: row.csrf_token };
}

/** Ends a session. */
export async function logout(ctx: AppContext, sessionToken: string): Promise<void> {
  await ctx.db.kysely.deleteFrom('sessions').where('id_hash', '=', keyedHash(ctx.secret, sessionToken)).execute();
}

const tokenOwner = preparedQuery((db, _dialect, tokenHash: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', tokenHash),
);

/** The actor behind a bearer API token; null if unknown or its user is inactive. */
export async function resolveApiToken(ctx: AppContext, token: string): Promise<Actor | null> {
  if (!token.startsWith(`${TOKEN_PREFIX}_`)) return null;
  const row = (await tokenOwner(ctx.db.kysely, keyedHash(ctx.secret, token))).rows[0];
  if (!row || row.is_active !== 1) return null;
  const now = ctx.now();
  // "Last used" to the minute: one write a minute per token, not one per request.
  if (row.last_used_at === null || now - row.last_used_at > 60_000) {
    await ctx.db.kysely.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  return toActor(row, 'token');
}

export interface ApiTokenInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Creates a personal API token; the token itself is returned once and only its keyed hash is kept. */
export async function createApiToken(ctx: AppContext, userId: number, organizationId: number, name: string): Promise<{ id: number; token: string; info: ApiTokenInfo }> {
  const token = randomToken(TOKEN_PREFIX);
  const now = ctx.now();
  const prefix = token.slice(0, 8);
  const id = await ctx.db.transaction(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ user_id: userId, name, token_hash: keyedHash(ctx.secret, token), prefix, created_at: now, last_used_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { organizationId, actorId: userId, action: 'token.create', objectType: 'api_token', objectId: row.id, data: { name } }, now);
    return row.id;
  });
  return { id, token, info: { id, name, prefix, createdAt: new Date(now).toISOString(), lastUsedAt: null } };
}

/** The caller's tokens (never the secrets). */
export async function listApiTokens(ctx: AppContext, userId: number): Promise<ApiTokenInfo[]> {
  const rows = await ctx.db.kysely.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at).toISOString(),
  }));
}

/** Revokes one of the caller's tokens; another user's token id is 404. */
export async function revokeApiToken(ctx: AppContext, actor: Actor, tokenId: number): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    const result = await trx.deleteFrom('api_tokens').where('id', '=', tokenId).where('user_id', '=', actor.id).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw notFound('LAOSHI_TOKEN_NOT_FOUND', 'API token');
    await recordAudit(trx, { organizationId: actor.organizationId, actorId: actor.id, action: 'token.revoke', objectType: 'api_token', objectId: tokenId }, now);
  });
}
