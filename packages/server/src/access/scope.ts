import type { Actor, AppContext } from '../context.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { AnnotationRow, ProjectRole, ProjectRow, TaskRow } from '../db/schema.js';
import { forbidden, notFound } from '../errors.js';

// WARNING: every read and write of project data goes through these functions. A caller who is
// not a member (or is in another organization) gets 404 — never the object, never a hint that
// it exists. A member whose role is too low gets 403.

const RANK: Record<ProjectRole, number> = { annotator: 1, reviewer: 2, manager: 3 };

/** True when `role` is at least `min`. */
export const roleAtLeast = (role: ProjectRole, min: ProjectRole): boolean => RANK[role] >= RANK[min];

export interface ProjectAccess {
  project: ProjectRow;
  role: ProjectRole;
}

function effectiveRole(actor: Actor, organizationId: number, memberRole: ProjectRole | null): ProjectRole | null {
  if (organizationId !== actor.organizationId) return null;
  if (actor.orgRole === 'admin') return 'manager';
  return memberRole;
}

function check(actor: Actor, project: ProjectRow, memberRole: ProjectRole | null, min: ProjectRole): ProjectRole {
  const role = effectiveRole(actor, project.organization_id, memberRole);
  if (!role) throw notFound('LAOSHI_PROJECT_NOT_FOUND', 'project');
  if (!roleAtLeast(role, min)) throw forbidden(`this needs the ${min} role in the project`);
  return role;
}

const projectWithMembership = preparedQuery((db, _dialect, projectId: number, userId: number) =>
  db
    .selectFrom('projects')
    .leftJoin('project_members as m', (j) => j.onRef('m.project_id', '=', 'projects.id').on('m.user_id', '=', userId))
    .selectAll('projects')
    .select('m.role as member_role')
    .where('projects.id', '=', projectId),
);

const taskWithMembership = preparedQuery((db, _dialect, taskId: number, userId: number) =>
  db
    .selectFrom('tasks')
    .innerJoin('projects', 'projects.id', 'tasks.project_id')
    .leftJoin('project_members as m', (j) => j.onRef('m.project_id', '=', 'projects.id').on('m.user_id', '=', userId))
    .selectAll('projects')
    .select(['tasks.data', 'tasks.meta', 'tasks.annotation_count', 'tasks.is_labeled', 'tasks.reserved', 'tasks.is_open', 'tasks.created_at as task_created_at', 'tasks.updated_at as task_updated_at', 'm.role as member_role'])
    .where('tasks.id', '=', taskId),
);

/** Loads a project the actor may act on with at least role `min`. */
export async function scopeProject(ctx: AppContext, actor: Actor, projectId: number, min: ProjectRole): Promise<ProjectAccess> {
  const row = (await projectWithMembership(ctx.db.kysely, projectId, actor.id)).rows[0];
  if (!row) throw notFound('LAOSHI_PROJECT_NOT_FOUND', 'project');
  const { member_role, ...project } = row;
  return { project, role: check(actor, project, member_role, min) };
}

/** Loads a task (and its project) the actor may act on with at least role `min`; one query. */
export async function scopeTask(ctx: AppContext, actor: Actor, taskId: number, min: ProjectRole): Promise<ProjectAccess & { task: TaskRow }> {
  const row = (await taskWithMembership(ctx.db.kysely, taskId, actor.id)).rows[0];
  // Do not reveal that the task exists when the caller may not see its project.
  if (!row || !effectiveRole(actor, row.organization_id, row.member_role)) throw notFound('LAOSHI_TASK_NOT_FOUND', 'task');
  const { data, meta, annotation_count, is_labeled, reserved, is_open, task_created_at, task_updated_at, member_role, ...project } = row;
  const task: TaskRow = { id: taskId, project_id: project.id, data, meta, annotation_count, is_labeled, reserved, is_open, created_at: task_created_at, updated_at: task_updated_at };
  return { task, project, role: check(actor, project, member_role, min) };
}

/** Loads an annotation the actor may see: their own, or any in a project where they review or manage. */
export async function scopeAnnotation(ctx: AppContext, actor: Actor, annotationId: number): Promise<ProjectAccess & { annotation: AnnotationRow }> {
  const annotation = await ctx.db.kysely.selectFrom('annotations').selectAll().where('id', '=', annotationId).executeTakeFirst();
  if (!annotation) throw notFound('LAOSHI_ANNOTATION_NOT_FOUND', 'annotation');
  let access: ProjectAccess;
  try {
    access = await scopeProject(ctx, actor, annotation.project_id, 'annotator');
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) throw notFound('LAOSHI_ANNOTATION_NOT_FOUND', 'annotation');
    throw err;
  }
  // Blind labeling: annotators never see each other's work (not even that it exists).
  if (!roleAtLeast(access.role, 'reviewer') && annotation.completed_by !== actor.id) throw notFound('LAOSHI_ANNOTATION_NOT_FOUND', 'annotation');
  return { ...access, annotation };
}
