import { Type } from 'typebox';
import { Timestamp } from '../../http/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const kindOf = (description?: string) => Type.Union([Type.Literal('classification'), Type.Literal('detection'), Type.Literal('segmentation'), Type.Literal('ner')], description ? { description } : {});
const Kind = kindOf();
const Reference = Type.Union([Type.Literal('accepted'), Type.Literal('gold')], { description: "accepted: each task's accepted annotation (the latest when several); gold: the gold tasks' answers" });
const Headline = Type.Record(Type.String(), Nullable(Type.Number()), { description: 'classification: accuracy, macroF1, weightedF1; detection/segmentation: AP, AP50, AR100; ner: precision, recall, f1' });

/** The options both create routes take (the file route as form fields). */
const options = {
  name: Type.Optional(Type.String({ maxLength: 200 })),
  reference: Reference,
  fromName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the control to evaluate; default the first that fits `kind`' })),
  kind: Type.Optional(kindOf('default from the control: choices → classification, rectanglelabels → detection, polygonlabels → segmentation, labels on text → ner')),
  sliceBy: Type.Optional(Type.String({ maxLength: 200, description: 'a dotted task-data path ("region", "meta.device"); "meta.x" falls back to the task meta' })),
  minSupport: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'slices with fewer tasks are left out of the gaps; default 1' })),
  iouType: Type.Optional(Type.Union([Type.Literal('bbox'), Type.Literal('segm')], { description: 'detection/segmentation; default bbox (detection) or segm (segmentation)' })),
  nerMatch: Type.Optional(Type.Union([Type.Literal('exact'), Type.Literal('overlap')], { description: 'ner; default exact' })),
};

export const NewEvaluationBody = Type.Object(
  {
    ...options,
    source: Type.Union([
      Type.Object({ kind: Type.Literal('model-version'), modelVersionId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false, description: "a built-in model version: the predictions it wrote, else its predictor run on the references" }),
      Type.Object({ kind: Type.Literal('predictions'), modelVersion: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false, description: 'stored predictions of this model_version (the latest per task)' }),
    ]),
  },
  { additionalProperties: false },
);

// No "type": the multipart body is streamed by the handler; this is for the OpenAPI document.
export const FileUpload = {
  description: 'the prediction file (field `file`: Label Studio/Laoshi JSON export, JSONL of {task, result, score}, or COCO results {categories, images?, results}) plus the options as form fields',
  properties: {
    file: { type: 'string', format: 'binary' }, name: { type: 'string' }, reference: { type: 'string', enum: ['accepted', 'gold'] }, fromName: { type: 'string' },
    kind: { type: 'string', enum: ['classification', 'detection', 'segmentation', 'ner'] }, sliceBy: { type: 'string' }, minSupport: { type: 'integer' },
    iouType: { type: 'string', enum: ['bbox', 'segm'] }, nerMatch: { type: 'string', enum: ['exact', 'overlap'] },
  },
  required: ['file', 'reference'],
};

export const EvaluationRunSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  name: Type.String(),
  kind: Kind,
  reference: Reference,
  fromName: Type.String(),
  source: Type.Object({
    kind: Type.Union([Type.Literal('model-version'), Type.Literal('predictions'), Type.Literal('file')]),
    label: Type.String(),
    modelVersionId: Type.Optional(Nullable(Type.Integer())),
    modelVersion: Type.Optional(Nullable(Type.String())),
    fileName: Type.Optional(Nullable(Type.String())),
  }),
  sliceBy: Nullable(Type.String()),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  jobId: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  warnings: Type.Array(Type.String()),
  headline: Nullable(Headline),
  items: Nullable(Type.Integer()),
  createdAt: Timestamp,
  createdBy: Type.Integer(),
  finishedAt: Nullable(Timestamp),
});

export const EvaluationDetailSchema = Type.Object({
  ...EvaluationRunSchema.properties,
  report: Nullable(Type.Object({}, { additionalProperties: true, description: "core's EvaluationRunReport (packages/core/src/ml/evaluation/evaluation-run-report.ts); null until done" })),
});

export const EvaluationListSchema = Type.Object({ items: Type.Array(EvaluationRunSchema) });

export const EvaluationOptionsSchema = Type.Object({
  controls: Type.Array(Type.Object({ fromName: Type.String(), type: Type.String(), kinds: Type.Array(Kind) })),
  modelVersions: Type.Array(Type.Object({ modelVersion: Type.String(), predictions: Type.Integer() })),
  builtinVersions: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), fromName: Type.String() })),
  sliceFields: Type.Array(Type.String()),
});

export const LangQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN')], { default: 'en' })) });

export const CompareQuery = Type.Object({
  ids: Type.String({ pattern: '^[1-9][0-9]{0,9}(,[1-9][0-9]{0,9}){1,3}$', description: 'two to four run ids of the project, comma-separated' }),
  lang: LangQuery.properties.lang,
});

export const FileDownload = Type.String({ description: 'the file, as an attachment' });
