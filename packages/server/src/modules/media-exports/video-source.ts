import { lastFrameOf, tracksOfResult, videoFrameRate, type LabelConfig, type Track, type VideoTracks } from '@laoshi/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { LaoshiError } from '../../errors.js';
import type { ExportTask } from '../exports/export-task.js';
import { readExportTasks } from '../exports/task-reader.js';
import type { TaskFilter } from '../tasks/task-filter.js';
import { MediaFactsCache } from './media-facts.js';

export type VideoObject = Extract<LabelConfig['objects'][number], { type: 'video' }>;

/** A task's video with the tracks of its latest annotation, numbered the way the editor numbers frames. */
export interface VideoTask {
  task: ExportTask;
  video: VideoTracks;
  fps: number;
}

export interface ReadOptions {
  projectId: number;
  filter: TaskFilter;
  onlyAccepted: boolean;
  signal?: AbortSignal;
}

/** The project's first video object, or a 400 naming the label config. */
export function videoObjectOf(config: LabelConfig): VideoObject {
  const video = config.objects.find((o): o is VideoObject => o.type === 'video');
  if (video === undefined) throw new LaoshiError(400, 'LAOSHI_VALIDATION', 'the project has no video object: its label config needs a <Video>', 'format');
  return video;
}

/** The labels the config gives video tracks, in order (class ids follow it). */
export function trackLabelsOf(config: LabelConfig, video: VideoObject): string[] {
  const control = config.controls.find((c) => c.type === 'labels' && c.toName.includes(video.name));
  return control && 'labels' in control ? control.labels.map((l) => l.value) : [];
}

const unknownSize = (task: ExportTask) =>
  new LaoshiError(422, 'LAOSHI_VALIDATION', `task ${task.id}: the video's frame size is unknown (store the video as project media, or set meta.original_width and original_height)`, 'meta.original_width');

/**
 * The annotated video tasks of a project (tasks nobody annotated are left out), each with the
 * tracks of its latest annotation on the project's video object. Frames run from 1 to the
 * video's frame count (ffprobe's, else duration × fps, else the tracks' own `framesCount` or last
 * keyframe); fps as the editor takes it (task data, config, file, 24).
 */
export async function* videoTasks(db: Kysely<Database>, config: LabelConfig, options: ReadOptions): AsyncGenerator<VideoTask, void, undefined> {
  const object = videoObjectOf(config);
  const key = object.value.slice(1);
  const facts = new MediaFactsCache(db, options.projectId);
  const tasks = readExportTasks(db, {
    projectId: options.projectId, filter: options.filter, latestOnly: true, latestFirst: true, withPredictions: false, signal: options.signal,
    annotationFilter: options.onlyAccepted ? (q) => q.where('a.review_state', '=', 'accepted') : undefined,
  });
  for await (const task of tasks) {
    const annotation = task.annotations[0];
    if (annotation === undefined) continue;
    const ref = task.data[key];
    const media = await facts.of(task, typeof ref === 'string' ? ref : '');
    const tracks = tracksOfResult(annotation.result).filter((t) => t.object === object.name);
    const { fps } = videoFrameRate(task.data, object.frameRate, media.frameRate ?? undefined);
    const frameCount = media.frameCount ?? (media.duration !== null ? Math.round(media.duration * fps) : lastFrameOf(tracks));
    if (media.width === null || media.height === null) throw unknownSize(task);
    yield {
      task,
      fps,
      video: { name: media.name, width: media.width, height: media.height, frames: { from: 1, to: Math.max(1, frameCount) }, tracks: tracks.map((t): Track => t.track) },
    };
  }
}
