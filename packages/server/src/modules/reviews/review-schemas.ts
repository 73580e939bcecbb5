import { Type, type Static } from 'typebox';
import { JsonObject, Timestamp } from '../../http/schemas.js';

export const ReviewComment = Type.Object(
  {
    regionId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 255 }), Type.Null()], { description: 'id of the region (result item id) the comment is pinned to' })),
    text: Type.String({ minLength: 1, maxLength: 5000 }),
  },
  { additionalProperties: false },
);
export type ReviewCommentInput = Static<typeof ReviewComment>;

export const ReviewInput = Type.Object(
  {
    action: Type.Union([Type.Literal('accept'), Type.Literal('reject')]),
    version: Type.Integer({ minimum: 1, description: 'the annotation version you reviewed (409 if it changed since)' }),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'why; required to reject' })),
    comments: Type.Optional(Type.Array(ReviewComment, { maxItems: 500 })),
    result: Type.Optional(Type.Array(JsonObject, { maxItems: 100_000, description: 'accept only: your corrected result (Label Studio items), saved as a new version (edit-and-accept)' })),
  },
  { additionalProperties: false },
);
export type ReviewInputBody = Static<typeof ReviewInput>;

export const ReviewSchema = Type.Object({
  id: Type.Integer(),
  annotationId: Type.Integer(),
  taskId: Type.Integer(),
  reviewerId: Type.Integer(),
  action: Type.Union([Type.Literal('accept'), Type.Literal('reject')]),
  reason: Type.String(),
  comments: Type.Array(Type.Object({ regionId: Type.Union([Type.String(), Type.Null()]), text: Type.String() })),
  annotationVersion: Type.Integer({ description: 'the version reviewed' }),
  edited: Type.Boolean({ description: 'the reviewer replaced the result (edit-and-accept)' }),
  resultBefore: Type.Union([Type.Array(JsonObject), Type.Null()], { description: "the annotator's result the reviewer replaced" }),
  createdAt: Timestamp,
});

export const ReviewOutcome = Type.Object({
  reviewId: Type.Integer(),
  reviewState: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
  version: Type.Integer({ description: 'the annotation version now (one more after an edit-and-accept)' }),
});
