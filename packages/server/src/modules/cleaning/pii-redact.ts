import { maskValue, PII_KINDS, redactPii, type LabelConfig, type PiiKind, type PiiMatch } from '@laoshi/core';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import type { JobHandle } from '../../jobs/job-runner.js';
import { recordAudit } from '../audit/audit-repository.js';
import { mediaKeysOf, type Json } from './task-content.js';
import { countTasks, taskBatches } from './task-batches.js';

export type RedactMask = 'char' | 'label' | 'partial';

export interface PiiRedactOptions {
  mask: RedactMask;
  kinds?: PiiKind[] | undefined;
}

export interface PiiRedactResult {
  tasks: number;
  tasksChanged: number;
  /** Matches replaced per kind, in task data. */
  counts: Record<PiiKind, number>;
  /** Changed tasks that have annotations, drafts or predictions, redacted with a length-keeping mask. */
  lengthKeptTasks: number;
  annotationsChanged: number;
  predictionsChanged: number;
}

/** A mask that keeps the length: 'partial' where maskValue keeps it, else one '*' per character (as exports' maskPii does). */
function sameLength(match: PiiMatch): string {
  const partial = maskValue(match.kind, match.value);
  return partial.length === match.value.length ? partial : '*'.repeat(match.end - match.start);
}

type Masker = RedactMask | ((match: PiiMatch) => string);

/** `value` with personal data in its strings replaced; the same object when nothing was found. */
function redactDeep(value: Json, mask: Masker, kinds: PiiKind[] | undefined, counts?: Record<PiiKind, number>): Json {
  if (typeof value === 'string') {
    const { text, found } = redactPii(value, { mask, kinds });
    if (counts) for (const m of found) counts[m.kind] += 1;
    return found.length ? text : value;
  }
  if (Array.isArray(value)) {
    const out = value.map((v) => redactDeep(v, mask, kinds, counts));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = redactDeep(v, mask, kinds, counts);
      if (out[k] !== v) changed = true;
    }
    return changed ? out : value;
  }
  return value;
}

/** The result items with `value.text` redacted (span texts, text areas), or null when nothing changed. */
function redactResult(json: string, kinds: PiiKind[] | undefined): string | null {
  if (!json.includes('"text"')) return null;
  const items = JSON.parse(json) as { value?: { text?: Json } }[];
  let changed = false;
  const out = items.map((item) => {
    if (item.value?.text === undefined) return item;
    const text = redactDeep(item.value.text, sameLength, kinds);
    if (text === item.value.text) return item;
    changed = true;
    return { ...item, value: { ...item.value, text } };
  });
  return changed ? JSON.stringify(out) : null;
}

/**
 * The work of an in-place redaction: streams the tasks (keyset batches) and rewrites every string
 * of their data (media references left alone) with core's redactPii, one transaction per batch.
 * WARNING: nothing keeps the old data — task data has no versions. Tasks with annotations, drafts
 * or predictions get a length-keeping mask whatever was asked, so the character offsets of their
 * spans still point at the same words, and the `value.text` their results carry is redacted
 * too (annotation versions go up, so an editor holding the old text gets 409 on save). Audited,
 * with counts, also when cancelled part way.
 */
export async function redactPiiInPlace(ctx: AppContext, job: JobHandle, project: ProjectRow, actorId: number, options: PiiRedactOptions): Promise<PiiRedactResult> {
  const mediaKeys = mediaKeysOf(JSON.parse(project.label_config) as LabelConfig);
  const total = await countTasks(ctx, project.id);
  const result: PiiRedactResult = { tasks: 0, tasksChanged: 0, counts: Object.fromEntries(PII_KINDS.map((k) => [k, 0])) as Record<PiiKind, number>, lengthKeptTasks: 0, annotationsChanged: 0, predictionsChanged: 0 };
  job.progress(0, total, 'redacting');
  try {
    for await (const batch of taskBatches(ctx, project.id, { signal: job.signal, what: 'the redaction' })) {
      const ids = batch.map((t) => t.id);
      const annotations = await ctx.db.kysely.selectFrom('annotations').select(['id', 'task_id', 'result']).where('task_id', 'in', ids).execute();
      const predictions = await ctx.db.kysely.selectFrom('predictions').select(['id', 'task_id', 'result']).where('task_id', 'in', ids).execute();
      const labelled = new Set([...annotations, ...predictions].map((r) => r.task_id));
      const now = ctx.now();
      const taskUpdates = batch.flatMap((task) => {
        const data = Object.fromEntries(Object.entries(task.data).map(([k, v]) => [k, mediaKeys.has(k) ? v : redactDeep(v, labelled.has(task.id) ? sameLength : options.mask, options.kinds, result.counts)]));
        const changed = Object.keys(data).some((k) => data[k] !== task.data[k]);
        if (changed && labelled.has(task.id)) result.lengthKeptTasks += 1;
        return changed ? [{ id: task.id, data: JSON.stringify(data) }] : [];
      });
      const annUpdates = annotations.flatMap((a) => {
        const redacted = redactResult(a.result, options.kinds);
        return redacted === null ? [] : [{ id: a.id, result: redacted }];
      });
      const predUpdates = predictions.flatMap((p) => {
        const redacted = redactResult(p.result, options.kinds);
        return redacted === null ? [] : [{ id: p.id, result: redacted }];
      });
      if (taskUpdates.length + annUpdates.length + predUpdates.length > 0) {
        await ctx.db.transaction(async (trx) => {
          for (const u of taskUpdates) await trx.updateTable('tasks').set({ data: u.data, updated_at: now }).where('id', '=', u.id).execute();
          for (const u of annUpdates) await trx.updateTable('annotations').set({ result: u.result, version: sql<number>`version + 1`, updated_at: now }).where('id', '=', u.id).execute();
          for (const u of predUpdates) await trx.updateTable('predictions').set({ result: u.result }).where('id', '=', u.id).execute();
        });
      }
      result.tasks += batch.length;
      result.tasksChanged += taskUpdates.length;
      result.annotationsChanged += annUpdates.length;
      result.predictionsChanged += predUpdates.length;
      job.progress(result.tasks, total, `${result.tasks} tasks read, ${result.tasksChanged} redacted`);
    }
  } finally {
    // On the record whether or not it finished: what was rewritten stays rewritten.
    if (result.tasksChanged + result.annotationsChanged + result.predictionsChanged > 0) {
      const { counts, tasksChanged, annotationsChanged, predictionsChanged, lengthKeptTasks } = result;
      await recordAudit(ctx.db.kysely, {
        organizationId: project.organization_id, projectId: project.id, actorId, action: 'pii.redact', objectType: 'job', objectId: job.id,
        data: { mask: options.mask, kinds: options.kinds ?? PII_KINDS, counts, tasksChanged, annotationsChanged, predictionsChanged, lengthKeptTasks },
      }, ctx.now());
    }
  }
  return result;
}
