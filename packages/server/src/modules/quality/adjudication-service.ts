import type { LabelConfig } from '@laoshi/core';
import { scopeTask } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { badRequest } from '../../errors.js';
import { checkResult } from '../annotations/check-result.js';
import { recordAudit } from '../audit/audit-repository.js';
import { refreshGoldCount } from '../gold/gold-count.js';

export interface AdjudicationInput {
  /** The merged final result (Label Studio items). */
  result: unknown[];
  /** The annotations it was picked or merged from (kept in the audit trail). */
  fromAnnotationIds?: number[];
}

/**
 * Stores a reviewer's or manager's adjudicated result for one task as the task's consensus
 * annotation (source 'consensus', accepted, no annotator), replacing any earlier consensus of
 * the task — as POST /api/projects/:id/consensus does for every task at once, but with the
 * result a person picked or merged in the adjudication view. It takes no slot of the task.
 */
export async function adjudicateTask(ctx: AppContext, actor: Actor, taskId: number, input: AdjudicationInput): Promise<{ taskId: number; annotationId: number; replaced: number }> {
  const { project } = await scopeTask(ctx, actor, taskId, 'reviewer');
  const result = checkResult(JSON.parse(project.label_config) as LabelConfig, input.result);
  const from = [...new Set(input.fromAnnotationIds ?? [])];
  const now = ctx.now();
  return ctx.db.transaction(async (trx) => {
    if (from.length > 0) {
      const found = await trx.selectFrom('annotations').select('id').where('task_id', '=', taskId).where('id', 'in', from).execute();
      const missing = from.find((id) => !found.some((f) => f.id === id));
      if (missing !== undefined) throw badRequest(`fromAnnotationIds: annotation ${missing} is not an annotation of task ${taskId}`, 'fromAnnotationIds');
    }
    const replaced = await trx.deleteFrom('annotations').where('task_id', '=', taskId).where('source', '=', 'consensus').returning('id').execute();
    const row = await trx
      .insertInto('annotations')
      .values({ task_id: taskId, project_id: project.id, completed_by: null, result: JSON.stringify(result), is_draft: 0, version: 1, lead_time: null, source: 'consensus', review_state: 'accepted', started_at: null, submitted_at: now, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A replaced consensus annotation may have been gold (its gold row went with it).
    if (replaced.length > 0 && project.gold_count > 0) await refreshGoldCount(trx, project.id);
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'task.adjudicate', objectType: 'annotation', objectId: row.id, data: { taskId, from, replaced: replaced.map((r) => r.id) } }, now);
    return { taskId, annotationId: row.id, replaced: replaced.length };
  });
}
