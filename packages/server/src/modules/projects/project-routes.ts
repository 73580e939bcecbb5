import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { Id, IdParams, JsonObject, Page, PageQuery, Timestamp, errors } from '../../http/schemas.js';
import { createProject, deleteProject, getProject, listMembers, listProjects, removeMember, setMember, updateProject } from './project-service.js';

const ProjectRoleSchema = Type.Union([Type.Literal('manager'), Type.Literal('reviewer'), Type.Literal('annotator')]);
const LabelConfigInput = Type.Union([Type.String({ minLength: 1, maxLength: 1_000_000, description: 'Label Studio XML' }), JsonObject], {
  description: 'Laoshi JSON label config, or a Label Studio XML string (converted)',
});
const Title = Type.String({ minLength: 1, maxLength: 300 });
const Description = Type.String({ maxLength: 10_000 });
const Overlap = Type.Integer({ minimum: 1, maximum: 100, description: 'distinct annotators per task' });

const ProjectSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  labelConfig: JsonObject,
  labelConfigXml: Type.Union([Type.String(), Type.Null()]),
  overlap: Type.Integer(),
  createdBy: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  role: ProjectRoleSchema,
  counts: Type.Object({ tasks: Type.Integer(), labeled: Type.Integer() }),
});

const MemberSchema = Type.Object({ userId: Type.Integer(), email: Type.String(), name: Type.String(), role: ProjectRoleSchema, addedAt: Timestamp });

/** Projects and their members. */
export function projectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Create a project from a label config; you become its manager',
        body: Type.Object({ title: Title, description: Type.Optional(Description), labelConfig: LabelConfigInput, overlap: Type.Optional(Overlap) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createProject(ctx, actorOf(request), request.body) }),
  );

  r.get(
    '/api/projects',
    { schema: { tags: ['projects'], summary: 'Your projects with progress', querystring: PageQuery, response: { 200: Page(ProjectSchema), ...errors(400, 401) } } },
    async (request) => listProjects(ctx, actorOf(request), request.query.limit ?? 100, request.query.cursor),
  );

  r.get(
    '/api/projects/:id',
    { schema: { tags: ['projects'], summary: 'One project with its counts', params: IdParams, response: { 200: ProjectSchema, ...errors(400, 401, 404) } } },
    async (request) => getProject(ctx, actorOf(request), request.params.id),
  );

  r.patch(
    '/api/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'Change title, description, label config or overlap (managers)',
        params: IdParams,
        body: Type.Object({ title: Type.Optional(Title), description: Type.Optional(Description), labelConfig: Type.Optional(LabelConfigInput), overlap: Type.Optional(Overlap) }, { additionalProperties: false }),
        response: { 200: ProjectSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => updateProject(ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/projects/:id',
    { schema: { tags: ['projects'], summary: 'Delete a project and everything in it (managers)', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await deleteProject(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/projects/:id/members',
    { schema: { tags: ['projects'], summary: 'Members and their roles', params: IdParams, response: { 200: Type.Array(MemberSchema), ...errors(400, 401, 404) } } },
    async (request) => listMembers(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/members',
    {
      schema: {
        tags: ['projects'],
        summary: 'Add a member of your organization, or change their role (managers)',
        params: IdParams,
        body: Type.Object({ userId: Id, role: ProjectRoleSchema }, { additionalProperties: false }),
        response: { 200: Type.Object({ userId: Type.Integer(), role: ProjectRoleSchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await setMember(ctx, actorOf(request), request.params.id, request.body.userId, request.body.role);
      return request.body;
    },
  );

  r.delete(
    '/api/projects/:id/members/:userId',
    {
      schema: { tags: ['projects'], summary: 'Remove a member (managers)', params: Type.Object({ id: Id, userId: Id }), response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      await removeMember(ctx, actorOf(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );
}
