import { scopeProject, type ProjectAccess } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ErrorCode } from '../../errors.js';
import { LaoshiError, notFound } from '../../errors.js';
import type { ProjectRole } from '../../db/schema.js';

/**
 * Scopes an object that belongs to a project (a backend, a model version, a model file): the
 * caller must reach its project with role `min`; a caller who may not see the project gets the
 * object's own 404, so its existence is never revealed.
 */
export async function scopeProjectObject(ctx: AppContext, actor: Actor, projectId: number | undefined, min: ProjectRole, code: ErrorCode, what: string): Promise<ProjectAccess> {
  if (projectId === undefined) throw notFound(code, what);
  try {
    return await scopeProject(ctx, actor, projectId, min);
  } catch (err) {
    if (err instanceof LaoshiError && err.statusCode === 404) throw notFound(code, what);
    throw err;
  }
}
