import { LabelConfigError, parseLabelConfig, type LabelConfig } from '@laoshi/core';
import { sql } from 'kysely';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ProjectRole, ProjectRow } from '../../db/schema.js';
import { LaoshiError, badRequest, notFound } from '../../errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit-repository.js';
import { releaseSlots } from '../tasks/task-slots.js';

export interface ProjectView {
  id: number;
  title: string;
  description: string;
  labelConfig: LabelConfig;
  labelConfigXml: string | null;
  overlap: number;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  /** The caller's role in the project. */
  role: ProjectRole;
  counts: { tasks: number; labeled: number };
}

type CountedProject = ProjectRow & { task_count: number | string | bigint | null; labeled_count: number | string | bigint | null };

function toView(row: CountedProject, role: ProjectRole): ProjectView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    labelConfig: JSON.parse(row.label_config) as LabelConfig,
    labelConfigXml: row.label_config_xml,
    overlap: row.overlap,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    role,
    counts: { tasks: Number(row.task_count), labeled: Number(row.labeled_count ?? 0) },
  };
}

/** Parses a label config given as JSON or Label Studio XML; 400 LAOSHI_INVALID_LABEL_CONFIG naming the field or line. */
export function readLabelConfig(input: unknown): { config: LabelConfig; xml: string | null } {
  try {
    const config = parseLabelConfig(input);
    return { config, xml: typeof input === 'string' && input.trimStart().startsWith('<') ? input : null };
  } catch (err) {
    if (!(err instanceof LabelConfigError)) throw err;
    const where = err.line ? ` (line ${err.line})` : '';
    const field = err.field ? `labelConfig.${err.field}` : 'labelConfig';
    throw new LaoshiError(400, 'LAOSHI_INVALID_LABEL_CONFIG', `labelConfig: ${err.message}${where}`, field, err.line ? { line: err.line } : undefined);
  }
}

function checkOverlap(overlap: number | undefined): void {
  if (overlap !== undefined && (!Number.isInteger(overlap) || overlap < 1 || overlap > 100)) {
    throw badRequest('overlap must be an integer from 1 to 100', 'overlap');
  }
}

const counted = (ctx: AppContext) =>
  ctx.db.kysely
    .selectFrom('projects')
    .selectAll('projects')
    .select((eb) => [
      eb.selectFrom('tasks').select(eb.fn.countAll().as('c')).whereRef('tasks.project_id', '=', 'projects.id').as('task_count'),
      eb.selectFrom('tasks').select(eb.fn.countAll().as('c')).whereRef('tasks.project_id', '=', 'projects.id').where('tasks.is_labeled', '=', 1).as('labeled_count'),
    ]);

export interface NewProjectInput {
  title: string;
  description?: string;
  labelConfig: unknown;
  overlap?: number;
}

/** Creates a project in the actor's organization; the creator becomes its manager. */
export async function createProject(ctx: AppContext, actor: Actor, input: NewProjectInput): Promise<number> {
  const title = input.title.trim();
  if (!title) throw badRequest('title must not be empty', 'title');
  checkOverlap(input.overlap);
  const { config, xml } = readLabelConfig(input.labelConfig);
  const now = ctx.now();
  return ctx.db.transaction(async (trx) => {
    const row = await trx
      .insertInto('projects')
      .values({
        organization_id: actor.organizationId,
        title,
        description: input.description ?? '',
        label_config: JSON.stringify(config),
        label_config_xml: xml,
        overlap: input.overlap ?? 1,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('project_members').values({ project_id: row.id, user_id: actor.id, role: 'manager', created_at: now }).execute();
    await recordAudit(trx, { organizationId: actor.organizationId, projectId: row.id, actorId: actor.id, action: 'project.create', objectType: 'project', objectId: row.id, data: { title } }, now);
    return row.id;
  });
}

/** One project with its counts, as the caller sees it. */
export async function getProject(ctx: AppContext, actor: Actor, projectId: number): Promise<ProjectView> {
  const { role } = await scopeProject(ctx, actor, projectId, 'annotator');
  const row = await counted(ctx).where('projects.id', '=', projectId).executeTakeFirstOrThrow();
  return toView(row, role);
}

/** The projects the caller belongs to (all of the organization's for its admins), by id. */
export async function listProjects(ctx: AppContext, actor: Actor, limit: number, cursor?: string) {
  const after = decodeCursor(cursor);
  const isAdmin = actor.orgRole === 'admin';
  const rows = await counted(ctx)
    .leftJoin('project_members as m', (j) => j.onRef('m.project_id', '=', 'projects.id').on('m.user_id', '=', actor.id))
    .select('m.role as member_role')
    .where('projects.organization_id', '=', actor.organizationId)
    .$if(!isAdmin, (q) => q.where('m.role', 'is not', null))
    .where('projects.id', '>', after)
    .orderBy('projects.id')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, (r) => toView(r, isAdmin ? 'manager' : (r.member_role as ProjectRole)));
}

export interface ProjectPatch {
  title?: string;
  description?: string;
  labelConfig?: unknown;
  overlap?: number;
}

/** Changes a project (managers). A new overlap re-marks which tasks are fully labeled. */
export async function updateProject(ctx: AppContext, actor: Actor, projectId: number, patch: ProjectPatch): Promise<ProjectView> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  checkOverlap(patch.overlap);
  if (patch.title !== undefined && !patch.title.trim()) throw badRequest('title must not be empty', 'title');
  const parsed = patch.labelConfig !== undefined ? readLabelConfig(patch.labelConfig) : null;
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx
      .updateTable('projects')
      .set({
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(parsed ? { label_config: JSON.stringify(parsed.config), label_config_xml: parsed.xml } : {}),
        ...(patch.overlap !== undefined ? { overlap: patch.overlap } : {}),
        updated_at: now,
      })
      .where('id', '=', projectId)
      .execute();
    if (patch.overlap !== undefined && patch.overlap !== project.overlap) {
      await trx
        .updateTable('tasks')
        .set({
          is_labeled: sql<number>`case when annotation_count >= ${patch.overlap} then 1 else 0 end`,
          is_open: sql<number>`case when annotation_count + reserved < ${patch.overlap} then 1 else 0 end`,
        })
        .where('project_id', '=', projectId)
        .execute();
    }
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'project.update', objectType: 'project', objectId: projectId, data: { changed: Object.keys(patch) } }, now);
  });
  return getProject(ctx, actor, projectId);
}

/** Deletes a project with its tasks and annotations (managers). */
export async function deleteProject(ctx: AppContext, actor: Actor, projectId: number): Promise<void> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx.deleteFrom('projects').where('id', '=', projectId).execute();
    await recordAudit(trx, { organizationId: project.organization_id, projectId: null, actorId: actor.id, action: 'project.delete', objectType: 'project', objectId: projectId, data: { title: project.title } }, now);
  });
}

export interface MemberView {
  userId: number;
  email: string;
  name: string;
  role: ProjectRole;
  addedAt: string;
}

/** The project's members (any member may see who works on it). */
export async function listMembers(ctx: AppContext, actor: Actor, projectId: number): Promise<MemberView[]> {
  await scopeProject(ctx, actor, projectId, 'annotator');
  const rows = await ctx.db.kysely
    .selectFrom('project_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.role', 'm.created_at', 'u.email', 'u.name'])
    .where('m.project_id', '=', projectId)
    .orderBy('m.user_id')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, role: r.role, addedAt: new Date(r.created_at).toISOString() }));
}

/** Adds a member of the same organization, or changes their role (managers). */
export async function setMember(ctx: AppContext, actor: Actor, projectId: number, userId: number, role: ProjectRole): Promise<void> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const user = await ctx.db.kysely.selectFrom('users').select(['id', 'organization_id']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.organization_id !== project.organization_id) {
    throw new LaoshiError(404, 'LAOSHI_USER_NOT_FOUND', 'user not found in this organization', 'userId');
  }
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx
      .insertInto('project_members')
      .values({ project_id: projectId, user_id: userId, role, created_at: now })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
      .execute();
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'member.set', objectType: 'user', objectId: userId, data: { role } }, now);
  });
}

/** Removes a member (managers); their annotations stay. */
export async function removeMember(ctx: AppContext, actor: Actor, projectId: number, userId: number): Promise<void> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    const res = await trx.deleteFrom('project_members').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
    if (res.numDeletedRows === 0n) throw notFound('LAOSHI_MEMBER_NOT_FOUND', 'member');
    const released = await trx.deleteFrom('task_locks').where('project_id', '=', projectId).where('user_id', '=', userId).returning('task_id').execute();
    await releaseSlots(trx, released.map((l) => l.task_id), now);
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'member.remove', objectType: 'user', objectId: userId }, now);
  });
}
