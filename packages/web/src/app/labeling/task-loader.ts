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

/** Loads a task and the caller's annotation of it, restoring unsent work the browser kept. */
export async function loadTask(api: ApiClient, store: DraftStore, userId: number, taskId: number, opts: { annotationId?: number } = {}): Promise<LoadedTask> {
  const task = await api.get<TaskDetail>(`/api/tasks/${taskId}`);
  const annotation = (opts.annotationId !== undefined ? task.annotations.find((a) => a.id === opts.annotationId) : task.annotations.find((a) => a.completedBy === userId)) ?? null;
  const local = await store.get(userId, taskId).catch(() => undefined);
  const saver = new AnnotationSaver({ api, store, userId, taskId, server: annotation, local: local && (annotation === null || local.annotationId === null || local.annotationId === annotation.id) ? local : undefined });
  preloadMedia(task);
  return { task, annotation, saver, openedAt: Date.now() };
}

/** The next task of the caller's queue (null when none is left); `exclude` asks for one besides those (prefetch). */
export async function fetchNextTask(api: ApiClient, projectId: number, exclude: number[] = []): Promise<Task | null> {
  const res = await api.post<{ task: Task } | null>(`/api/projects/${projectId}/next`, exclude[0] !== undefined ? { excludeTaskId: exclude[0] } : undefined);
  return res?.task ?? null;
}

/** Warms the browser cache with a task's images so it appears at once when its turn comes. */
export function preloadMedia(task: Pick<Task, 'data'>): void {
  for (const value of Object.values(task.data)) {
    if (typeof value === 'string' && (/^(https?:|data:image|\/)/.test(value)) && /\.(jpe?g|png|webp|gif|bmp|tiff?|avif)(\?|$)|^data:image|\/media\//i.test(value)) {
      const img = new Image();
      img.decoding = 'async';
      img.src = value;
    }
  }
}
