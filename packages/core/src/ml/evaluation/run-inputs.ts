import type { ImageSize } from '../../geometry/result-shape.js';

/**
 * One task of an evaluation run: its reference result (accepted or gold annotation) and the
 * evaluated model's result, both in the Label Studio result shape. Items are read defensively:
 * anything of another control, type or shape is skipped, never thrown on.
 */
export interface EvaluationSample {
  taskId: number | string;
  reference: readonly unknown[];
  /** Null when the task has no prediction (a miss for detection and NER; left out for classification). */
  prediction: PredictedResult | null;
  /** The image's size in pixels when the items carry no original_width/original_height (task meta). */
  imageSize?: ImageSize | null;
  /** The task's slice value (see sliceValue); undefined or null: no value. */
  slice?: string | null;
}

export interface PredictedResult {
  result: readonly unknown[];
  /** The prediction's own score; regions without a score of their own take it (else 1). */
  score: number | null;
  /** Class probabilities behind a classification, when the model gave them (a built-in model). */
  probabilities?: { labels: readonly string[]; values: readonly number[] } | null;
}

/** A result item as far as evaluation reads it; other keys are ignored. */
export interface LooseItem {
  id?: unknown;
  from_name?: unknown;
  to_name?: unknown;
  type?: unknown;
  value?: Record<string, unknown>;
  score?: unknown;
  original_width?: unknown;
  original_height?: unknown;
  meta?: unknown;
}

/** The items of one control and type (`choices`, `rectanglelabels`…), with an object `value`. */
export function itemsOf(result: readonly unknown[], fromName: string, types: readonly string[]): LooseItem[] {
  const out: LooseItem[] = [];
  for (const raw of result) {
    if (typeof raw !== 'object' || raw === null) continue;
    const item = raw as LooseItem;
    if (item.from_name !== fromName || typeof item.type !== 'string' || !types.includes(item.type)) continue;
    if (typeof item.value !== 'object' || item.value === null) continue;
    out.push(item);
  }
  return out;
}

/** The strings of `value[key]` (an item's labels or choices). */
export function stringsOf(item: LooseItem, key: string): string[] {
  const list = item.value?.[key];
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * The class a result gives on a choices control: the first choice of its first item.
 * WARNING: a multiple-choice control, or a result with several choices, is reduced to that first
 * choice; evaluation here is single-label.
 */
export function firstChoice(result: readonly unknown[], fromName: string): string | null {
  for (const item of itemsOf(result, fromName, ['choices'])) {
    const first = stringsOf(item, 'choices')[0];
    if (first !== undefined) return first;
  }
  return null;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A region's confidence: its own `score`, else the prediction's, else 1. */
export function regionScore(item: LooseItem, predictionScore: number | null): number {
  if (finite(item.score)) return item.score;
  return predictionScore !== null && Number.isFinite(predictionScore) ? predictionScore : 1;
}

/** The image size an item gives (original_width/height), else the fallback. */
export function itemImageSize(item: LooseItem, fallback: ImageSize | null | undefined): ImageSize | null {
  if (finite(item.original_width) && finite(item.original_height) && item.original_width > 0 && item.original_height > 0) {
    return { width: item.original_width, height: item.original_height };
  }
  return fallback && fallback.width > 0 && fallback.height > 0 ? fallback : null;
}

/** True for a crowd region (COCO's iscrowd, kept by the COCO import as `meta.iscrowd`). */
export function isCrowd(item: LooseItem): boolean {
  const meta = item.meta;
  if (typeof meta !== 'object' || meta === null) return false;
  const flag = (meta as { iscrowd?: unknown }).iscrowd;
  return flag === 1 || flag === true;
}

/** null for NaN and ±Infinity: report numbers are finite or null (JSON has neither). */
export function finiteOrNull(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}
