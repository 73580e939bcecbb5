import type { Kysely } from 'kysely';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import type { Actor, AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import type { Database, OrgRole, UserRow } from '../../db/schema.js';
import { LaoshiError, badRequest, forbidden, notFound } from '../../errors.js';
import { recordAudit } from '../audit/audit-repository.js';

/** A user as the API shows it (never the password hash). */
export interface PublicUser {
  id: number;
  email: string;
  name: string;
  organizationId: number;
  role: OrgRole;
  isSuperuser: boolean;
  isActive: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    organizationId: row.organization_id,
    role: row.org_role,
    isSuperuser: row.is_superuser === 1,
    isActive: row.is_active === 1,
    createdAt: new Date(row.created_at).toISOString(),
    lastLoginAt: row.last_login_at === null ? null : new Date(row.last_login_at).toISOString(),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-cases and checks an e-mail address. */
export function normalizeEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!EMAIL.test(value) || value.length > 254) throw badRequest('email is not a valid e-mail address', 'email');
  return value;
}

export interface NewUserInput {
  email: string;
  password: string;
  name: string;
  role: OrgRole;
  organizationId: number;
  isSuperuser?: boolean;
}

/** Creates a user; 409 LAOSHI_EMAIL_TAKEN when the e-mail is in use. */
export async function createUser(ctx: AppContext, input: NewUserInput, actorId: number | null): Promise<number> {
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password);
  if (problem) throw badRequest(problem, 'password');
  const name = input.name.trim();
  if (!name) throw badRequest('name must not be empty', 'name');
  const passwordHash = await hashPassword(input.password, ctx.passwordCost);
  const now = ctx.now();
  try {
    return await ctx.db.transaction(async (trx) => {
      const org = await trx.selectFrom('organizations').select('id').where('id', '=', input.organizationId).executeTakeFirst();
      if (!org) throw new LaoshiError(404, 'LAOSHI_ORGANIZATION_NOT_FOUND', 'organization not found', 'organizationId');
      const row = await trx
        .insertInto('users')
        .values({
          organization_id: input.organizationId,
          email,
          name,
          password_hash: passwordHash,
          org_role: input.role,
          is_superuser: input.isSuperuser ? 1 : 0,
          is_active: 1,
          created_at: now,
          last_login_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { organizationId: input.organizationId, actorId, action: 'user.create', objectType: 'user', objectId: row.id, data: { email, role: input.role } }, now);
      return row.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new LaoshiError(409, 'LAOSHI_EMAIL_TAKEN', `a user with e-mail ${email} exists`, 'email');
    throw err;
  }
}

/** Creates an organization. */
export async function createOrganization(db: Kysely<Database>, name: string, now: number): Promise<number> {
  const trimmed = name.trim();
  if (!trimmed) throw badRequest('name must not be empty', 'name');
  const row = await db.insertInto('organizations').values({ name: trimmed, created_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The organization new admins join when none is named: the oldest one, created if there is none. */
export async function defaultOrganizationId(ctx: AppContext): Promise<number> {
  const first = await ctx.db.kysely.selectFrom('organizations').select('id').orderBy('id').limit(1).executeTakeFirst();
  return first ? first.id : createOrganization(ctx.db.kysely, 'Default', ctx.now());
}

/** Creates an administrator (the very first user also becomes instance superuser). */
export async function createAdmin(ctx: AppContext, input: { email: string; password: string; name?: string; organizationId?: number }): Promise<number> {
  const isFirst = !(await ctx.db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst());
  const organizationId = input.organizationId ?? (await defaultOrganizationId(ctx));
  const name = input.name ?? input.email.split('@')[0] ?? 'admin';
  return createUser(ctx, { ...input, name, role: 'admin', organizationId, isSuperuser: isFirst }, null);
}

/** Creates the first admin from LAOSHI_ADMIN_EMAIL/PASSWORD when there is no user yet. Returns whether it did. */
export async function ensureFirstAdmin(ctx: AppContext): Promise<boolean> {
  const { adminEmail, adminPassword } = ctx.config;
  if (!adminEmail || !adminPassword) return false;
  const any = await ctx.db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  try {
    await createAdmin(ctx, { email: adminEmail, password: adminPassword });
  } catch (err) {
    // Another app server starting at the same moment may have created it.
    if (err instanceof LaoshiError && err.code === 'LAOSHI_EMAIL_TAKEN') return false;
    throw err;
  }
  return true;
}

/** Loads a user the actor may see: same organization (superusers see all). */
export async function getVisibleUser(ctx: AppContext, actor: Actor, userId: number): Promise<UserRow> {
  const row = await ctx.db.kysely.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row || (row.organization_id !== actor.organizationId && !actor.isSuperuser)) throw notFound('LAOSHI_USER_NOT_FOUND', 'user');
  return row;
}

export interface UserPatch {
  name?: string;
  role?: OrgRole;
  isActive?: boolean;
  password?: string;
}

/** Updates a user: admins change anyone in their organization; others only their own name and password. */
export async function updateUser(ctx: AppContext, actor: Actor, userId: number, patch: UserPatch): Promise<UserRow> {
  const target = await getVisibleUser(ctx, actor, userId);
  const isAdmin = actor.isSuperuser || (actor.orgRole === 'admin' && target.organization_id === actor.organizationId);
  const isSelf = actor.id === userId;
  if (!isAdmin && !(isSelf && patch.role === undefined && patch.isActive === undefined)) throw forbidden('only an organization admin may change this user');
  if (isSelf && (patch.isActive === false || (patch.role && patch.role !== target.org_role))) {
    throw badRequest('you may not deactivate yourself or change your own role', patch.isActive === false ? 'isActive' : 'role');
  }
  const values: Partial<Pick<UserRow, 'name' | 'org_role' | 'is_active' | 'password_hash'>> = {};
  if (patch.name !== undefined) {
    if (!patch.name.trim()) throw badRequest('name must not be empty', 'name');
    values.name = patch.name.trim();
  }
  if (patch.role !== undefined) values.org_role = patch.role;
  if (patch.isActive !== undefined) values.is_active = patch.isActive ? 1 : 0;
  if (patch.password !== undefined) {
    const problem = passwordProblem(patch.password);
    if (problem) throw badRequest(problem, 'password');
    values.password_hash = await hashPassword(patch.password, ctx.passwordCost);
  }
  const now = ctx.now();
  return ctx.db.transaction(async (trx) => {
    if (Object.keys(values).length) await trx.updateTable('users').set(values).where('id', '=', userId).execute();
    // A new password or a deactivation ends the user's sessions everywhere.
    if (values.password_hash || values.is_active === 0) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    const changed = Object.keys(patch).filter((k) => k !== 'password');
    await recordAudit(trx, { organizationId: target.organization_id, actorId: actor.id, action: 'user.update', objectType: 'user', objectId: userId, data: { changed, passwordChanged: patch.password !== undefined } }, now);
    return trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  });
}
