import type { LabelConfig } from '@laoshi/core';
import type { ImageLoader } from '../../editor-ui/index.js';
import type { ApiClient } from '../api/api-client.js';
import type { Annotation, Task, TaskDetail } from '../api/api-types.js';
import { AnnotationSaver } from './annotation-saver.js';
import type { DraftStore } from './draft-store.js';

/** A task ready to show: its data, the annotation being edited, and the saver that keeps it. */
export interface LoadedTask {
  task: TaskDetail;
  annotation: Annotation | null;
  saver: AnnotationSaver;
  openedAt: number;
}

export interface LoadTaskOptions {
  annotationId?: number | undefined;
  /** The task, already being fetched (see LabelingShared.takeOpeningTask). */
  task?: Promise<TaskDetail> | null | undefined;
  /** Decodes the image the editor will show as soon as the task is known (see preloadMedia). */
  images?: { loader: ImageLoader; config: LabelConfig } | undefined;
}

/** Loads a task and the caller's annotation of it, restoring unsent work the browser kept. */
export async function loadTask(api: ApiClient, store: DraftStore, userId: number, taskId: number, opts: LoadTaskOptions = {}): Promise<LoadedTask> {
  // The browser's copy is read while the task is on its way.
  const kept = store.get(userId, taskId).catch(() => undefined);
  const task = await (opts.task ?? api.get<TaskDetail>(`/api/tasks/${taskId}`));
  preloadMedia(task, opts.images);
  const annotation = (opts.annotationId !== undefined ? task.annotations.find((a) => a.id === opts.annotationId) : task.annotations.find((a) => a.completedBy === userId)) ?? null;
  const local = await kept;
  const saver = new AnnotationSaver({ api, store, userId, taskId, server: annotation, local: local && (annotation === null || local.annotationId === null || local.annotationId === annotation.id) ? local : undefined });
  return { task, annotation, saver, openedAt: Date.now() };
}

/** The next task of the caller's queue (null when none is left); `exclude` asks for one besides those (prefetch). */
export async function fetchNextTask(api: ApiClient, projectId: number, exclude: number[] = []): Promise<Task | null> {
  const res = await api.post<{ task: Task } | null>(`/api/projects/${projectId}/next`, exclude[0] !== undefined ? { excludeTaskId: exclude[0] } : undefined);
  return res?.task ?? null;
}

/**
 * Starts loading a task's images so it appears at once when its turn comes. With `images`, the
 * image the editor shows (the config's image object) is fetched and decoded by its loader, which
 * the editor then asks for the same URL; every other image-like value goes into the browser's cache.
 */
export function preloadMedia(task: Pick<Task, 'data'>, images?: LoadTaskOptions['images']): void {
  const decoded = new Set<string>();
  for (const object of images?.config.objects ?? []) {
    const value = task.data[object.value.replace(/^\$/, '')];
    if (object.type === 'image' && typeof value === 'string' && images) {
      images.loader(value);
      decoded.add(value);
    }
  }
  for (const value of Object.values(task.data)) {
    if (typeof value === 'string' && !decoded.has(value) && (/^(https?:|data:image|\/)/.test(value)) && /\.(jpe?g|png|webp|gif|bmp|tiff?|avif)(\?|$)|^data:image|\/media\//i.test(value)) {
      const img = new Image();
      img.decoding = 'async';
      img.src = value;
    }
  }
}
