import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { scopeBeforeValidation } from '../quality/scope-before-validation.js';
import { scopeBackend } from './backend-repository.js';
import { createBackend, deleteBackend, getBackend, listBackends, testBackend, updateBackend } from './backend-service.js';
import { interactivePredict } from './interactive-predict.js';
import { BackendBody, BackendPatch, BackendSchema, ConnectionTestSchema, InteractiveAnswerSchema, InteractiveBody, JobStarted, PrelabelBody } from './model-schemas.js';
import { startPrelabel } from './prelabel-job.js';

/** Scopes a backend's :id before its body is validated, so outsiders get 404, not a 400 that confirms the route. */
function backendFirst(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const id = Number((request.params as Record<string, unknown> | undefined)?.id);
    if (Number.isInteger(id) && id >= 1 && id <= 2_147_483_647) await scopeBackend(ctx, actorOf(request), id, 'manager');
  };
}

/** Model backends speaking the Label Studio ML-backend protocol: CRUD, connection test, pre-labelling, interactive predictions. */
export function backendRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['models'];

  r.post(
    '/api/projects/:id/model-backends',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: { tags, summary: 'Connect a Label Studio ML backend to the project (managers); test it with /test', params: IdParams, body: BackendBody, response: { 201: BackendSchema, ...errors(400, 401, 403, 404) } },
    },
    async (request, reply) => reply.status(201).send(await createBackend(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.get(
    '/api/projects/:id/model-backends',
    { schema: { tags, summary: "The project's model backends (managers)", params: IdParams, response: { 200: Type.Array(BackendSchema), ...errors(400, 401, 403, 404) } } },
    async (request) => listBackends(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/model-backends/:id',
    { schema: { tags, summary: 'A model backend (managers; credentials only as hints)', params: IdParams, response: { 200: BackendSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => getBackend(ctx, actorOf(request), request.params.id),
  );

  r.patch(
    '/api/model-backends/:id',
    {
      preValidation: backendFirst(ctx),
      schema: { tags, summary: 'Change a model backend; a credential left out stays, null clears it (managers)', params: IdParams, body: BackendPatch, response: { 200: BackendSchema, ...errors(400, 401, 403, 404) } },
    },
    async (request) => updateBackend(ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/model-backends/:id',
    { schema: { tags, summary: 'Disconnect a model backend (its predictions stay) (managers)', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await deleteBackend(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/model-backends/:id/test',
    { schema: { tags, summary: 'Test the connection: GET /health, then POST /setup (managers); a failure is reported in the body', params: IdParams, response: { 200: ConnectionTestSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => testBackend(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/model-backends/:id/prelabel',
    {
      preValidation: backendFirst(ctx),
      schema: { tags, summary: "Pre-label the project's tasks (or a filtered subset) with the backend, as a job with progress (managers)", params: IdParams, body: PrelabelBody, response: { 202: JobStarted, ...errors(400, 401, 403, 404) } },
    },
    async (request, reply) => reply.status(202).send(await startPrelabel(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/tasks/:id/predict',
    {
      preValidation: scopeBeforeValidation(ctx, 'task', 'annotator'),
      schema: {
        tags,
        summary: "Interactive prediction for the editor: the task and your context go to the project's backend, its regions come back (not stored); 502/504 when the backend fails or is slow",
        params: IdParams,
        body: InteractiveBody,
        response: { 200: InteractiveAnswerSchema, ...errors(400, 401, 403, 404, 502, 504) },
      },
    },
    async (request) => interactivePredict(ctx, actorOf(request), request.params.id, request.body),
  );
}
