import { FormatError, parseJson, type FormatName } from '../../formats/format-error.js';

/** One task's prediction read from a file: the Label Studio result (checked later against the label config). */
export interface FilePrediction {
  taskId: number;
  result: unknown[];
  score: number | null;
  /** Where it sits in the file, e.g. `[3].predictions[0]` or `line 7`. */
  where: string;
}

export type CocoId = number | string;

/** One detection of a COCO results file, in pixels. */
export interface CocoResult {
  imageId: CocoId;
  categoryId: CocoId;
  bbox: [number, number, number, number] | null;
  /** Polygons [[x1, y1, x2, y2, …], …]; null without (RLE masks are refused). */
  segmentation: number[][] | null;
  score: number;
  where: string;
}

export type PredictionFile =
  | { format: 'label-studio' | 'laoshi' | 'jsonl'; predictions: FilePrediction[] }
  | {
    format: 'coco';
    /** category id → name */
    categories: Map<CocoId, string>;
    /** image id → file name and size, when the file lists its images; else image ids are task ids. */
    images: Map<CocoId, { fileName: string; width: number | null; height: number | null }> | null;
    results: CocoResult[];
  };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is CocoId => (typeof x === 'number' && Number.isInteger(x)) || (typeof x === 'string' && x !== '');
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function taskIdOf(value: unknown, format: FormatName, at: { path?: string; line?: number }): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  if (typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value)) return Number(value);
  throw new FormatError(format, 'must be a task id (a positive integer)', at);
}

function scoreOf(value: unknown, format: FormatName, at: { path?: string; line?: number }): number | null {
  if (value === undefined || value === null) return null;
  if (!finite(value)) throw new FormatError(format, 'score must be a finite number', at);
  return value;
}

/** The last prediction of a task object (or its last annotation when it has no prediction). */
function fromTask(task: unknown, format: FormatName, path: string, line?: number): FilePrediction | null {
  const at = (p: string) => (line === undefined ? { path: `${path}${p}` } : { line, path: p.replace(/^\./, '') || undefined });
  if (!isObject(task)) throw new FormatError(format, 'must be a task object', at(''));
  const taskId = taskIdOf(task.id ?? task.task, format, at(task.id !== undefined ? '.id' : '.task'));
  for (const key of ['predictions', 'annotations'] as const) {
    const list = task[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new FormatError(format, `${key} must be an array`, at(`.${key}`));
    if (list.length === 0) continue;
    const k = list.length - 1;
    const entry = list[k] as unknown;
    if (!isObject(entry) || !Array.isArray(entry.result)) throw new FormatError(format, 'must be an object with a result array', at(`.${key}[${k}]`));
    const where = `${line === undefined ? path : `line ${line}`}.${key}[${k}]`;
    return { taskId, result: entry.result as unknown[], score: scoreOf(entry.score, format, at(`.${key}[${k}].score`)), where };
  }
  if (Array.isArray(task.result)) return { taskId, result: task.result as unknown[], score: scoreOf(task.score, format, at('.score')), where: line === undefined ? path : `line ${line}` };
  return null;
}

function cocoFile(root: Record<string, unknown>): PredictionFile {
  const categories = new Map<CocoId, string>();
  const rawCategories = root.categories;
  if (!Array.isArray(rawCategories)) throw new FormatError('coco', 'must be an array of {id, name}: a COCO results file needs its categories to map category_id to labels', { path: 'categories' });
  rawCategories.forEach((c: unknown, i) => {
    if (!isObject(c) || !isId(c.id)) throw new FormatError('coco', 'must have an integer id', { path: `categories[${i}].id` });
    if (typeof c.name !== 'string' || c.name === '') throw new FormatError('coco', 'must be a non-empty category name', { path: `categories[${i}].name` });
    categories.set(c.id, c.name);
  });
  let images: Extract<PredictionFile, { format: 'coco' }>['images'] = null;
  if (root.images !== undefined) {
    if (!Array.isArray(root.images)) throw new FormatError('coco', 'must be an array of {id, file_name}', { path: 'images' });
    images = new Map();
    for (const [i, image] of (root.images as unknown[]).entries()) {
      if (!isObject(image) || !isId(image.id)) throw new FormatError('coco', 'must have an integer id', { path: `images[${i}].id` });
      if (typeof image.file_name !== 'string' || image.file_name === '') throw new FormatError('coco', 'must be a non-empty file name', { path: `images[${i}].file_name` });
      const size = (x: unknown) => (finite(x) && x > 0 ? x : null);
      images.set(image.id, { fileName: image.file_name, width: size(image.width), height: size(image.height) });
    }
  }
  const key = Array.isArray(root.results) ? 'results' : 'annotations';
  const list = root[key];
  if (!Array.isArray(list)) throw new FormatError('coco', 'must be an array of detections [{image_id, category_id, bbox, score}]', { path: 'results' });
  const results = list.map((raw: unknown, i): CocoResult => {
    const at = (p: string) => ({ path: `${key}[${i}]${p}` });
    if (!isObject(raw)) throw new FormatError('coco', 'must be a detection object', at(''));
    if (!isId(raw.image_id)) throw new FormatError('coco', 'must be an image id', at('.image_id'));
    if (!isId(raw.category_id) || !categories.has(raw.category_id)) throw new FormatError('coco', `no category has id ${JSON.stringify(raw.category_id)}`, at('.category_id'));
    let bbox: CocoResult['bbox'] = null;
    if (raw.bbox !== undefined) {
      const b = raw.bbox;
      if (!Array.isArray(b) || b.length !== 4 || !b.every(finite) || (b[2] as number) < 0 || (b[3] as number) < 0) throw new FormatError('coco', 'must be [x, y, width, height] in pixels', at('.bbox'));
      bbox = b as [number, number, number, number];
    }
    let segmentation: number[][] | null = null;
    if (raw.segmentation !== undefined) {
      const s = raw.segmentation;
      if (!Array.isArray(s)) throw new FormatError('coco', 'must be a list of polygons [[x1, y1, x2, y2, …], …] (RLE masks are not supported)', at('.segmentation'));
      s.forEach((poly: unknown, k) => {
        if (!Array.isArray(poly) || poly.length < 6 || poly.length % 2 !== 0 || !poly.every(finite)) throw new FormatError('coco', 'must be [x1, y1, x2, y2, …] with at least 3 points', at(`.segmentation[${k}]`));
      });
      segmentation = s as number[][];
    }
    if (bbox === null && (segmentation === null || segmentation.length === 0)) throw new FormatError('coco', 'a detection needs a bbox or a segmentation', at(''));
    const score = raw.score === undefined ? 1 : raw.score;
    if (!finite(score)) throw new FormatError('coco', 'must be a finite number', at('.score'));
    return { imageId: raw.image_id, categoryId: raw.category_id, bbox, segmentation, score, where: `${key}[${i}]` };
  });
  return { format: 'coco', categories, images, results };
}

/** File names that are read as JSON Lines (one prediction or task per line). */
export const isJsonLinesName = (fileName: string): boolean => /\.(jsonl|ndjson)$/i.test(fileName);

/**
 * Reads an uploaded prediction file (算法测试 input):
 * - a Label Studio export (an array of tasks `{id, predictions: [{result, score, model_version}]}`,
 *   or with `annotations` instead) or a Laoshi JSON export (`{format: "laoshi", tasks: [...]}`):
 *   each task's last prediction, else its last annotation;
 * - JSON Lines (`.jsonl`): `{task | id, result, score}` or a task object per line;
 * - COCO results wrapped with their categories: `{categories: [{id, name}], images?: [{id,
 *   file_name, width?, height?}], results | annotations: [{image_id, category_id, bbox,
 *   segmentation?, score}]}`. A bare COCO results list is refused: its category ids mean nothing
 *   without the categories. Without `images`, image ids are task ids.
 * Throws FormatError naming the line or JSON path of the first problem.
 */
export function parsePredictionFile(text: string, fileName: string): PredictionFile {
  const body = text.replace(/^\uFEFF/, '');
  if (isJsonLinesName(fileName)) {
    const predictions: FilePrediction[] = [];
    body.split('\n').forEach((raw, i) => {
      const line = raw.replace(/\r$/, '');
      if (line.trim() === '') return;
      const p = fromTask(parseJson(line, 'jsonl', { line: i + 1 }, i + 1), 'jsonl', '', i + 1);
      if (p === null) throw new FormatError('jsonl', 'needs a result array (or predictions)', { line: i + 1 });
      predictions.push(p);
    });
    return { format: 'jsonl', predictions };
  }
  const root = parseJson(body, 'json');
  if (Array.isArray(root)) {
    const first = root[0] as unknown;
    if (isObject(first) && 'image_id' in first && 'category_id' in first) {
      throw new FormatError('coco', 'a bare COCO results list cannot be mapped to tasks: wrap it as {"categories": [{"id", "name"}], "images": [{"id", "file_name"}], "results": [...]}', { path: 'categories' });
    }
    const predictions = root.flatMap((task: unknown, i) => {
      const p = fromTask(task, 'json', `[${i}]`);
      return p ? [p] : [];
    });
    return { format: 'label-studio', predictions };
  }
  if (!isObject(root)) throw new FormatError('json', 'a prediction file must be a JSON array of tasks, a Laoshi export or a COCO results object');
  if (Array.isArray(root.tasks)) {
    const predictions = root.tasks.flatMap((task: unknown, i) => {
      const p = fromTask(task, 'json', `tasks[${i}]`);
      return p ? [p] : [];
    });
    return { format: 'laoshi', predictions };
  }
  if ('categories' in root || 'results' in root || 'annotations' in root) return cocoFile(root);
  throw new FormatError('json', 'a prediction file must be a JSON array of tasks, a Laoshi export {"tasks": [...]} or COCO results {"categories", "results"}');
}
