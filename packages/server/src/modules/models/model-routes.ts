import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { scopeProject } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import { LaoshiError, badRequest } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { scopeBeforeValidation } from '../quality/scope-before-validation.js';
import { backendRoutes } from './backend-routes.js';
import { evaluateModelVersion } from './evaluation-service.js';
import { listModelFiles, storeModelFile, MAX_MODEL_FILE_BYTES, type ModelFileView } from './model-file-service.js';
import {
  ActiveLearningBody, ActiveLearningSchema, EvaluationQuerySchema, EvaluationSchema, Filter, JobStarted, ModelFileSchema, ModelVersionSchema, PreviewQuery, PreviewSchema, TrainBody, TrainStarted,
} from './model-schemas.js';
import { scopeModelVersion } from './model-version-repository.js';
import { getModelVersion, listModelVersions, startVersionPredictions } from './model-version-service.js';
import { getQueueOrder, previewQueue, setQueueOrder } from './queue-order.js';
import { startTraining } from './training-service.js';

function versionFirst(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const id = Number((request.params as Record<string, unknown> | undefined)?.id);
    if (Number.isInteger(id) && id >= 1 && id <= 2_147_483_647) await scopeModelVersion(ctx, actorOf(request), id, 'manager');
  };
}

/** The model loop: backends, built-in training and model versions, evaluation, ONNX feature models, active learning. */
export function modelRoutes(app: FastifyInstance, ctx: AppContext): void {
  backendRoutes(app, ctx);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['models'];

  r.post(
    '/api/projects/:id/model-versions',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags,
        summary: "Train a built-in model (text classifier, or image classifier on ONNX features) on the project's labels, as a job with a learning-curve point per epoch; a new model version (managers)",
        params: IdParams,
        body: TrainBody,
        response: { 202: TrainStarted, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(202).send(await startTraining(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.get(
    '/api/projects/:id/model-versions',
    { schema: { tags, summary: "The project's built-in model versions, newest first (managers)", params: IdParams, response: { 200: Type.Array(ModelVersionSchema), ...errors(400, 401, 403, 404) } } },
    async (request) => listModelVersions(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/model-versions/:id',
    { schema: { tags, summary: 'A model version with its learning curve (managers)', params: IdParams, response: { 200: ModelVersionSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => getModelVersion(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/model-versions/:id/predict',
    {
      preValidation: versionFirst(ctx),
      schema: { tags, summary: "Write the version's predictions as pre-labels (all tasks or a filtered subset), as a job (managers)", params: IdParams, body: Type.Object({ filter: Type.Optional(Filter) }, { additionalProperties: false }), response: { 202: JobStarted, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => reply.status(202).send(await startVersionPredictions(ctx, actorOf(request), request.params.id, request.body.filter)),
  );

  r.get(
    '/api/model-versions/:id/evaluation',
    {
      preValidation: versionFirst(ctx),
      schema: {
        tags,
        summary: 'Evaluate a model version on its validation split and on the accepted/submitted labels: classification report, confusion matrix, ROC/PR (two labels), calibration, slices by a task data field (managers)',
        params: IdParams,
        querystring: EvaluationQuerySchema,
        response: { 200: EvaluationSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => evaluateModelVersion(ctx, actorOf(request), request.params.id, request.query),
  );

  r.post(
    '/api/projects/:id/model-files',
    {
      schema: { tags, summary: 'Upload an ONNX feature model (multipart/form-data, one file; input [N, 3, H, W] float) for the image classifier (managers)', consumes: ['multipart/form-data'], params: IdParams, response: { 201: ModelFileSchema, ...errors(400, 401, 403, 404, 406, 413) } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await scopeProject(ctx, actor, request.params.id, 'manager');
      if (!request.isMultipart()) throw new LaoshiError(406, 'LAOSHI_UNSUPPORTED_MEDIA_TYPE', 'send the ONNX file as multipart/form-data');
      let stored: ModelFileView | null = null;
      for await (const part of request.files({ limits: { fileSize: MAX_MODEL_FILE_BYTES, files: 1 } })) {
        stored = await storeModelFile(ctx, actor, request.params.id, { fileName: part.filename, body: part.file });
      }
      if (!stored) throw badRequest('no file in the upload', 'file');
      return reply.status(201).send(stored);
    },
  );

  r.get(
    '/api/projects/:id/model-files',
    { schema: { tags, summary: "The project's ONNX feature models (managers)", params: IdParams, response: { 200: Type.Array(ModelFileSchema), ...errors(400, 401, 403, 404) } } },
    async (request) => listModelFiles(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/projects/:id/active-learning',
    { schema: { tags, summary: "The project's queue order: sequential, random, or by the latest model's uncertainty (reviewers and managers)", params: IdParams, response: { 200: ActiveLearningSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => getQueueOrder(ctx, actorOf(request), request.params.id),
  );

  r.put(
    '/api/projects/:id/active-learning',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: { tags, summary: 'Set the order in which the queue hands out new tasks (managers)', params: IdParams, body: ActiveLearningBody, response: { 200: ActiveLearningSchema, ...errors(400, 401, 403, 404) } },
    },
    async (request) => setQueueOrder(ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/projects/:id/active-learning/preview',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: { tags, summary: 'The next open tasks in the queue order (or in `order`), with their uncertainty and the model\'s guess (managers)', params: IdParams, querystring: PreviewQuery, response: { 200: PreviewSchema, ...errors(400, 401, 403, 404) } },
    },
    async (request) => previewQueue(ctx, actorOf(request), request.params.id, request.query),
  );
}
