import { FormatError, type ImageSize, type LabelConfig, type WritableTask } from '@laoshi/core';
import { LaoshiError } from '../../../errors.js';
import type { ExportSource } from '../export-options.js';
import type { ExportTask } from '../export-task.js';

/** Labels of the config's box and polygon controls, in config order: COCO category ids and YOLO class ids follow it. */
export function shapeLabels(config: LabelConfig): string[] {
  const labels: string[] = [];
  for (const control of config.controls) {
    if (control.type !== 'rectanglelabels' && control.type !== 'polygonlabels') continue;
    for (const label of control.labels) if (!labels.includes(label.value)) labels.push(label.value);
  }
  return labels;
}

/** The data key of the first object of `type` (`$image` → `image`), or `fallback`. */
export function dataKeyOf(config: LabelConfig, type: 'image' | 'text', fallback: string): string {
  const object = config.objects.find((o) => o.type === type || (type === 'text' && o.type === 'hypertext'));
  return object ? object.value.slice(1) : fallback;
}

const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The task as core's format writers take it: its first (latest) annotation only. */
export function writableTask(task: ExportTask): WritableTask {
  const first = task.annotations[0];
  return { data: task.data, meta: task.meta, annotations: first ? [{ result: first.result }] : [] };
}

/**
 * `writableTask`, with the image size of the project media the task points at put in `meta`
 * when neither its meta nor its data gives one (regions' own sizes still come first in core).
 */
export async function sizedTask(source: ExportSource, task: ExportTask, key: string): Promise<WritableTask> {
  const writable = writableTask(task);
  const meta = writable.meta ?? {};
  if (isSize(meta.original_width) && isSize(meta.original_height)) return writable;
  if (imageSizeFromData(writable)) return writable;
  const media = await source.mediaInfo(task, key);
  if (!media || !isSize(media.width) || !isSize(media.height)) return writable;
  return { ...writable, meta: { ...meta, original_width: media.width, original_height: media.height } };
}

/** An image size that task data carries (`width`/`height` or `original_width`/`original_height`), else undefined. */
export function imageSizeFromData(task: WritableTask): ImageSize | undefined {
  const d = task.data;
  if (isSize(d.original_width) && isSize(d.original_height)) return { width: d.original_width, height: d.original_height };
  if (isSize(d.width) && isSize(d.height)) return { width: d.width, height: d.height };
  return undefined;
}

/**
 * Runs a writer and turns a FormatError about "tasks[i]" into a 400 naming the task id (the
 * writer's own index means nothing to the user). `current` is the task being written.
 */
export async function* namingTask<T>(chunks: AsyncIterable<T>, current: () => number | undefined): AsyncGenerator<T, void, undefined> {
  try {
    yield* chunks;
  } catch (err) {
    throw taskError(err, current());
  }
}

/** A FormatError as a 400 that names the task. */
export function taskError(err: unknown, taskId: number | undefined): unknown {
  if (!(err instanceof FormatError)) return err;
  const where = err.path ? ` at ${err.path.replace(/^tasks\[\d+\]\.?/, '') || 'the task'}` : '';
  return new LaoshiError(400, 'LAOSHI_VALIDATION', `task ${taskId ?? '?'} cannot be written as ${err.format.toUpperCase()}${where}: ${err.reason}`, 'format');
}

/** Wraps a pass over the tasks so the caller knows which task is being written. */
export function tracked(source: ExportSource): { tasks: AsyncIterable<ExportTask>; current: () => number | undefined } {
  let current: number | undefined;
  async function* tasks() {
    for await (const task of source.tasks()) {
      current = task.id;
      yield task;
    }
  }
  return { tasks: tasks(), current: () => current };
}

/** A file name from the last path segment of a URL or path, safe inside an archive; '' when there is none. */
export function baseName(ref: unknown): string {
  if (typeof ref !== 'string') return '';
  const path = ref.split(/[?#]/)[0] ?? '';
  let last = path.split(/[/\\]/).pop() ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // a stray % stays as it is
  }
  // Control characters, path separators and characters Windows refuses become '_'.
  // eslint-disable-next-line no-control-regex
  const safe = last.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_').trim();
  return safe === '.' || safe === '..' ? '' : safe.slice(0, 200);
}

/** `name` without its last extension. */
export function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Unique archive names per task: the image's own file name where its stem is free (label files
 * are named by stem, so a.jpg and a.png would clash), else `<stem>-<taskId>.<ext>`, or `task-<id>`
 * when the task names no file. WARNING: remembers every stem given (a few dozen bytes each).
 */
export function uniqueNamer(): (task: ExportTask, ref: unknown) => string {
  const taken = new Set<string>();
  return (task, ref) => {
    const base = baseName(ref) || `task-${task.id}`;
    let name = base;
    if (taken.has(stemOf(name).toLowerCase())) {
      const dot = base.lastIndexOf('.');
      name = dot > 0 ? `${base.slice(0, dot)}-${task.id}${base.slice(dot)}` : `${base}-${task.id}`;
    }
    taken.add(stemOf(name).toLowerCase());
    return name;
  };
}
