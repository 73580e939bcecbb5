import { Type, type Static } from 'typebox';
import { JsonObject, Timestamp } from '../../http/schemas.js';
import { TaskFilterQuery } from '../tasks/task-filter.js';

const Format = Type.Union(
  [
    Type.Literal('laoshi'), Type.Literal('label-studio'), Type.Literal('coco'), Type.Literal('yolo'), Type.Literal('voc'),
    Type.Literal('conll'), Type.Literal('jsonl'), Type.Literal('csv'), Type.Literal('parquet'),
  ],
  {
    description: 'laoshi (lossless JSON), label-studio (JSON array), coco, yolo (zip), voc (zip), conll, jsonl, csv, parquet',
  },
);

const optionProps = {
  onlyAccepted: Type.Optional(Type.Boolean({ description: 'only annotations a reviewer accepted; tasks without one are left out' })),
  latestPerTask: Type.Optional(Type.Boolean({ description: 'only the most recently saved annotation of each task' })),
  withMedia: Type.Optional(Type.Boolean({ description: 'put the project media files in the archive (yolo, voc)' })),
  maskPii: Type.Optional(Type.Boolean({ description: 'mask ID numbers, phones, e-mails, bank cards and IPs in task and result text' })),
  parquetRows: Type.Optional(Type.Union([Type.Literal('region'), Type.Literal('task')], { description: 'parquet: one row per region (default) or per task' })),
};

export const ExportFilter = Type.Object(TaskFilterQuery.properties, { additionalProperties: false, description: "the data manager's filter" });

export const CreateExportBody = Type.Object({ format: Format, ...optionProps, filter: Type.Optional(ExportFilter) }, { additionalProperties: false });
export type CreateExportInput = Static<typeof CreateExportBody>;

/** The direct download's query: the same options, the filter's fields beside them. */
export const DirectExportQuery = Type.Object({ format: Format, ...optionProps, ...TaskFilterQuery.properties });
export type DirectExportInput = Static<typeof DirectExportQuery>;

export const ExportCountsSchema = Type.Object({
  tasks: Type.Integer(),
  annotations: Type.Integer(),
  predictions: Type.Integer(),
  regions: Type.Integer(),
  labels: Type.Record(Type.String(), Type.Integer(), { description: 'regions per label, classifications per choice' }),
});

export const DatasetVersionSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  status: Type.Union([Type.Literal('running'), Type.Literal('ready'), Type.Literal('failed')]),
  format: Format,
  filter: JsonObject,
  options: JsonObject,
  counts: Type.Union([ExportCountsSchema, Type.Null()]),
  sha256: Type.Union([Type.String(), Type.Null()]),
  size: Type.Union([Type.Integer(), Type.Null()]),
  fileName: Type.String(),
  contentType: Type.String(),
  jobId: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.Integer(),
  createdAt: Timestamp,
  completedAt: Type.Union([Timestamp, Type.Null()]),
});

const LabelChangeSchema = Type.Object({
  label: Type.String(),
  base: Type.Integer(),
  other: Type.Integer(),
  regionsAdded: Type.Integer(),
  regionsRemoved: Type.Integer(),
  tasks: Type.Integer(),
});

export const ComparisonSchema = Type.Object({
  base: Type.Object({ id: Type.Integer(), createdAt: Timestamp, counts: ExportCountsSchema }),
  other: Type.Object({ id: Type.Integer(), createdAt: Timestamp, counts: ExportCountsSchema }),
  tasks: Type.Object({
    added: Type.Integer(),
    removed: Type.Integer(),
    changed: Type.Integer(),
    unchanged: Type.Integer(),
    dataChanged: Type.Integer(),
    annotationsChanged: Type.Integer(),
    addedIds: Type.Array(Type.Integer()),
    removedIds: Type.Array(Type.Integer()),
    changedIds: Type.Array(Type.Integer()),
    idsTruncated: Type.Boolean({ description: 'id lists stop at 1000 each; the counts are complete' }),
  }),
  labels: Type.Object({ added: Type.Array(Type.String()), removed: Type.Array(Type.String()), changed: Type.Array(LabelChangeSchema) }),
});
