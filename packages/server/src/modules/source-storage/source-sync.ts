import path from 'node:path';
import type { LabelConfig } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import { LaoshiError } from '../../errors.js';
import type { JobHandle } from '../../jobs/job-runner.js';
import { recordAudit } from '../audit/audit-repository.js';
import { describeFileError } from '../imports/import-error.js';
import { kindOf, tasksOfText } from '../imports/import-formats.js';
import { dataKeys, fitRegionsToConfig } from '../imports/label-targets.js';
import { TaskSink } from '../imports/task-sink.js';
import { decodeText } from '../imports/text-decode.js';
import { mediaUrl, storeMedia } from '../media/media-service.js';
import { getObject, listObjectPages, s3SourceClient, type S3SourceTarget } from './s3-source-client.js';

export interface SyncResult {
  /** Objects under the prefix (folders and unsupported files included). */
  listed: number;
  /** Objects an earlier sync already took. */
  alreadySynced: number;
  /** Objects of a kind a sync does not take (only images, video, audio, JSON and JSONL). */
  unsupported: number;
  objects: number;
  tasks: number;
  media: number;
  failed: number;
  /** Up to 20 failures, each naming its object. */
  errors: string[];
}

interface Seen {
  key: string;
  etag: string | null;
  size: number;
  tasks: number;
  error: string | null;
}

/** Objects written to the seen list at once, after their tasks are durable. */
const RECORD_EVERY = 200;

/**
 * The work of a sync: lists the bucket under the prefix a page at a time and makes tasks of the
 * objects no earlier sync took — a task per image, video or audio file, and the tasks of JSON /
 * JSONL files read as imports read them. Media are COPIED into the blob store (storeMedia): they
 * get a sniffed type, size and thumbnail, the existing media routes serve them with no bucket
 * credentials at hand, and tasks keep working when the bucket's objects change or go.
 *
 * Idempotent: each object taken (or refused for its content, with the error) is recorded, so a
 * re-sync adds only new objects. The record is written just after the object's tasks, so a crash
 * between the two can import at most RECORD_EVERY objects twice — duplicates the cleaning tab
 * finds — and never loses one. Objects that could not be read (network, permissions) are not
 * recorded and are tried again next time.
 */
export async function syncStorage(ctx: AppContext, job: JobHandle, project: ProjectRow, storageId: number, target: S3SourceTarget, actorId: number): Promise<SyncResult> {
  const config = JSON.parse(project.label_config) as LabelConfig;
  const keys = dataKeys(config);
  const targets = { ...keys, labelsAs: 'annotations' as const, tagScheme: 'iob2' as const };
  // No signal for the sink: a cancelled sync still writes and records what it has read.
  const sink = new TaskSink(ctx, project, config, { labelsAs: 'annotations' });
  const client = await s3SourceClient(target, ctx.config.outboundAllow);
  const result: SyncResult = { listed: 0, alreadySynced: 0, unsupported: 0, objects: 0, tasks: 0, media: 0, failed: 0, errors: [] };
  let pending: Seen[] = [];
  const fail = (message: string) => {
    result.failed += 1;
    if (result.errors.length < 20) result.errors.push(message);
  };
  const record = async () => {
    await sink.flush();
    for (let i = 0; i < pending.length; i += 500) {
      const rows = pending.slice(i, i + 500).map((s) => ({ storage_id: storageId, key: s.key, etag: s.etag, size: s.size, tasks: s.tasks, error: s.error, synced_at: ctx.now() }));
      await ctx.db.kysely.insertInto('source_storage_objects').values(rows).onConflict((oc) => oc.columns(['storage_id', 'key']).doNothing()).execute();
    }
    pending = [];
  };
  const report = () => job.progress(result.objects + result.alreadySynced + result.unsupported + result.failed, null, `${result.listed} objects listed, ${result.objects} synced, ${sink.counts.tasks + sink.queued} tasks`);

  let failure: unknown = null;
  try {
    for await (const page of listObjectPages(client, target, job.signal)) {
      const objects = page.filter((o): o is typeof o & { Key: string } => typeof o.Key === 'string' && !o.Key.endsWith('/'));
      result.listed += objects.length;
      const taken = new Set<string>();
      for (let i = 0; i < objects.length; i += 500) {
        const chunk = objects.slice(i, i + 500).map((o) => o.Key);
        const rows = await ctx.db.kysely.selectFrom('source_storage_objects').select('key').where('storage_id', '=', storageId).where('key', 'in', chunk).execute();
        rows.forEach((r) => taken.add(r.key));
      }
      for (const object of objects) {
        if (job.signal.aborted) break;
        if (taken.has(object.Key)) {
          result.alreadySynced += 1;
          continue;
        }
        const kind = kindOf(object.Key, undefined, false);
        if (kind !== 'media' && kind !== 'json' && kind !== 'jsonl') {
          result.unsupported += 1;
          continue;
        }
        let body;
        try {
          body = await getObject(client, target, object.Key, job.signal);
        } catch (err) {
          fail(err instanceof LaoshiError ? err.message : `${object.Key}: cannot be read`);
          continue;
        }
        const before = sink.counts.tasks + sink.queued;
        let error: string | null = null;
        try {
          if (kind === 'media') {
            const row = await storeMedia(ctx, { organizationId: project.organization_id, projectId: project.id, createdBy: actorId, fileName: path.posix.basename(object.Key), body });
            const key = row.kind === 'video' ? keys.videoKey : row.kind === 'audio' ? keys.audioKey : keys.imageKey;
            const meta: Record<string, unknown> = { source_storage_id: storageId, source_key: object.Key, media_id: row.id };
            if (row.width && row.height) Object.assign(meta, { original_width: row.width, original_height: row.height });
            await sink.add({ data: { [key]: mediaUrl(row.id) }, meta }, object.Key);
            result.media += 1;
          } else {
            const { chunks } = await decodeText(body, object.Key);
            for await (const { task, where, fromReader } of tasksOfText(kind, chunks, object.Key, targets)) {
              await sink.add(fromReader ? fitRegionsToConfig(task, config) : task, where);
            }
          }
        } catch (err) {
          // describeFileError rethrows our own failures (the database): those fail the job.
          error = describeFileError(object.Key, err).message;
          body.destroy();
          fail(error);
        }
        result.objects += error === null ? 1 : 0;
        pending.push({ key: object.Key, etag: object.ETag ?? null, size: object.Size ?? 0, tasks: sink.counts.tasks + sink.queued - before, error });
        if (pending.length >= RECORD_EVERY) await record();
        report();
      }
      if (job.signal.aborted) break;
    }
  } catch (err) {
    failure = err;
  }
  try {
    await record();
  } catch (err) {
    failure ??= err;
  }
  client.destroy();
  result.tasks = sink.counts.tasks;
  if (result.tasks > 0 || result.failed > 0) {
    const { listed, objects, tasks, media, failed } = result;
    await recordAudit(ctx.db.kysely, { organizationId: project.organization_id, projectId: project.id, actorId, action: 'source_storage.sync', objectType: 'source_storage', objectId: storageId, data: { jobId: job.id, listed, objects, tasks, media, failed } }, ctx.now());
  }
  await ctx.db.kysely.updateTable('source_storages').set({ last_synced_at: ctx.now() }).where('id', '=', storageId).execute();
  if (failure) throw failure;
  if (job.signal.aborted) throw new LaoshiError(409, 'LAOSHI_JOB_FINISHED', `the sync was cancelled after ${result.objects} objects (${result.tasks} tasks); the next sync goes on from there`);
  return result;
}
