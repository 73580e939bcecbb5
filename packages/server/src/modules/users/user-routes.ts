import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { forbidden } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { Id, IdParams, Page, PageQuery, errors } from '../../http/schemas.js';
import { Email, Name, OrgRoleSchema, Password, UserSchema } from './user-schemas.js';
import { createUser, getVisibleUser, toPublicUser, updateUser } from './user-service.js';

/** Users of an organization: admins create and manage them; members list them. */
export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (organization admins; superusers may name another organization)',
        body: Type.Object({ email: Email, password: Password, name: Name, role: Type.Optional(OrgRoleSchema), organizationId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { organizationId = actor.organizationId, role = 'member', ...rest } = request.body;
      if (actor.orgRole !== 'admin' && !actor.isSuperuser) throw forbidden('only an organization admin may create users');
      if (organizationId !== actor.organizationId && !actor.isSuperuser) throw forbidden('only a superuser may create users in another organization');
      const id = await createUser(ctx, { ...rest, role, organizationId }, actor.id);
      return reply.status(201).send({ id });
    },
  );

  r.get(
    '/api/users',
    {
      schema: { tags: ['users'], summary: 'Users of your organization', querystring: PageQuery, response: { 200: Page(UserSchema), ...errors(400, 401) } },
    },
    async (request) => {
      const actor = actorOf(request);
      const limit = request.query.limit ?? 100;
      const rows = await ctx.db.kysely
        .selectFrom('users')
        .selectAll()
        .where('organization_id', '=', actor.organizationId)
        .where('id', '>', decodeCursor(request.query.cursor))
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      return toPage(rows, limit, toPublicUser);
    },
  );

  r.get(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: 'One user of your organization', params: IdParams, response: { 200: UserSchema, ...errors(400, 401, 404) } } },
    async (request) => toPublicUser(await getVisibleUser(ctx, actorOf(request), request.params.id)),
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user (admins: anyone in the organization; you: your name and password)',
        params: IdParams,
        body: Type.Object({ name: Type.Optional(Name), role: Type.Optional(OrgRoleSchema), isActive: Type.Optional(Type.Boolean()), password: Type.Optional(Password) }, { additionalProperties: false }),
        response: { 200: UserSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => toPublicUser(await updateUser(ctx, actorOf(request), request.params.id, request.body)),
  );
}
