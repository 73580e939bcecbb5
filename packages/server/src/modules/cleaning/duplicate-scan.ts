import { createHash } from 'node:crypto';
import { shingles, type HashItem, type LabelConfig } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import type { JobHandle } from '../../jobs/job-runner.js';
import { imageGroups, textGroups, type Collected, type FoundGroup } from './duplicate-grouping.js';
import { saveGroups } from './duplicate-store.js';
import { imageHashOf, type HashableMedia } from './image-hash.js';
import { canonicalContent, imageKeysOf, mediaIdsIn, mediaKeysOf, textOf, type Json } from './task-content.js';
import { cancelled, countTasks, mapLimit, taskBatches } from './task-batches.js';
import { TextLsh } from './text-lsh.js';
import { U32Column } from './u32-column.js';

export interface DuplicateScanOptions {
  exact: boolean;
  text: boolean;
  /** Least Jaccard similarity of the shingle sets for near-duplicate texts. */
  textThreshold: number;
  /** Shingle length in characters (3 suits short Chinese texts, 5 English). */
  shingleSize: number;
  images: boolean;
  /** Most differing dHash bits (of 64) for near-duplicate images. */
  imageDistance: number;
}

export interface DuplicateScanResult {
  tasks: number;
  textTasks: number;
  imageTasks: number;
  groups: { exact: number; text: number; image: number };
  /** Tasks that "keep one" in every group would delete. */
  redundantTasks: number;
  imageErrors: number;
  /** A few of the image errors, naming the task. */
  imageErrorExamples: string[];
}

/** Images fetched and decoded at once: remote fetches dominate, decoding a thumbnail is cheap. */
const IMAGE_CONCURRENCY = 4;

/**
 * The work of a duplicate scan. One streaming pass over the tasks (keyset batches) keeps, per
 * task, 4 bytes of id, 8 of content hash, the LSH band keys of its text (~84 bytes) and the dHash
 * of its image (~100 bytes as an object) — about 100–200 MB for a million tasks, never the data.
 * Then exact and text groups (duplicate-grouping.ts), image groups, and the groups replace the
 * project's previous ones in one transaction.
 */
export async function scanDuplicates(ctx: AppContext, job: JobHandle, project: ProjectRow, options: DuplicateScanOptions): Promise<DuplicateScanResult> {
  const config = JSON.parse(project.label_config) as LabelConfig;
  const mediaKeys = mediaKeysOf(config);
  const imageKeys = imageKeysOf(config);
  const total = await countTasks(ctx, project.id);
  const c: Collected = { taskIds: new U32Column(), hashHi: new U32Column(), hashLo: new U32Column(), lsh: new TextLsh(options.textThreshold), textTask: new U32Column(), images: [] };
  const errors: string[] = [];
  let imageErrors = 0;
  job.progress(0, total, 'reading tasks');

  for await (const batch of taskBatches(ctx, project.id, { signal: job.signal, what: 'the duplicate scan' })) {
    const media = await mediaOf(ctx, project.id, batch.map((t) => t.data));
    const indexes = batch.map((task) => {
      const digest = createHash('sha256').update(canonicalContent(task.data, (id) => media.get(id)?.sha256)).digest();
      c.hashHi.push(digest.readUInt32BE(0));
      c.hashLo.push(digest.readUInt32BE(4));
      const index = c.taskIds.push(task.id);
      if (options.text) {
        const set = shingles(textOf(task.data, mediaKeys), options.shingleSize);
        if (set.size > 0) {
          c.lsh.add(set);
          c.textTask.push(index);
        }
      }
      return index;
    });
    if (options.images && imageKeys.length > 0) {
      const hashes = await mapLimit(batch, IMAGE_CONCURRENCY, async (task): Promise<bigint | null> => {
        const ref = imageKeys.map((k) => task.data[k]).find((v) => typeof v === 'string');
        try {
          return await imageHashOf(ctx, ref, media, job.signal);
        } catch (err) {
          imageErrors += 1;
          if (errors.length < 10) errors.push(`task ${task.id}: ${err instanceof Error ? err.message : String(err)}`);
          return null;
        }
      });
      hashes.forEach((hash, i) => hash !== null && c.images.push({ id: String(indexes[i]!), hash } satisfies HashItem));
    }
    job.progress(c.taskIds.length, total, `${c.taskIds.length} tasks read`);
  }

  if (job.signal.aborted) throw cancelled('the duplicate scan');
  job.progress(c.taskIds.length, total, 'comparing');
  const groups: FoundGroup[] = await textGroups(ctx, c, { exact: options.exact, text: options.text, threshold: options.textThreshold, k: options.shingleSize, mediaKeys });
  if (options.images) groups.push(...imageGroups(c, options.imageDistance, options.exact));
  if (job.signal.aborted) throw cancelled('the duplicate scan');
  job.progress(c.taskIds.length, total, `saving ${groups.length} groups`);
  await saveGroups(ctx, project, job.id, groups);
  job.progress(c.taskIds.length, total, `${groups.length} groups found`);
  const count = (kind: FoundGroup['kind']) => groups.filter((g) => g.kind === kind).length;
  return {
    tasks: c.taskIds.length,
    textTasks: c.textTask.length,
    imageTasks: c.images.length,
    groups: { exact: count('exact'), text: count('text'), image: count('image') },
    redundantTasks: groups.reduce((sum, g) => sum + g.taskIds.length - 1, 0),
    imageErrors,
    imageErrorExamples: errors,
  };
}

/** The project's stored media that a batch of task data points at (other projects' media are not looked up). */
async function mediaOf(ctx: AppContext, projectId: number, data: Record<string, Json>[]): Promise<Map<number, HashableMedia & { sha256: string }>> {
  const ids = new Set<number>();
  for (const d of data) mediaIdsIn(d, ids);
  if (ids.size === 0) return new Map();
  const rows = await ctx.db.kysely
    .selectFrom('media')
    .select(['id', 'sha256', 'blob_key', 'thumbnail_key', 'kind'])
    .where('project_id', '=', projectId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
