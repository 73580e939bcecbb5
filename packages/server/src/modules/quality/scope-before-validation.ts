import type { FastifyRequest } from 'fastify';
import { roleAtLeast, scopeAnnotation, scopeProject, scopeTask } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { ProjectRole } from '../../db/schema.js';
import { forbidden } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';

/**
 * A preValidation hook that scopes the `:id` of a route before its body and query are validated,
 * so a caller who may not see the object gets 404 (or 403 for a role too low) rather than a 400
 * that would confirm the route works on it. Handlers scope again with what they need.
 */
export function scopeBeforeValidation(ctx: AppContext, kind: 'project' | 'task' | 'annotation', min: ProjectRole) {
  return async (request: FastifyRequest): Promise<void> => {
    const raw = (request.params as Record<string, unknown> | undefined)?.id;
    const id = Number(raw);
    // A malformed id is left to the params schema, which answers 400 naming it.
    if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) return;
    const actor = actorOf(request);
    if (kind === 'project') await scopeProject(ctx, actor, id, min);
    else if (kind === 'task') await scopeTask(ctx, actor, id, min);
    else {
      const { role } = await scopeAnnotation(ctx, actor, id);
      if (!roleAtLeast(role, min)) throw forbidden(`this needs the ${min} role in the project`);
    }
  };
}
