import type { LabelConfig } from '@laoshi/core';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import { badRequest, notFound } from '../../errors.js';
import { decodeCursor, encodeCursor } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit-repository.js';
import { refreshGoldCount } from '../gold/gold-count.js';
import type { DuplicateKind, FoundGroup } from './duplicate-grouping.js';
import { imageKeysOf, mediaIdOf, mediaKeysOf, previewText, type Json } from './task-content.js';

const CHUNK = 500;
/** Members shown per group; "keep one" still acts on all of them. */
export const MEMBERS_SHOWN = 24;

/** Replaces the project's duplicate groups with a scan's, in one transaction (tasks deleted meanwhile are left out). */
export async function saveGroups(ctx: AppContext, project: ProjectRow, jobId: number, groups: FoundGroup[]): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx.deleteFrom('duplicate_groups').where('project_id', '=', project.id).execute();
    for (let i = 0; i < groups.length; i += CHUNK) {
      const chunk = groups.slice(i, i + CHUNK);
      // RETURNING gives rows in insertion order in both SQLite and PostgreSQL for a multi-row VALUES.
      const ids = await trx
        .insertInto('duplicate_groups')
        .values(chunk.map((g) => ({ organization_id: project.organization_id, project_id: project.id, job_id: jobId, kind: g.kind, similarity: g.similarity, size: g.taskIds.length, created_at: now })))
        .returning('id')
        .execute();
      const members = chunk.flatMap((g, j) => g.taskIds.map((taskId) => ({ group_id: ids[j]!.id, task_id: taskId, project_id: project.id })));
      for (let m = 0; m < members.length; m += CHUNK) {
        const part = members.slice(m, m + CHUNK);
        const alive = new Set((await trx.selectFrom('tasks').select('id').where('id', 'in', part.map((p) => p.task_id)).execute()).map((r) => r.id));
        const rows = part.filter((p) => alive.has(p.task_id));
        if (rows.length > 0) await trx.insertInto('duplicate_group_tasks').values(rows).execute();
      }
    }
  });
}

export interface DuplicateTaskView {
  id: number;
  annotationCount: number;
  /** Plain text, never HTML. */
  preview: string;
  /** A thumbnail or image URL to show, or null. */
  image: string | null;
}

export interface DuplicateGroupView {
  id: number;
  kind: DuplicateKind;
  similarity: number;
  /** Members now (tasks deleted since the scan are gone). */
  size: number;
  tasks: DuplicateTaskView[];
  jobId: number | null;
  createdAt: string;
}

/** A page of the project's duplicate groups that still have two or more tasks (managers). */
export async function listGroups(ctx: AppContext, actor: Actor, projectId: number, opts: { limit: number; cursor?: string | undefined; kind?: DuplicateKind | undefined }) {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const after = decodeCursor(opts.cursor);
  const rows = await ctx.db.kysely
    .selectFrom('duplicate_groups as g')
    .select(['g.id', 'g.kind', 'g.similarity', 'g.job_id', 'g.created_at'])
    .select((eb) => eb.selectFrom('duplicate_group_tasks as m').select(eb.fn.countAll<number | string>().as('n')).whereRef('m.group_id', '=', 'g.id').as('members'))
    .where('g.project_id', '=', projectId)
    .where('g.id', '>', after)
    .$if(opts.kind !== undefined, (q) => q.where('g.kind', '=', opts.kind!))
    .where((eb) => eb(eb.selectFrom('duplicate_group_tasks as m').select(eb.fn.countAll().as('n')).whereRef('m.group_id', '=', 'g.id'), '>=', 2))
    .orderBy('g.id')
    .limit(opts.limit + 1)
    .execute();
  const page = rows.slice(0, opts.limit);
  const config = JSON.parse(project.label_config) as LabelConfig;
  const mediaKeys = mediaKeysOf(config);
  const imageKeys = imageKeysOf(config);
  const items: DuplicateGroupView[] = [];
  for (const g of page) {
    const tasks = await ctx.db.kysely
      .selectFrom('duplicate_group_tasks as m')
      .innerJoin('tasks as t', 't.id', 'm.task_id')
      .select(['t.id', 't.data', 't.annotation_count'])
      .where('m.group_id', '=', g.id)
      .orderBy('m.task_id')
      .limit(MEMBERS_SHOWN)
      .execute();
    const data = tasks.map((t) => JSON.parse(t.data) as Record<string, Json>);
    const thumbs = await thumbnails(ctx, projectId, data.map((d) => imageKeys.map((k) => d[k]).find((v) => typeof v === 'string')));
    items.push({
      id: g.id, kind: g.kind, similarity: g.similarity, size: Number(g.members), jobId: g.job_id, createdAt: new Date(g.created_at).toISOString(),
      tasks: tasks.map((t, i) => ({ id: t.id, annotationCount: t.annotation_count, preview: previewText(data[i]!, mediaKeys), image: thumbs[i] ?? null })),
    });
  }
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > opts.limit && last ? encodeCursor(last.id) : null };
}

/** Image URLs for previews: stored media of the project by thumbnail, http(s) URLs as they are. */
async function thumbnails(ctx: AppContext, projectId: number, refs: unknown[]): Promise<(string | null)[]> {
  const ids = refs.map(mediaIdOf).filter((id): id is number => id !== null);
  const media = ids.length
    ? new Map((await ctx.db.kysely.selectFrom('media').select(['id', 'thumbnail_key', 'kind']).where('project_id', '=', projectId).where('id', 'in', ids).execute()).map((m) => [m.id, m]))
    : new Map<number, { id: number; thumbnail_key: string | null; kind: string }>();
  return refs.map((ref) => {
    const id = mediaIdOf(ref);
    if (id !== null) {
      const m = media.get(id);
      return m && m.kind === 'image' ? `/api/media/${id}${m.thumbnail_key ? '/thumbnail' : ''}` : null;
    }
    return typeof ref === 'string' && /^https:\/\//i.test(ref) ? ref : null;
  });
}

export interface KeepResult {
  kept: number;
  deleted: number[];
  /** Tasks left because they have annotations (send force to delete them too). */
  skipped: number[];
}

/**
 * "Keep this one": deletes the other tasks of a duplicate group (managers), except those with
 * annotations or drafts unless `force`; audited. The group goes once one task is left.
 */
export async function keepOne(ctx: AppContext, actor: Actor, projectId: number, groupId: number, taskId: number, force: boolean): Promise<KeepResult> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const group = await ctx.db.kysely.selectFrom('duplicate_groups').select('id').where('id', '=', groupId).where('project_id', '=', projectId).executeTakeFirst();
  if (!group) throw notFound('LAOSHI_DUPLICATE_GROUP_NOT_FOUND', 'duplicate group');
  const members = (await ctx.db.kysely.selectFrom('duplicate_group_tasks').select('task_id').where('group_id', '=', groupId).orderBy('task_id').execute()).map((m) => m.task_id);
  if (!members.includes(taskId)) throw badRequest(`taskId: task ${taskId} is not in duplicate group ${groupId}`, 'taskId');
  const others = members.filter((id) => id !== taskId);
  const annotated = new Set<number>();
  for (let i = 0; i < others.length; i += CHUNK) {
    const rows = await ctx.db.kysely.selectFrom('annotations').select('task_id').distinct().where('task_id', 'in', others.slice(i, i + CHUNK)).execute();
    rows.forEach((r) => annotated.add(r.task_id));
  }
  const deleted = force ? others : others.filter((id) => !annotated.has(id));
  const skipped = force ? [] : others.filter((id) => annotated.has(id));
  await ctx.db.transaction(async (trx) => {
    for (let i = 0; i < deleted.length; i += CHUNK) await trx.deleteFrom('tasks').where('project_id', '=', projectId).where('id', 'in', deleted.slice(i, i + CHUNK)).execute();
    if (project.gold_count > 0) await refreshGoldCount(trx, projectId);
    if (skipped.length === 0) await trx.deleteFrom('duplicate_groups').where('id', '=', groupId).execute();
    await recordAudit(trx, {
      organizationId: project.organization_id, projectId, actorId: actor.id, action: 'duplicates.keep', objectType: 'task', objectId: taskId,
      data: { groupId, force, deletedCount: deleted.length, deleted: deleted.slice(0, 1000), skipped: skipped.slice(0, 1000) },
    }, ctx.now());
  });
  return { kept: taskId, deleted, skipped };
}
