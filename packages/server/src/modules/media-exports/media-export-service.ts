import { Readable } from 'node:stream';
import type { LabelConfig } from '@laoshi/core';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { LaoshiError } from '../../errors.js';
import { MAX_DIRECT_EXPORT_TASKS } from '../exports/export-service.js';
import { countExportTasks } from '../exports/task-reader.js';
import type { TaskFilter } from '../tasks/task-filter.js';
import { asrManifest, audioJsonl, audioSegments } from './audio-writers.js';
import type { AudioExportInput, VideoExportInput } from './media-export-schemas.js';
import { trackLabelsOf, videoObjectOf, videoTasks, type ReadOptions, type VideoTask } from './video-source.js';
import { videoCoco, videoLabelStudio, videoMot, videoYolo } from './video-writers.js';

export interface MediaExport {
  body: Readable;
  fileName: string;
  contentType: string;
}

/** Splits the query into options and the data manager's filter. */
function optionsOf(projectId: number, input: VideoExportInput | AudioExportInput): ReadOptions {
  const { format: _format, onlyAccepted, ...filter } = input;
  return { projectId, filter: filter as TaskFilter, onlyAccepted: onlyAccepted ?? false };
}

async function open(ctx: AppContext, actor: Actor, projectId: number, options: ReadOptions): Promise<LabelConfig> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const total = await countExportTasks(ctx.db.kysely, projectId, options.filter);
  if (total > MAX_DIRECT_EXPORT_TASKS) {
    throw new LaoshiError(422, 'LAOSHI_EXPORT_TOO_LARGE', `${total} tasks are more than the ${MAX_DIRECT_EXPORT_TASKS} an export serves at once; narrow it with the filter`, undefined, { tasks: total });
  }
  return JSON.parse(project.label_config) as LabelConfig;
}

/**
 * The first item is read before the response starts, so a problem with the first task (an unknown
 * frame size…) is answered with its 4xx instead of a broken download; later ones abort the stream.
 */
async function withFirst<T>(items: AsyncGenerator<T, void, undefined>): Promise<AsyncGenerator<T, void, undefined>> {
  const first = await items.next();
  async function* all(): AsyncGenerator<T, void, undefined> {
    if (first.done !== true) yield first.value;
    yield* items;
  }
  return all();
}

/** A video export of the project (managers), streamed. */
export async function videoExport(ctx: AppContext, actor: Actor, projectId: number, input: VideoExportInput): Promise<MediaExport> {
  const options = optionsOf(projectId, input);
  const config = await open(ctx, actor, projectId, options);
  const labels = trackLabelsOf(config, videoObjectOf(config));
  const tasks: AsyncIterable<VideoTask> = await withFirst(videoTasks(ctx.db.kysely, config, options));
  const name = `project-${projectId}-video`;
  const now = ctx.now();
  switch (input.format) {
    case 'coco':
      return { body: Readable.from(videoCoco(tasks, labels)), fileName: `${name}.coco.json`, contentType: 'application/json' };
    case 'mot':
      return { body: Readable.from(videoMot(tasks, labels, now)), fileName: `${name}.mot.zip`, contentType: 'application/zip' };
    case 'yolo':
      return { body: Readable.from(videoYolo(tasks, labels, now)), fileName: `${name}.yolo.zip`, contentType: 'application/zip' };
    case 'label-studio':
      return { body: Readable.from(videoLabelStudio(tasks)), fileName: `${name}.label-studio.json`, contentType: 'application/json' };
  }
}

/** An audio export of the project (managers), streamed: segments as JSON Lines, or an ASR manifest. */
export async function audioExport(ctx: AppContext, actor: Actor, projectId: number, input: AudioExportInput): Promise<MediaExport> {
  const options = optionsOf(projectId, input);
  const config = await open(ctx, actor, projectId, options);
  const segments = await withFirst(audioSegments(ctx.db.kysely, config, options));
  const manifest = input.format === 'asr-manifest';
  return {
    body: Readable.from(manifest ? asrManifest(segments) : audioJsonl(segments)),
    fileName: `project-${projectId}-${manifest ? 'asr-manifest' : 'segments'}.jsonl`,
    contentType: 'application/x-ndjson',
  };
}
