import { PII_KINDS } from '@laoshi/core';
import { Type } from 'typebox';
import { Id } from '../../http/schemas.js';

export const PiiKindSchema = Type.Union(PII_KINDS.map((k) => Type.Literal(k)), { description: 'email, cn_id (Chinese resident ID, check digit verified), mobile, landline, bank_card (Luhn), ipv6, ipv4' });
const Kinds = Type.Optional(Type.Array(PiiKindSchema, { minItems: 1, maxItems: PII_KINDS.length, uniqueItems: true, description: 'kinds to look for; all when absent' }));

export const DuplicateScanBody = Type.Object(
  {
    exact: Type.Optional(Type.Boolean({ default: true, description: 'same task data (normalised text, same media bytes)' })),
    text: Type.Optional(Type.Boolean({ default: true, description: 'near-duplicate texts by MinHash/LSH' })),
    textThreshold: Type.Optional(Type.Number({ minimum: 0.3, maximum: 1, default: 0.8, description: 'least Jaccard similarity of character shingles' })),
    shingleSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 16, default: 5, description: 'shingle length in characters; 3 suits short Chinese texts' })),
    images: Type.Optional(Type.Boolean({ default: true, description: 'near-duplicate images by dHash' })),
    imageDistance: Type.Optional(Type.Integer({ minimum: 0, maximum: 16, default: 6, description: 'most differing bits of the 64-bit dHash' })),
  },
  { additionalProperties: false },
);

export const DuplicateKindSchema = Type.Union([Type.Literal('exact'), Type.Literal('text'), Type.Literal('image')]);

export const DuplicatesQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
  kind: Type.Optional(DuplicateKindSchema),
});

export const DuplicateGroupSchema = Type.Object({
  id: Type.Integer(),
  kind: DuplicateKindSchema,
  similarity: Type.Number({ description: '1 for exact; least Jaccard similarity of a link for text; 1 − differing bits/64 for images' }),
  size: Type.Integer({ description: 'tasks in the group now' }),
  tasks: Type.Array(
    Type.Object({
      id: Type.Integer(),
      annotationCount: Type.Integer(),
      preview: Type.String({ description: 'plain text' }),
      image: Type.Union([Type.String(), Type.Null()], { description: 'thumbnail or image URL' }),
    }),
    { description: 'the first 24 tasks by id' },
  ),
  jobId: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

export const GroupParams = Type.Object({ id: Id, groupId: Id });

export const KeepBody = Type.Object(
  { taskId: Id, force: Type.Optional(Type.Boolean({ description: 'also delete tasks that have annotations or drafts' })) },
  { additionalProperties: false },
);

export const KeepResultSchema = Type.Object({
  kept: Type.Integer(),
  deleted: Type.Array(Type.Integer()),
  skipped: Type.Array(Type.Integer(), { description: 'tasks with annotations, left in place (send force to delete them)' }),
});

export const PiiScanBody = Type.Object(
  { kinds: Kinds, examples: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, default: 20, description: 'findings kept, masked' })) },
  { additionalProperties: false },
);

export const PiiRedactBody = Type.Object(
  {
    mask: Type.Union([Type.Literal('char'), Type.Literal('label'), Type.Literal('partial')], { description: "char: one * per character; label: [PHONE], [ID]…; partial: 138****8000" }),
    kinds: Kinds,
  },
  { additionalProperties: false },
);
