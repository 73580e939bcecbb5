import { Type } from 'typebox';
import { JsonObject, Timestamp } from '../../http/schemas.js';
import { TaskFilterQuery } from '../tasks/task-filter.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Title = Type.String({ minLength: 1, maxLength: 200 });
const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) address of a Label Studio ML backend; private addresses need LAOSHI_OUTBOUND_ALLOW' });
const Secret = (description: string) => Type.Optional(Nullable(Type.String({ maxLength: 4000, description })));

export const BackendBody = Type.Object(
  {
    title: Title,
    url: Url,
    authHeader: Secret('Authorization header value sent to the backend, e.g. "Bearer …"; stored sealed, never shown again'),
    accessToken: Secret("sent as /setup's access_token (the backend fetches media with it); stored sealed"),
    extraParams: Type.Optional(JsonObject),
    interactive: Type.Optional(Type.Boolean({ description: "the editor's interactive predictions use this backend" })),
  },
  { additionalProperties: false },
);

export const BackendPatch = Type.Partial(BackendBody, { additionalProperties: false });

export const BackendSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  title: Type.String(),
  url: Type.String(),
  authHeader: Nullable(Type.String({ description: 'a hint (last four characters) when set' })),
  accessToken: Nullable(Type.String({ description: 'a hint when set' })),
  extraParams: JsonObject,
  interactive: Type.Boolean(),
  modelVersion: Nullable(Type.String()),
  lastStatus: Nullable(Type.Union([Type.Literal('ok'), Type.Literal('error')])),
  lastError: Nullable(Type.String()),
  lastCheckedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const CallError = Type.Object({ code: Type.String(), message: Type.String() });

export const ConnectionTestSchema = Type.Object({
  ok: Type.Boolean(),
  health: Nullable(Type.String({ description: "what /health said, e.g. 'UP'" })),
  modelVersion: Nullable(Type.String({ description: "what /setup named the backend's model" })),
  error: Nullable(CallError),
  backend: BackendSchema,
});

export const Filter = Type.Object(TaskFilterQuery.properties, { additionalProperties: false, description: "the data manager's filter" });

export const PrelabelBody = Type.Object(
  {
    filter: Type.Optional(Filter),
    batchSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'tasks per /predict call (default 10)' })),
  },
  { additionalProperties: false },
);

export const JobStarted = Type.Object({ jobId: Type.Integer({ description: 'follow it with GET /api/jobs/:id or its /events stream' }) });

export const InteractiveBody = Type.Object(
  {
    context: Type.Optional(Type.Unknown({ description: "the user's clicks, keypoints or box; sent as params.context" })),
    backendId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const InteractiveAnswerSchema = Type.Object({
  backendId: Type.Integer(),
  modelVersion: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  result: Type.Array(JsonObject, { description: 'regions for the editor (Label Studio result items)' }),
});

const CurvePoint = Type.Object({
  epoch: Type.Integer(),
  trainLoss: Nullable(Type.Number()),
  trainAccuracy: Nullable(Type.Number()),
  validationLoss: Nullable(Type.Number()),
  validationAccuracy: Nullable(Type.Number()),
});

export const ModelVersionSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  kind: Type.Union([Type.Literal('text-classifier'), Type.Literal('image-classifier')]),
  number: Type.Integer(),
  name: Type.String({ description: 'the model_version of its predictions' }),
  status: Type.Union([Type.Literal('training'), Type.Literal('ready'), Type.Literal('failed')]),
  jobId: Nullable(Type.Integer()),
  fromName: Type.String(),
  toName: Type.String(),
  labels: Type.Array(Type.String()),
  params: JsonObject,
  metrics: Nullable(JsonObject),
  curve: Type.Array(CurvePoint),
  validationTasks: Type.Integer(),
  featureFileId: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  createdBy: Type.Integer(),
  createdAt: Timestamp,
  completedAt: Nullable(Timestamp),
});

export const TrainBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('text-classifier'), Type.Literal('image-classifier')]),
    fromName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'the choices control to learn (default the first on a text or image object)' })),
    featureFileId: Type.Optional(Type.Integer({ minimum: 1, description: 'image classifier: the uploaded ONNX feature model' })),
    learningRate: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
    epochs: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    l2: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
    validationSplit: Type.Optional(Type.Number({ minimum: 0, maximum: 0.9 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
    batchSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 4096 })),
    writePredictions: Type.Optional(Type.Boolean({ description: 'write the new version\'s predictions back as pre-labels (default true)' })),
  },
  { additionalProperties: false },
);

export const TrainStarted = Type.Object({ jobId: Type.Integer(), modelVersion: ModelVersionSchema });

export const ModelFileSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  fileName: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  meta: Type.Object({ inputName: Type.String(), outputName: Type.String(), height: Type.Integer(), width: Type.Integer(), featureSize: Nullable(Type.Integer()) }),
  createdAt: Timestamp,
});

export const QueueOrderSchema = Type.Union([Type.Literal('sequential'), Type.Literal('random'), Type.Literal('least-confidence'), Type.Literal('margin'), Type.Literal('entropy')]);

export const ActiveLearningSchema = Type.Object({ order: QueueOrderSchema, seed: Type.Integer() });

export const ActiveLearningBody = Type.Object(
  { order: QueueOrderSchema, seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'seed of the random order' })) },
  { additionalProperties: false },
);

export const PreviewQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
  order: Type.Optional(QueueOrderSchema),
});

export const PreviewSchema = Type.Object({
  order: QueueOrderSchema,
  seed: Type.Integer(),
  items: Type.Array(Type.Object({
    taskId: Type.Integer(),
    score: Nullable(Type.Number({ description: 'uncertainty under the order (higher comes first), or the random draw' })),
    modelVersion: Nullable(Type.String()),
    label: Nullable(Type.String({ description: "the latest model's most probable label" })),
    probability: Nullable(Type.Number()),
    data: JsonObject,
  })),
});

export const EvaluationQuerySchema = Type.Object({
  sliceBy: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^.]+(\\.[^.]+)*$', description: 'a task data field, dotted (e.g. region or meta.region)' })),
  minSupport: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  positiveLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  bins: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

const Section = Nullable(Type.Object({
  items: Type.Integer(),
  report: JsonObject,
  binary: Nullable(JsonObject),
  calibration: JsonObject,
  slices: Nullable(JsonObject),
}, { description: 'classification report with confusion matrix, ROC/PR (two labels), calibration and slices' }));

export const EvaluationSchema = Type.Object({
  modelVersion: ModelVersionSchema,
  sliceBy: Nullable(Type.String()),
  validation: Section,
  annotations: Section,
});
