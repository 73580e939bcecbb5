import * as z from 'zod';

// Label Studio's result shape: one item per (region, control), relations as separate items.
// Items and values are loose objects: Label Studio data carries many more keys (parentID,
// item_index, original_length, per-region geometry on classification items…) and we keep them,
// but the keys listed here must have the right types.

/** How far a percent coordinate may stray outside [0, 100] from float rounding. */
export const PERCENT_SLOP = 1e-4;

const percent = z
  .number()
  .min(-PERCENT_SLOP, 'must be a percentage between 0 and 100')
  .max(100 + PERCENT_SLOP, 'must be a percentage between 0 and 100');
const names = z.array(z.string()).max(10_000);

const rectangle = { x: percent, y: percent, width: percent, height: percent, rotation: z.number().optional() };

/** The `value` of each region type, keyed by result `type`. */
export const resultValueSchemas = {
  rectanglelabels: z.looseObject({ ...rectangle, rectanglelabels: names }),
  polygonlabels: z.looseObject({
    points: z.array(z.tuple([percent, percent])).min(1, 'a polygon needs at least one point').max(100_000),
    closed: z.boolean().optional(),
    polygonlabels: names,
  }),
  keypointlabels: z.looseObject({ x: percent, y: percent, width: z.number().min(0).optional(), keypointlabels: names }),
  // Character offsets on text, seconds on audio; xpaths (with startOffset/endOffset) on hypertext.
  labels: z.looseObject({
    start: z.union([z.number().min(0), z.string()]),
    end: z.union([z.number().min(0), z.string()]),
    startOffset: z.int().min(0).optional(),
    endOffset: z.int().min(0).optional(),
    text: z.string().optional(),
    channel: z.number().optional(),
    labels: names,
  }),
  hypertextlabels: z.looseObject({
    start: z.string(),
    end: z.string(),
    startOffset: z.int().min(0),
    endOffset: z.int().min(0),
    text: z.string().optional(),
    hypertextlabels: names,
  }),
  choices: z.looseObject({ choices: names }),
  textarea: z.looseObject({ text: z.array(z.string()).max(10_000) }),
  rating: z.looseObject({ rating: z.int().min(1, 'must be at least 1') }),
  number: z.looseObject({ number: z.number() }),
  pairwise: z.looseObject({ selected: z.enum(['left', 'right']) }),
  ranker: z.looseObject({ ranker: z.union([names, z.record(z.string(), names)]) }),
  videorectangle: z.looseObject({
    sequence: z.array(z.looseObject({
      frame: z.int().min(0),
      ...rectangle,
      enabled: z.boolean(),
      time: z.number().min(0).optional(),
    })).min(1, 'a video track needs at least one keyframe').max(1_000_000),
    framesCount: z.int().min(0).optional(),
    duration: z.number().min(0).optional(),
    labels: names.optional(),
  }),
  // Laoshi's polygon/polyline tracks: a `videorectangle`-like sequence whose keyframes carry points.
  videopolygon: z.looseObject({
    sequence: z.array(z.looseObject({
      frame: z.int().min(0),
      points: z.array(z.tuple([z.number(), z.number()])).min(1, 'a keyframe needs at least one point').max(100_000),
      enabled: z.boolean(),
      time: z.number().min(0).optional(),
    })).min(1, 'a video track needs at least one keyframe').max(1_000_000),
    closed: z.boolean().optional(),
    framesCount: z.int().min(0).optional(),
    duration: z.number().min(0).optional(),
    labels: names.optional(),
  }),
} as const;

/** Result `type`s of region and classification items (everything except relations). */
export type RegionResultType = keyof typeof resultValueSchemas;
export const REGION_RESULT_TYPES = Object.keys(resultValueSchemas) as RegionResultType[];

const itemBase = {
  id: z.string().min(1).max(255),
  from_name: z.string().min(1),
  to_name: z.string().min(1),
  origin: z.string().optional(),
  score: z.number().optional(),
  readonly: z.boolean().optional(),
  hidden: z.boolean().optional(),
  original_width: z.number().positive().optional(),
  original_height: z.number().positive().optional(),
  image_rotation: z.number().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
};

const regionItem = <T extends RegionResultType>(type: T) =>
  z.looseObject({ ...itemBase, type: z.literal(type), value: resultValueSchemas[type] });

/** A relation between two regions, as Label Studio stores it. */
export const relationResultSchema = z.looseObject({
  type: z.literal('relation'),
  from_id: z.string().min(1),
  to_id: z.string().min(1),
  direction: z.enum(['right', 'left', 'bi']).optional(),
  labels: names.optional(),
});

/** One Label Studio result item: a region/classification item or a relation. */
export const resultItemSchema = z.discriminatedUnion('type', [
  regionItem('rectanglelabels'), regionItem('polygonlabels'), regionItem('keypointlabels'), regionItem('labels'),
  regionItem('hypertextlabels'), regionItem('choices'), regionItem('textarea'), regionItem('rating'),
  regionItem('number'), regionItem('pairwise'), regionItem('ranker'), regionItem('videorectangle'),
  regionItem('videopolygon'), relationResultSchema,
], { error: (iss) => (iss.code === 'invalid_union' ? `type must be one of ${[...REGION_RESULT_TYPES, 'relation'].join(', ')}` : undefined) });

export type ResultItem = z.output<typeof resultItemSchema>;
export type RelationResultItem = z.output<typeof relationResultSchema>;
export type RegionResultItem = Exclude<ResultItem, { type: 'relation' }>;
export type ResultType = ResultItem['type'];
