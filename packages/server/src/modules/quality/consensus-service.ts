import { GeometryError, type AgreementLabel, type LabelConfig, type TiePolicy } from '@laoshi/core';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { LaoshiError } from '../../errors.js';
import { checkResult } from '../annotations/check-result.js';
import { recordAudit } from '../audit/audit-repository.js';
import { refreshGoldCount } from '../gold/gold-count.js';
import { submittedByTask } from './analysis-data.js';
import { CONSENSUS_MODEL_PREFIX } from './consensus-marker.js';
import { consensusResult, dawidSkeneLabels, type ConsensusMethod } from './consensus-result.js';
import { controlsOf } from './control-answers.js';

export interface ConsensusRequest {
  method: ConsensusMethod;
  storeAs: 'prediction' | 'annotation';
  tie?: TiePolicy;
  threshold?: number;
  minAnnotations?: number;
}

export interface ConsensusOutcome {
  method: ConsensusMethod;
  storeAs: 'prediction' | 'annotation';
  /** Tasks with at least minAnnotations submitted annotations. */
  tasks: number;
  stored: { taskId: number; id: number }[];
  skipped: { taskId: number; reason: string }[];
}

const CHUNK = 200;

/**
 * Merges every task's submitted annotations into one result (managers) and stores it as a
 * prediction (model_version "consensus:<method>", hidden from annotators) or as an accepted
 * annotation of source 'consensus' with no annotator, replacing the task's previous consensus.
 * Classification controls take a majority vote (tie policy) or Dawid–Skene over the project;
 * boxes and polygons cluster by IoU with a label vote; spans keep what a majority marked.
 */
export async function runConsensus(ctx: AppContext, actor: Actor, projectId: number, request: ConsensusRequest): Promise<ConsensusOutcome> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const config = JSON.parse(project.label_config) as LabelConfig;
  const controls = controlsOf(config).filter((c) => c.kind === 'classification' || c.kind === 'region' || c.kind === 'span');
  if (controls.length === 0) throw new LaoshiError(400, 'LAOSHI_VALIDATION', 'the label config has no control consensus can merge (classification, boxes, polygons, spans)', 'method');
  const options = { method: request.method, tie: request.tie ?? 'none', threshold: request.threshold ?? 0.5 };
  const minAnnotations = request.minAnnotations ?? 2;
  const byTask = new Map([...(await submittedByTask(ctx, projectId))].filter(([, list]) => list.length >= minAnnotations));
  const estimated = new Map<string, Map<number, AgreementLabel>>();
  if (request.method === 'dawid-skene') for (const c of controls) if (c.kind === 'classification') estimated.set(c.name, dawidSkeneLabels(byTask, c));

  const merged: { taskId: number; result: unknown[] }[] = [];
  const skipped: ConsensusOutcome['skipped'] = [];
  for (const [taskId, list] of byTask) {
    try {
      const result = consensusResult(list, controls, options, estimated, taskId);
      merged.push({ taskId, result: checkResult(config, result) });
    } catch (err) {
      if (!(err instanceof GeometryError) && !(err instanceof LaoshiError)) throw err;
      skipped.push({ taskId, reason: err.message });
    }
  }

  const now = ctx.now();
  const stored: ConsensusOutcome['stored'] = [];
  for (let i = 0; i < merged.length; i += CHUNK) {
    const chunk = merged.slice(i, i + CHUNK);
    const taskIds = chunk.map((m) => m.taskId);
    await ctx.db.transaction(async (trx) => {
      if (request.storeAs === 'prediction') {
        await trx.deleteFrom('predictions').where('task_id', 'in', taskIds).where('model_version', 'like', `${CONSENSUS_MODEL_PREFIX}%`).execute();
        const rows = await trx
          .insertInto('predictions')
          .values(chunk.map((m) => ({ task_id: m.taskId, project_id: projectId, result: JSON.stringify(m.result), score: null, model_version: `${CONSENSUS_MODEL_PREFIX}${request.method}`, created_at: now })))
          .returning(['id', 'task_id'])
          .execute();
        stored.push(...rows.map((r) => ({ taskId: r.task_id, id: r.id })));
      } else {
        await trx.deleteFrom('annotations').where('task_id', 'in', taskIds).where('source', '=', 'consensus').execute();
        const rows = await trx
          .insertInto('annotations')
          .values(chunk.map((m) => ({ task_id: m.taskId, project_id: projectId, completed_by: null, result: JSON.stringify(m.result), is_draft: 0, version: 1, lead_time: null, source: 'consensus' as const, review_state: 'accepted' as const, submitted_at: now, created_at: now, updated_at: now })))
          .returning(['id', 'task_id'])
          .execute();
        stored.push(...rows.map((r) => ({ taskId: r.task_id, id: r.id })));
        // A replaced consensus annotation may have been gold.
        if (project.gold_count > 0) await refreshGoldCount(trx, projectId);
      }
    });
  }
  await ctx.db.transaction((trx) =>
    recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'consensus.run', objectType: 'project', objectId: projectId, data: { method: request.method, storeAs: request.storeAs, stored: stored.length, skipped: skipped.length } }, now),
  );
  return { method: request.method, storeAs: request.storeAs, tasks: byTask.size, stored: stored.sort((a, b) => a.taskId - b.taskId), skipped: skipped.slice(0, 100) };
}
