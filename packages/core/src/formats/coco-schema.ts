import * as z from 'zod';
import { formatPath } from '../label-config/label-config-error.js';
import { FormatError } from './format-error.js';

// The parts of a COCO instances file that the reader uses; everything else is allowed and ignored.
// COCO ids are integers; some tools write strings, which are accepted and kept apart from numbers.
const id = z.union([z.int(), z.string().min(1)], { error: 'must be an integer id (or a non-empty string)' });
const size = z.number().positive('must be a positive number of pixels');

const polygon = z.array(z.number()).max(10_000_000);
const rle = z.looseObject({
  size: z.tuple([z.int().min(0), z.int().min(0)], { error: 'must be [height, width] in whole pixels' }),
  counts: z.union([z.array(z.number()), z.string()], { error: 'must be an array of run lengths or a compressed RLE string' }),
});

const annotation = z.looseObject({
  id: id.optional(),
  image_id: id,
  category_id: id,
  bbox: z.tuple([z.number(), z.number(), z.number().min(0), z.number().min(0)], { error: 'must be [x, y, width, height] in pixels' }).optional(),
  segmentation: z.union([z.array(polygon), rle], { error: 'must be a list of polygons [[x1, y1, x2, y2, …], …] or an RLE {size, counts}' }).optional(),
  iscrowd: z.union([z.literal(0), z.literal(1)], { error: 'must be 0 or 1' }).optional(),
  score: z.number().optional(),
});

const cocoSchema = z.looseObject({
  images: z.array(z.looseObject({ id, file_name: z.string({ error: 'must be a file name' }).min(1, 'must be a non-empty file name'), width: size, height: size }), { error: 'must be an array of images' }),
  annotations: z.array(annotation, { error: 'must be an array of annotations' }).optional(),
  categories: z.array(z.looseObject({ id, name: z.string({ error: 'must be a category name' }).min(1, 'must be a non-empty category name'), supercategory: z.string().optional() }), { error: 'must be an array of categories' }).optional(),
});

export type CocoId = z.output<typeof id>;
export type CocoAnnotation = z.output<typeof annotation>;
export type CocoDataset = z.output<typeof cocoSchema>;

/** Checks the shape of a parsed COCO file; throws FormatError naming the first bad value's path. */
export function checkCoco(value: unknown): CocoDataset {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FormatError('coco', 'a COCO file must be a JSON object with images, annotations and categories');
  }
  const parsed = cocoSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new FormatError('coco', issue?.message ?? 'invalid COCO file', { path: formatPath(issue?.path ?? []) });
}
