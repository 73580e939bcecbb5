import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { scopeProject } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { AuditEventsTable } from '../../db/schema.js';
import { forbidden } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { IdParams, JsonObject, Page, PageQuery, Timestamp, errors } from '../../http/schemas.js';
import type { Selectable } from 'kysely';

const AuditEventSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Union([Type.Integer(), Type.Null()]),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.Union([Type.Integer(), Type.Null()]),
  data: JsonObject,
  createdAt: Timestamp,
});

const toView = (e: Selectable<AuditEventsTable>) => ({
  id: e.id,
  projectId: e.project_id,
  actorId: e.actor_id,
  action: e.action,
  objectType: e.object_type,
  objectId: e.object_id,
  data: JSON.parse(e.data) as Record<string, unknown>,
  createdAt: new Date(e.created_at).toISOString(),
});

/** The audit trail: who did what to which object, and when. */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const page = (orgId: number, projectId: number | null, limit: number, cursor?: string) =>
    ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', orgId)
      .$if(projectId !== null, (q) => q.where('project_id', '=', projectId))
      .where('id', '>', decodeCursor(cursor))
      .orderBy('id')
      .limit(limit + 1)
      .execute()
      .then((rows) => toPage(rows, limit, toView));

  r.get(
    '/api/audit',
    { schema: { tags: ['audit'], summary: "Your organization's audit trail (organization admins)", querystring: PageQuery, response: { 200: Page(AuditEventSchema), ...errors(400, 401, 403) } } },
    async (request) => {
      const actor = actorOf(request);
      if (actor.orgRole !== 'admin') throw forbidden('only an organization admin may read the audit trail');
      return page(actor.organizationId, null, request.query.limit ?? 100, request.query.cursor);
    },
  );

  r.get(
    '/api/projects/:id/audit',
    { schema: { tags: ['audit'], summary: "A project's audit trail (managers)", params: IdParams, querystring: PageQuery, response: { 200: Page(AuditEventSchema), ...errors(400, 401, 403, 404) } } },
    async (request) => {
      const { project } = await scopeProject(ctx, actorOf(request), request.params.id, 'manager');
      return page(project.organization_id, project.id, request.query.limit ?? 100, request.query.cursor);
    },
  );
}
