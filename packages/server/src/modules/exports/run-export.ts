import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../context.js';
import { refreshStaleStatistics } from '../../db/table-statistics.js';
import { FORMATS, type ExportFormat, type ExportOptions, type ExportProject, type ExportSource, type ExportWriter, type MediaInfo } from './export-options.js';
import { ExportStats, type ExportCounts } from './export-stats.js';
import type { ExportTask } from './export-task.js';
import { maskTask, mediaKeysOf } from './pii-mask.js';
import { openRowReader, readExportBatches } from './task-reader.js';
import type { ManifestWriter } from './version-manifest.js';
import { writeCocoExport } from './writers/coco-export.js';
import { writeConllExport } from './writers/conll-export.js';
import { writeCsv } from './writers/csv-writer.js';
import { writeJsonl, writeLabelStudioJson } from './writers/label-studio-writer.js';
import { writeLaoshiJson } from './writers/laoshi-json-writer.js';
import { writeParquetExport } from './writers/parquet-export.js';
import { writeVocExport } from './writers/voc-export.js';
import { Utf8Chunks } from './writers/utf8-chunks.js';
import { writeYoloExport } from './writers/yolo-export.js';

const WRITERS: Record<ExportFormat, ExportWriter> = {
  laoshi: writeLaoshiJson,
  'label-studio': writeLabelStudioJson,
  coco: writeCocoExport,
  yolo: writeYoloExport,
  voc: writeVocExport,
  conll: writeConllExport,
  jsonl: writeJsonl,
  csv: writeCsv,
  parquet: writeParquetExport,
};

/** Output chunks are gathered to about this size: a million one-line chunks would cost more in stream overhead than in writing. */
const CHUNK_BYTES = 256 * 1024;
/**
 * Tasks per read. SQLite: a batch is read and written within one turn of the event loop, so it
 * should be small enough not to hold the server up for long (a few milliseconds) and large
 * enough that per-batch costs vanish; what a batch holds dies young (cheap for the garbage
 * collector, and RSS stays low). PostgreSQL: fewer round trips, the next batch fetched ahead.
 */
const SQLITE_BATCH = 250;
const PG_BATCH = 1000;

export interface ExportHooks {
  /** Tasks read so far (those left out too); called once per batch of tasks. */
  progress?(done: number): void;
  /** Receives each task's fingerprint (dataset versions keep them for compare). */
  manifest?: ManifestWriter;
  signal?: AbortSignal;
  /** Hash the bytes (default true); false when the sink hashes them anyway (the blob store does). */
  checksum?: boolean;
}

export interface ExportOutput {
  size: number;
  sha256: string;
  counts: ExportCounts;
}

export interface PreparedExport {
  /** The file, in chunks of about 256 KiB; read it once. */
  body: AsyncGenerator<Buffer, void, undefined>;
  /** Size, checksum ('' without `checksum`) and counts; known once `body` has been read to its end. */
  result(): ExportOutput;
}

const MEDIA_URL = /\/api\/media\/(\d{1,10})\/?(?:[?#].*)?$/;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Sets up an export of `project` in `options.format`: reads the tasks in batches, masks personal
 * data if asked, counts and fingerprints what goes into the file, and yields the file's bytes
 * while hashing them. Nothing runs until `body` is read; the caller decides where the bytes go
 * (a blob, a file, an HTTP response). Scoping is the caller's job.
 */
export function prepareExport(ctx: AppContext, project: ExportProject, options: ExportOptions, exportedAt: number, hooks: ExportHooks = {}): PreparedExport {
  const info = FORMATS[options.format];
  const stats = new ExportStats(info.oneAnnotationPerTask, info.predictions, !info.copiesResults);
  const mediaKeys = mediaKeysOf(project.labelConfig);
  // Formats with one label set per item must not turn a task nobody labelled into a "nothing here"
  // example; with onlyAccepted, a task without an accepted annotation is not in the dataset.
  const skipUnannotated = info.oneAnnotationPerTask || options.onlyAccepted;

  /**
   * A batch's tasks as the writer takes them: left out, masked, counted and fingerprinted one at
   * a time, just before the writer gets each, and let go of in the batch, so a task (and the
   * results parsed for it) is garbage once the writer moves on instead of living on with the
   * whole batch (it would outlive young-generation collections and be moved to the old one).
   */
  function* prepared(batch: (ExportTask | undefined)[]): Generator<ExportTask, void, undefined> {
    for (let i = 0; i < batch.length; i++) {
      const task = batch[i]!;
      batch[i] = undefined;
      if (skipUnannotated && task.annotations.length === 0) continue;
      if (options.maskPii) maskTask(task, mediaKeys);
      if (hooks.manifest) hooks.manifest.add(stats.observe(task, true));
      else stats.observe(task, false);
      yield task;
    }
  }

  async function* batches(): AsyncGenerator<Iterable<ExportTask>, void, undefined> {
    // Right after an import, PostgreSQL may not know the tables' size yet: the keyset walk needs it.
    await refreshStaleStatistics(ctx.db, info.predictions ? ['tasks', 'annotations', 'predictions'] : ['tasks', 'annotations']);
    const reader = await openRowReader(ctx.db);
    try {
      const read = readExportBatches(
        ctx.db.kysely,
        {
          projectId: project.id,
          filter: options.filter,
          latestOnly: options.latestPerTask,
          latestFirst: info.oneAnnotationPerTask,
          withPredictions: info.predictions,
          annotationFilter: options.onlyAccepted ? (q) => q.where('a.review_state', '=', 'accepted') : undefined,
          // PostgreSQL answers over the network: the next batch is fetched while this one is written.
          // SQLite answers in-process (synchronously), so fetching ahead gains nothing.
          batchSize: ctx.db.dialect === 'postgres' ? PG_BATCH : SQLITE_BATCH,
          prefetch: ctx.db.dialect === 'postgres',
          signal: hooks.signal,
        },
        reader,
      );
      let seen = 0;
      for await (const batch of read) {
        const size = batch.length;
        // Writers go through each batch to its end before asking for the next.
        yield prepared(batch);
        // Progress counts tasks read, skipped ones too, so it ends at the total counted up front.
        hooks.progress?.((seen += size));
        await hooks.manifest?.drain();
      }
    } finally {
      reader.close();
    }
  }
  async function* tasks(): AsyncGenerator<ExportTask, void, undefined> {
    for await (const batch of batches()) yield* batch;
  }

  // Writers may ask twice for the same task (name, then size); one query answers both.
  let cached: { taskId: number; key: string; info: Promise<MediaInfo | undefined> } | undefined;
  function mediaInfo(task: ExportTask, key: string): Promise<MediaInfo | undefined> {
    if (cached?.taskId === task.id && cached.key === key) return cached.info;
    const ref = task.data[key];
    const id = typeof ref === 'string' ? MEDIA_URL.exec(ref)?.[1] : undefined;
    const info = id === undefined ? Promise.resolve(undefined) : lookUpMedia(Number(id));
    cached = { taskId: task.id, key, info };
    return info;
  }
  async function lookUpMedia(id: number): Promise<MediaInfo | undefined> {
    // Only this project's media: task data cannot pull another project's files into an export.
    const row = await ctx.db.kysely.selectFrom('media').select(['file_name', 'width', 'height', 'blob_key']).where('id', '=', id).where('project_id', '=', project.id).executeTakeFirst();
    if (!row) return undefined;
    return { fileName: row.file_name, width: row.width, height: row.height, read: async () => readAll(await ctx.blobs.get(row.blob_key)) };
  }

  const source: ExportSource = { project, options, exportedAt, tasks, batches, mediaInfo };
  const hash = hooks.checksum === false ? undefined : createHash('sha256');
  let size = 0;
  let finished = false;
  let output: ExportOutput | undefined;

  async function* body(): AsyncGenerator<Buffer, void, undefined> {
    const chunks = new Utf8Chunks(CHUNK_BYTES);
    let ready: Buffer[] = [];
    for await (const part of WRITERS[options.format](source)) {
      if (typeof part === 'string') chunks.push(part, ready);
      else if (Buffer.isBuffer(part)) chunks.pushBytes(part, ready);
      else for (const text of part) chunks.push(text, ready);
      if (ready.length > 0) {
        const out = ready;
        ready = [];
        for (const chunk of out) yield counted(chunk);
      }
    }
    const last = chunks.take();
    if (last) yield counted(last);
    finished = true;
  }
  function counted(chunk: Buffer): Buffer {
    hash?.update(chunk);
    size += chunk.length;
    return chunk;
  }

  return {
    body: body(),
    result: () => {
      if (!finished) throw new Error('the export has not been read to its end');
      return (output ??= { size, sha256: hash?.digest('hex') ?? '', counts: stats.result() });
    },
  };
}
