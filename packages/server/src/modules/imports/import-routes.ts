import type { MultipartFile } from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { LaoshiError } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { JobSchema } from '../../jobs/job-routes.js';
import { toJobView } from '../../jobs/job-service.js';
import { IMPORT_FORMATS } from './import-formats.js';
import { MAX_URLS, importFromUpload, importFromUrls, type ImportChoices } from './import-service.js';

const Choices = {
  labelsAs: Type.Optional(Type.Union([Type.Literal('annotations'), Type.Literal('predictions')], { description: 'existing labels become annotations (default) or predictions' })),
  format: Type.Optional(Type.Union(IMPORT_FORMATS.map((f) => Type.Literal(f)), { description: 'overrides detection by file extension' })),
  tagScheme: Type.Optional(Type.Union([Type.Literal('iob2'), Type.Literal('bio'), Type.Literal('iob1')], { description: 'NER tags of CoNLL files; CoNLL-2003 itself is iob1' })),
};

const UrlImport = Type.Object({ urls: Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), { minItems: 1, maxItems: MAX_URLS }), ...Choices }, { additionalProperties: false });

// No "type": the multipart body is streamed by the handler, so there is no parsed body to check
// (properties apply to objects only); the schema is there for the OpenAPI document.
const Upload = {
  description: 'one or many files (any field name) plus the options as fields',
  properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } }, labelsAs: { type: 'string' }, format: { type: 'string' }, tagScheme: { type: 'string' } },
};

/** POST /api/projects/:id/imports: files or URLs into a project, as a job whose progress the job routes show. */
export function importRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/projects/:id/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import files (multipart: images, video, audio, zip, JSON/JSONL/CSV/TSV/TXT, Label Studio JSON, COCO, VOC, YOLO, CoNLL) or a JSON list of URLs (managers); answers 202 with the job',
        params: IdParams,
        // Multipart bodies are streamed by the handler (no parsed body to validate); JSON is validated here.
        body: { content: { 'application/json': { schema: UrlImport }, 'multipart/form-data': { schema: Upload } } } as unknown as typeof UrlImport,
        response: { 202: JobSchema, ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      let job: { id: number };
      if (request.isMultipart()) {
        job = await importFromUpload(ctx, actor, request.params.id, request.parts() as AsyncIterableIterator<MultipartFile | { type: 'field'; fieldname: string; value: unknown }>);
      } else {
        const body = request.body as ImportChoices & { urls?: string[] } | undefined;
        if (!body?.urls) throw new LaoshiError(400, 'LAOSHI_VALIDATION', 'send files as multipart/form-data, or JSON {"urls": [...]}', 'body');
        job = await importFromUrls(ctx, actor, request.params.id, body.urls, body);
      }
      const row = await ctx.jobs.get(job.id);
      return reply.status(202).send(toJobView(row!));
    },
  );
}
