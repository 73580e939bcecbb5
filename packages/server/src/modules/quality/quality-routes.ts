import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { KRIPPENDORFF_LEVELS } from '@laoshi/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { projectAgreement } from './agreement-service.js';
import { CLASSIFICATION_METRICS, F1_METRICS } from './agreement-types.js';
import { getQualitySettings, updateQualitySettings } from './quality-settings-service.js';
import { QualitySettingsPatch, QualitySettingsSchema } from './quality-settings.js';
import { scopeBeforeValidation } from './scope-before-validation.js';

const literals = <T extends string>(values: readonly T[]) => values.map((v) => Type.Literal(v));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Label = Type.Union([Type.String(), Type.Number()]);

const AgreementQuery = Type.Object({
  metric: Type.Optional(Type.Union(literals([...CLASSIFICATION_METRICS, ...F1_METRICS]), { description: 'default: krippendorff for a classification control, region-f1 for boxes and polygons, span-f1 for NER' })),
  level: Type.Optional(Type.Union(literals(KRIPPENDORFF_LEVELS), { description: "Krippendorff's level of measurement (default nominal); choices are ordered as in the label config" })),
  weights: Type.Optional(Type.Union([Type.Literal('linear'), Type.Literal('quadratic')], { description: "Cohen's kappa weights (default unweighted)" })),
  fromName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'the control to measure (default: the first one the metric applies to)' })),
  threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'region-f1: least IoU to match (default 0.5)' })),
  spanMatch: Type.Optional(Type.Union([Type.Literal('exact'), Type.Literal('overlap')], { description: 'span-f1: exact offsets (default) or any overlap' })),
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 20, description: 'how many of the most disagreed tasks to list' })),
});

const AgreementReportSchema = Type.Object({
  metric: Type.String(),
  level: Nullable(Type.String()),
  weights: Nullable(Type.String()),
  fromName: Type.String(),
  threshold: Nullable(Type.Number()),
  spanMatch: Nullable(Type.String()),
  value: Nullable(Type.Number()),
  items: Type.Integer({ description: 'items (tasks) used' }),
  raters: Type.Integer({ description: 'annotators who rated a used item' }),
  pairable: Type.Integer({ description: 'ratings (annotations) in the used items' }),
  aggregate: Type.String({ description: 'all-raters, mean-of-pairs (Cohen with more than two annotators) or micro-f1' }),
  note: Nullable(Type.String({ description: 'why value is null, or what was left out' })),
  perLabel: Type.Array(Type.Object({ label: Label, value: Nullable(Type.Number()), support: Type.Integer() })),
  pairs: Type.Array(Type.Object({ annotators: Type.Array(Type.Integer(), { minItems: 2, maxItems: 2 }), value: Nullable(Type.Number()), items: Type.Integer() })),
  matrix: Type.Object({
    annotators: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String() })),
    values: Type.Array(Type.Array(Nullable(Type.Number())), { description: 'values[i][j]: agreement of annotators i and j; null on the diagonal and for pairs with no shared task' }),
  }),
  disagreements: Type.Array(
    Type.Object({
      taskId: Type.Integer(),
      annotationIds: Type.Array(Type.Integer(), { description: 'open these side by side in the adjudication view' }),
      annotators: Type.Array(Type.Integer()),
      disagreement: Type.Number({ description: '0 = all agree, 1 = no two agree' }),
    }),
  ),
});

/** Quality settings and agreement reports. */
export function qualityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/projects/:id/quality-settings',
    { schema: { tags: ['quality'], summary: 'Review and gold settings (reviewers and managers)', params: IdParams, response: { 200: QualitySettingsSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => getQualitySettings(ctx, actorOf(request), request.params.id),
  );

  r.patch(
    '/api/projects/:id/quality-settings',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: { tags: ['quality'], summary: 'Change review and gold settings (managers); overlap is the project\'s own setting', params: IdParams, body: QualitySettingsPatch, response: { 200: QualitySettingsSchema, ...errors(400, 401, 403, 404) } },
    },
    async (request) => updateQualitySettings(ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/projects/:id/agreement',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'reviewer'),
      schema: {
        tags: ['quality'],
        summary: 'Inter-annotator agreement of one control: overall, per label, per annotator pair (with a heatmap matrix) and the most disagreed tasks (reviewers and managers)',
        params: IdParams,
        querystring: AgreementQuery,
        response: { 200: AgreementReportSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => projectAgreement(ctx, actorOf(request), request.params.id, request.query),
  );
}
