import { regionLabels, type ImageSize } from '../geometry/result-shape.js';
import { formatPath } from '../label-config/label-config-error.js';
import { resultItemSchema, type RegionResultItem } from '../results/result-schema.js';
import { FormatError, type FormatName } from './format-error.js';

/** A Label Studio task as a format reader builds it: typed regions in `annotations` or `predictions`. */
export interface TaskRecord {
  data: Record<string, unknown>;
  /** Task-level facts the format carried, e.g. `original_width`/`original_height` of an image. */
  meta?: Record<string, unknown>;
  annotations?: { result: RegionResultItem[] }[];
  predictions?: { result: RegionResultItem[] }[];
}

/**
 * A task as a writer takes it. Result items are checked by the writer (with `resultItemSchema`),
 * so rows straight from storage can be passed as they are.
 */
export interface WritableTask {
  data: Record<string, unknown>;
  meta?: Record<string, unknown> | undefined;
  annotations?: readonly { result?: readonly unknown[] | undefined }[] | undefined;
  predictions?: readonly { result?: readonly unknown[] | undefined }[] | undefined;
}

/** Where readers put regions and how they name them. */
export interface ReadOptions {
  /** `from_name` of every region: the control's name in the label config. Default `label`. */
  fromName?: string;
  /** `to_name` of every region: the object's name. Default `image` (`text` for CoNLL). */
  toName?: string;
  /** Key of `data` that holds the image path or the text. Default `image` (`text` for CoNLL). */
  dataKey?: string;
  /** Put the regions in `annotations` (default) or in `predictions`. */
  as?: 'annotations' | 'predictions';
  /**
   * An image or sentence without regions becomes a task with no annotations (still to label) by
   * default; with `keepEmpty` it gets one annotation with an empty result (labelled: nothing there).
   */
  keepEmpty?: boolean;
}

/** Which regions of a task a writer exports. */
export interface WriteOptions {
  /**
   * Export the first entry of the task's `annotations` (default) or of its `predictions`; put the
   * annotation to export first. Other entries are ignored.
   */
  from?: 'annotations' | 'predictions';
  /** Key of `data` that holds the image path or the text. Default `image` (`text` for CoNLL). */
  dataKey?: string;
  /**
   * The results passed the result schema when they were saved (a database export): skip checking
   * each region again. About 8% of a COCO export's CPU. Default false: files from elsewhere are checked.
   */
  trustedResults?: boolean;
}

/** Builds a task around a result, following the reader options. */
export function makeTask(data: Record<string, unknown>, result: RegionResultItem[], options: ReadOptions, meta?: Record<string, unknown>): TaskRecord {
  const task: TaskRecord = { data };
  if (meta !== undefined) task.meta = meta;
  if (result.length > 0 || options.keepEmpty === true) task[options.as ?? 'annotations'] = [{ result }];
  return task;
}

/**
 * The checked region items of the given types from the first annotation (or prediction) of a
 * task; items of other types are skipped. Throws FormatError naming `tasks[i]…result[j]`.
 */
export function regionsToWrite<T extends RegionResultItem['type']>(
  task: WritableTask, index: number, types: readonly T[], options: WriteOptions, format: FormatName,
): Extract<RegionResultItem, { type: T }>[] {
  const from = options.from ?? 'annotations';
  const at = `tasks[${index}].${from}[0].result`;
  const entry: unknown = task[from]?.[0];
  if (entry === undefined) return [];
  if (typeof entry !== 'object' || entry === null) throw new FormatError(format, `${from} must hold objects with a result`, { path: `tasks[${index}].${from}[0]` });
  const { result } = entry as { result?: unknown };
  if (result === undefined) return [];
  if (!Array.isArray(result)) throw new FormatError(format, 'result must be an array of result items', { path: at });
  const out: Extract<RegionResultItem, { type: T }>[] = [];
  result.forEach((raw: unknown, j) => {
    const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
    if (!(types as readonly unknown[]).includes(type)) return;
    if (options.trustedResults === true) {
      out.push(raw as Extract<RegionResultItem, { type: T }>);
      return;
    }
    const parsed = resultItemSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new FormatError(format, issue?.message ?? 'invalid result item', { path: formatPath(issue?.path ?? [], `${at}[${j}]`) });
    }
    out.push(parsed.data as Extract<RegionResultItem, { type: T }>);
  });
  return out;
}

/**
 * The image size in pixels for a task: the first region's `original_width`/`original_height`,
 * else the task's `meta.original_width`/`meta.original_height`, else `fallback(task)`.
 */
export function imageSizeOf(task: WritableTask, regions: readonly RegionResultItem[], fallback?: (task: WritableTask) => ImageSize | undefined): ImageSize | undefined {
  for (const region of regions) {
    if (region.original_width !== undefined && region.original_height !== undefined) return { width: region.original_width, height: region.original_height };
  }
  const { original_width: width, original_height: height } = task.meta ?? {};
  if (isSize(width) && isSize(height)) return { width, height };
  const given = fallback?.(task);
  return given !== undefined && isSize(given.width) && isSize(given.height) ? given : undefined;
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** The first label of a region, or a FormatError naming it when it has none. */
export function firstLabel(region: RegionResultItem, format: FormatName, path: string): string {
  const label = regionLabels(region)[0];
  if (label === undefined) throw new FormatError(format, `region "${region.id}" has no label`, { path });
  return label;
}

/** The string at `data[key]`, or a FormatError naming it. */
export function dataString(task: WritableTask, key: string, index: number, format: FormatName): string {
  const value = task.data[key];
  if (typeof value !== 'string') throw new FormatError(format, `data.${key} must be a string`, { path: `tasks[${index}].data.${key}` });
  return value;
}

/** A number rounded to `decimals` places, without trailing zeros or a negative zero. */
export function rounded(value: number, decimals: number): number {
  return Number(value.toFixed(decimals)) + 0;
}
