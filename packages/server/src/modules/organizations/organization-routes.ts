import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { forbidden } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { Timestamp, errors } from '../../http/schemas.js';
import { recordAudit } from '../audit/audit-repository.js';
import { createOrganization } from '../users/user-service.js';

const OrganizationSchema = Type.Object({ id: Type.Integer(), name: Type.String(), createdAt: Timestamp });

/** Organizations are the walls between teams; only instance superusers create and list them. */
export function organizationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Create an organization (superusers)',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!actor.isSuperuser) throw forbidden('only a superuser may create organizations');
      const now = ctx.now();
      const id = await ctx.db.transaction(async (trx) => {
        const orgId = await createOrganization(trx, request.body.name, now);
        await recordAudit(trx, { organizationId: orgId, actorId: actor.id, action: 'organization.create', objectType: 'organization', objectId: orgId }, now);
        return orgId;
      });
      return reply.status(201).send({ id });
    },
  );

  r.get(
    '/api/organizations',
    { schema: { tags: ['organizations'], summary: 'All organizations (superusers); your own otherwise', response: { 200: Type.Array(OrganizationSchema), ...errors(401) } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await ctx.db.kysely
        .selectFrom('organizations')
        .selectAll()
        .$if(!actor.isSuperuser, (q) => q.where('id', '=', actor.organizationId))
        .orderBy('id')
        .execute();
      return rows.map((o) => ({ id: o.id, name: o.name, createdAt: new Date(o.created_at).toISOString() }));
    },
  );
}
