import path from 'node:path';
import { readYoloClasses, readYoloDataYaml, readYoloTask, type LabelConfig, type TagScheme } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import type { MediaRow, ProjectRow } from '../../db/schema.js';
import { LaoshiError } from '../../errors.js';
import type { JobHandle } from '../../jobs/job-runner.js';
import { recordAudit } from '../audit/audit-repository.js';
import { mediaUrl, storeMedia } from '../media/media-service.js';
import { badFile, describeFileError } from './import-error.js';
import { isYoloSet, kindOf, tasksOfText, type ImportFormat, type ReaderTargets } from './import-formats.js';
import { openZip, type ImportEntry, type ZipLimits } from './import-sources.js';
import { TaskSink, type IncomingTask } from './task-sink.js';
import { decodeText } from './text-decode.js';
import { dataKeys, fitRegionsToConfig } from './label-targets.js';
import { labelsForMot, motTask, videoForMot } from './mot-import.js';

export interface ImportOptions {
  labelsAs: 'annotations' | 'predictions';
  format?: ImportFormat | undefined;
  tagScheme?: TagScheme | undefined;
  zipLimits?: ZipLimits | undefined;
  maxPixels?: number | undefined;
  batchSize?: number | undefined;
}

/** An entry on disk (uploads, downloads, folders) can be a zip: zips are read from disk. */
export type TopEntry = ImportEntry & { file?: string };

export interface ImportResult {
  tasks: number;
  annotations: number;
  predictions: number;
  media: number;
  files: { name: string; kind: string; tasks: number; encoding?: string }[];
}

/** A job failure that lists each bad file; whatever was imported before stays. */
export class ImportFailed extends Error {
  override readonly name = 'JobError';
}

interface Run {
  ctx: AppContext;
  job: JobHandle;
  project: ProjectRow;
  actorId: number;
  options: ImportOptions;
  sink: TaskSink;
  targets: ReaderTargets & { videoKey: string; audioKey: string };
  config: LabelConfig;
  result: ImportResult;
  errors: string[];
}

/**
 * The work of an import job: every entry (zips opened, each zip a set of its own), media stored
 * first so that label files (COCO, VOC, YOLO, Label Studio JSON) can point their tasks at them,
 * then label and task files streamed into the project, then a task for each image, video or audio
 * file no label file named. A bad file is reported by name and the others go on; the job fails at
 * the end listing the bad files, and everything imported is kept.
 */
export async function runImport(ctx: AppContext, job: JobHandle, project: ProjectRow, actorId: number, entries: TopEntry[], options: ImportOptions, earlierErrors: string[] = []): Promise<ImportResult> {
  const config = JSON.parse(project.label_config) as LabelConfig;
  const keys = dataKeys(config);
  const result: ImportResult = { tasks: 0, annotations: 0, predictions: 0, media: 0, files: [] };
  const sink = new TaskSink(ctx, project, config, {
    labelsAs: options.labelsAs,
    batchSize: options.batchSize,
    signal: job.signal,
    onFlush: (c) => job.progress(c.tasks, null, `${c.tasks} tasks imported`),
  });
  const run: Run = { ctx, job, project, actorId, options, sink, config, result, errors: [...earlierErrors], targets: { ...keys, labelsAs: options.labelsAs, tagScheme: options.tagScheme ?? 'iob2' } };
  const loose = entries.filter((e) => kindOf(e.path, options.format, false) !== 'zip');
  if (loose.length > 0) await importSet(run, loose);
  for (const entry of entries.filter((e) => kindOf(e.path, options.format, false) === 'zip')) {
    if (job.signal.aborted) break;
    if (!entry.file) {
      run.errors.push(`${entry.name}: archives inside archives are not imported`);
      continue;
    }
    let zip;
    try {
      zip = await openZip(entry.file, entry.name, options.zipLimits);
    } catch (err) {
      run.errors.push(describeFileError(entry.name, err).message);
      continue;
    }
    try {
      await importSet(run, zip.entries);
    } finally {
      zip.close();
    }
  }
  await sink.flush();
  Object.assign(result, sink.counts);
  // Recorded whether or not some files failed: what was imported stays, so it is on the record.
  if (result.tasks > 0 || result.media > 0) {
    const { tasks, annotations, predictions, media } = result;
    await recordAudit(ctx.db.kysely, { organizationId: project.organization_id, projectId: project.id, actorId, action: 'tasks.import', objectType: 'job', objectId: job.id, data: { tasks, annotations, predictions, media, failedFiles: run.errors.length } }, ctx.now());
  }
  if (job.signal.aborted) throw new LaoshiError(409, 'LAOSHI_JOB_FINISHED', `the import was cancelled after ${result.tasks} tasks`);
  if (run.errors.length > 0) {
    const shown = run.errors.slice(0, 20).join('; ');
    const more = run.errors.length > 20 ? `; and ${run.errors.length - 20} more` : '';
    throw new ImportFailed(`imported ${result.tasks} tasks and ${result.media} media files; ${run.errors.length} file(s) failed: ${shown}${more}`);
  }
  return result;
}

/** Media by the names label files use for them: the path in the set, and the bare file name. */
class MediaIndex {
  private readonly byPath = new Map<string, MediaRow>();
  private readonly byBase = new Map<string, MediaRow | null>();
  private readonly byStem = new Map<string, MediaRow[]>();
  readonly used = new Set<number>();
  readonly all: { row: MediaRow; entry: ImportEntry }[] = [];

  add(entry: ImportEntry, row: MediaRow): void {
    this.all.push({ row, entry });
    this.byPath.set(entry.path, row);
    const base = path.posix.basename(entry.path);
    // Two files of one name in different folders: the bare name is ambiguous, only paths match.
    this.byBase.set(base, this.byBase.has(base) ? null : row);
    const stem = base.replace(/\.[^.]+$/, '');
    this.byStem.set(stem, [...(this.byStem.get(stem) ?? []), row]);
  }

  find(ref: string): MediaRow | undefined {
    const clean = ref.replace(/^\.\//, '').split('?')[0] ?? '';
    return this.byPath.get(clean) ?? this.byBase.get(path.posix.basename(clean)) ?? undefined;
  }

  /** The image a YOLO label file belongs to: labels/train/a.txt → images/train/a.*, else any a.*. */
  forLabels(labelPath: string): MediaRow | undefined {
    const stem = path.posix.basename(labelPath).replace(/\.txt$/i, '');
    const candidates = this.byStem.get(stem) ?? [];
    const imageDir = path.posix.dirname(labelPath).replace(/(^|\/)labels(\/|$)/, '$1images$2');
    return candidates.find((m) => this.pathOf(m) !== undefined && path.posix.dirname(this.pathOf(m)!) === imageDir) ?? (candidates.length === 1 ? candidates[0] : undefined);
  }

  private pathOf(row: MediaRow): string | undefined {
    return this.all.find((x) => x.row.id === row.id)?.entry.path;
  }
}

async function importSet(run: Run, entries: ImportEntry[]): Promise<void> {
  const { ctx, job, options } = run;
  const yolo = options.format === 'yolo' || isYoloSet(entries.map((e) => e.path));
  const media = new MediaIndex();
  const kinds = entries.map((e) => ({ entry: e, kind: kindOf(e.path, options.format, yolo) }));
  for (const { entry, kind } of kinds) {
    if (kind === 'unsupported') run.errors.push(`${entry.name}: this kind of file is not imported (supported: images, video, audio, zip, JSON, JSONL, CSV, TSV, TXT, COCO, VOC XML, YOLO, CoNLL, MOT)`);
    if (kind === 'zip') run.errors.push(`${entry.name}: archives inside archives are not imported`);
  }
  // 1. Media, so that labels can point at them.
  for (const { entry } of kinds.filter((k) => k.kind === 'media')) {
    if (job.signal.aborted) return;
    try {
      const row = await storeMedia(ctx, { organizationId: run.project.organization_id, projectId: run.project.id, createdBy: run.actorId, fileName: path.posix.basename(entry.path), body: await entry.open(), maxPixels: options.maxPixels });
      media.add(entry, row);
      run.result.media++;
      job.progress(run.sink.counts.tasks, null, `${run.result.media} media files stored`);
    } catch (err) {
      run.errors.push(describeFileError(entry.name, err).message);
    }
  }
  // 2. Task and label files.
  let names: string[] | undefined;
  for (const { entry } of kinds.filter((k) => k.kind === 'yolo-names')) {
    try {
      const { chunks } = await decodeText(await entry.open(), entry.name);
      let text = '';
      for await (const c of chunks) text += c;
      names = /\.ya?ml$/i.test(entry.path) ? readYoloDataYaml(text) : readYoloClasses(text);
    } catch (err) {
      run.errors.push(describeFileError(entry.name, err).message);
    }
  }
  const motLabels = new Map<string, string>();
  for (const { entry } of kinds.filter((k) => k.kind === 'mot-labels')) {
    try {
      motLabels.set(entry.path, await readWhole(await entry.open(), entry.name));
    } catch (err) {
      run.errors.push(describeFileError(entry.name, err).message);
    }
  }
  for (const { entry, kind } of kinds) {
    if (job.signal.aborted) return;
    if (kind === 'media' || kind === 'zip' || kind === 'unsupported' || kind === 'yolo-names' || kind === 'mot-labels') continue;
    const before = run.sink.counts.tasks + pendingOf(run);
    try {
      const { encoding, chunks } = await decodeText(await entry.open(), entry.name);
      let count = 0;
      if (kind === 'mot') {
        const videos = media.all.filter((m) => m.row.kind === 'video').map((m) => ({ row: m.row, path: m.entry.path }));
        const video = videoForMot(entry.path, videos);
        let text = '';
        for await (const c of chunks) text += c;
        const configRate = run.config.objects.find((o) => o.type === 'video')?.frameRate;
        const task = motTask(entry.name, text, video, labelsForMot(entry.path, motLabels), { labelsAs: options.labelsAs, videoKey: run.targets.videoKey, configFrameRate: configRate });
        if (video) media.used.add(video.id);
        await add(run, task, entry.name, media, true);
        count = 1;
      } else if (kind === 'yolo') {
        if (!names) throw badFile(entry.name, 'YOLO labels need class names: add classes.txt or data.yaml');
        let text = '';
        for await (const c of chunks) text += c;
        const image = media.forLabels(entry.path);
        if (!image) throw badFile(entry.name, `no image named ${path.posix.basename(entry.path).replace(/\.txt$/i, '')}.* was imported with it`);
        media.used.add(image.id);
        const size = image.width && image.height ? { width: image.width, height: image.height } : undefined;
        const task = readYoloTask(mediaUrl(image.id), text, { names, as: options.labelsAs, dataKey: run.targets.imageKey, ...(size ? { imageSize: size } : {}) });
        await add(run, task, entry.name, media, true);
        count = 1;
      } else {
        for await (const { task, where, fromReader } of tasksOfText(kind, chunks, entry.name, run.targets)) {
          await add(run, task, where, media, fromReader === true);
          count++;
        }
      }
      run.result.files.push({ name: entry.name, kind, tasks: count, ...(encoding !== 'utf-8' ? { encoding } : {}) });
    } catch (err) {
      const error = describeFileError(entry.name, err);
      // The tasks read before the bad record are valid: write them, as the message promises.
      await run.sink.flush();
      const kept = run.sink.counts.tasks + pendingOf(run) - before;
      run.errors.push(kept > 0 ? `${error.message} (the ${kept} tasks before it were imported)` : error.message);
    }
  }
  // 3. A task per media file that no label file named.
  for (const { row, entry } of media.all) {
    if (media.used.has(row.id)) continue;
    const key = row.kind === 'video' ? run.targets.videoKey : row.kind === 'audio' ? run.targets.audioKey : run.targets.imageKey;
    const meta: Record<string, unknown> = { file_name: entry.path, media_id: row.id };
    if (row.width && row.height) Object.assign(meta, { original_width: row.width, original_height: row.height });
    await run.sink.add({ data: { [key]: mediaUrl(row.id) }, meta }, entry.name);
  }
}

const pendingOf = (run: Run): number => run.sink.queued;

/** A small text file read whole, whatever its encoding. */
async function readWhole(body: Parameters<typeof decodeText>[0], name: string): Promise<string> {
  const { chunks } = await decodeText(body, name);
  let text = '';
  for await (const c of chunks) text += c;
  return text;
}

/** Points the task's media references at stored media, fits regions to the config, and queues it. */
async function add(run: Run, task: IncomingTask, where: string, media: MediaIndex, fromReader: boolean): Promise<void> {
  const data = { ...task.data };
  const meta = { ...(task.meta ?? {}) };
  for (const key of [run.targets.imageKey, run.targets.videoKey, run.targets.audioKey]) {
    const ref = data[key];
    if (typeof ref !== 'string' || ref.startsWith('/api/media/')) continue;
    const found = media.find(ref);
    if (!found) continue;
    media.used.add(found.id);
    data[key] = mediaUrl(found.id);
    meta.file_name ??= ref;
    if (found.width && found.height && meta.original_width === undefined) Object.assign(meta, { original_width: found.width, original_height: found.height });
  }
  // Label Studio JSON names its controls itself; format readers use defaults that must fit the config.
  const fitted = fromReader ? fitRegionsToConfig(task, run.config) : task;
  await run.sink.add({ ...fitted, data, meta }, where);
}
