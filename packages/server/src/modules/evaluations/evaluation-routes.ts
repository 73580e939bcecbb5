import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { LaoshiError, badRequest } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { contentDisposition } from '../media/media-types.js';
import { scopeBeforeValidation } from '../quality/scope-before-validation.js';
import { optionsFromFields, readUpload, type UploadPart } from './evaluation-file.js';
import { scopeEvaluation } from './evaluation-repository.js';
import {
  CompareQuery, EvaluationDetailSchema, EvaluationListSchema, EvaluationOptionsSchema, EvaluationRunSchema, FileDownload, FileUpload, LangQuery, NewEvaluationBody,
} from './evaluation-schemas.js';
import {
  createEvaluation, createFileEvaluation, deleteEvaluation, evaluationOptions, finishedEvaluation, getEvaluation, listEvaluations,
} from './evaluation-service.js';
import { REPORT_CSP, renderEvaluationHtml } from './report-html.js';

/** Scopes the run of `:id` before the query is validated, so outsiders get 404 rather than a 400 confirming it. */
function runFirst(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const id = Number((request.params as Record<string, unknown> | undefined)?.id);
    if (Number.isInteger(id) && id >= 1 && id <= 2_147_483_647) await scopeEvaluation(ctx, actorOf(request), id, 'manager');
  };
}

function attachment(reply: FastifyReply, contentType: string, fileName: string): FastifyReply {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', contentDisposition('attachment', fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
}

/** The HTML export: an attachment whose policy allows its inline style and nothing else. */
function htmlAttachment(reply: FastifyReply, fileName: string, body: string): FastifyReply {
  return attachment(reply, 'text/html; charset=utf-8', fileName).header('content-security-policy', REPORT_CSP).send(body);
}

/** Evaluation runs (算法测试): start, list, read, delete, and export as JSON or self-contained HTML (managers). */
export function evaluationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['evaluations'];

  r.get(
    '/api/projects/:id/evaluations',
    { schema: { tags, summary: "The project's evaluation runs, newest first (managers)", params: IdParams, response: { 200: EvaluationListSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => listEvaluations(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/projects/:id/evaluations/options',
    { schema: { tags, summary: 'What a new evaluation can use: evaluable controls and their kinds, stored model versions, ready built-in versions, slice fields (managers)', params: IdParams, response: { 200: EvaluationOptionsSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => evaluationOptions(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/evaluations',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags,
        summary: "Evaluate a built-in model version or stored predictions against the accepted or gold annotations, as a job: classification report, COCO's 12 numbers or span P/R/F1, per slice with gaps (managers); 202 with the run",
        params: IdParams,
        body: NewEvaluationBody,
        response: { 202: EvaluationRunSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(202).send(await createEvaluation(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/projects/:id/evaluations/file',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags,
        summary: 'Evaluate an uploaded prediction file (multipart: `file` plus the options as fields; at most 64 MiB), kept with the run (managers); 202 with the run',
        consumes: ['multipart/form-data'],
        params: IdParams,
        body: { content: { 'multipart/form-data': { schema: FileUpload } } } as unknown as typeof FileDownload,
        response: { 202: EvaluationRunSchema, ...errors(400, 401, 403, 404, 406, 413) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new LaoshiError(406, 'LAOSHI_UNSUPPORTED_MEDIA_TYPE', 'send the prediction file as multipart/form-data (field "file")');
      const upload = await readUpload(request.parts() as AsyncIterable<UploadPart>);
      const run = await createFileEvaluation(ctx, actorOf(request), request.params.id, optionsFromFields(upload.fields), upload);
      return reply.status(202).send(run);
    },
  );

  r.get(
    '/api/evaluations/:id',
    { schema: { tags, summary: 'An evaluation run with its report (null until done) (managers)', params: IdParams, response: { 200: EvaluationDetailSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => getEvaluation(ctx, actorOf(request), request.params.id),
  );

  r.delete(
    '/api/evaluations/:id',
    { schema: { tags, summary: 'Delete an evaluation run with its report and file; a running one is cancelled (managers)', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await deleteEvaluation(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/evaluations/:id/report.json',
    { schema: { tags, summary: 'The report of a finished run as a JSON file (managers); 409 until done', params: IdParams, response: { 200: FileDownload, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const run = await finishedEvaluation(ctx, actorOf(request), request.params.id);
      return attachment(reply, 'application/json; charset=utf-8', `evaluation-${run.id}.json`).send(JSON.stringify(run.report, null, 2));
    },
  );

  r.get(
    '/api/evaluations/:id/report.html',
    {
      preValidation: runFirst(ctx),
      schema: { tags, summary: 'The report of a finished run as a self-contained HTML file (no script; charts as inline SVG) (managers); 409 until done', params: IdParams, querystring: LangQuery, response: { 200: FileDownload, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const run = await finishedEvaluation(ctx, actorOf(request), request.params.id);
      return htmlAttachment(reply, `evaluation-${run.id}.html`, renderEvaluationHtml([{ title: run.name, report: run.report }], { lang: request.query.lang ?? 'en' }));
    },
  );

  r.get(
    '/api/projects/:id/evaluations/compare.html',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: { tags, summary: 'Two to four finished runs of the project side by side, as a self-contained HTML file (managers)', params: IdParams, querystring: CompareQuery, response: { 200: FileDownload, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const ids = [...new Set(request.query.ids.split(',').map(Number))];
      if (ids.length < 2) throw badRequest('ids: name two different runs', 'ids');
      const runs = [];
      for (const id of ids) runs.push(await finishedEvaluation(ctx, actorOf(request), id, request.params.id));
      if (new Set(runs.map((run) => (run.kind === 'segmentation' ? 'detection' : run.kind))).size > 1) throw badRequest('ids: runs of different kinds cannot be compared', 'ids');
      return htmlAttachment(reply, `evaluations-${ids.join('-')}.html`, renderEvaluationHtml(runs.map((run) => ({ title: run.name, report: run.report })), { lang: request.query.lang ?? 'en' }));
    },
  );
}
