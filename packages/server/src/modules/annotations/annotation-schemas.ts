import { Type } from 'typebox';
import { JsonObject, Timestamp } from '../../http/schemas.js';

export const ReviewStateSchema = Type.Union([Type.Literal('pending'), Type.Literal('in_review'), Type.Literal('accepted'), Type.Literal('rejected')], {
  description: 'review workflow: pending (submitted or draft) → in_review → accepted | rejected (back to its annotator for rework)',
});

export const AnnotationSchema = Type.Object({
  id: Type.Integer(),
  taskId: Type.Integer(),
  projectId: Type.Integer(),
  completedBy: Type.Union([Type.Integer(), Type.Null()]),
  result: Type.Array(JsonObject),
  draft: Type.Boolean(),
  version: Type.Integer(),
  leadTime: Type.Union([Type.Number(), Type.Null()]),
  source: Type.Union([Type.Literal('user'), Type.Literal('import'), Type.Literal('consensus')]),
  reviewState: ReviewStateSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ResultInput = Type.Array(JsonObject, { maxItems: 100_000, description: 'Label Studio result items' });
export const LeadTime = Type.Number({ minimum: 0, maximum: 86_400 * 30, description: 'seconds spent' });
