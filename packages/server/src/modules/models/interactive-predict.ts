import type { LabelConfig } from '@laoshi/core';
import { scopeTask } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { LaoshiError, notFound } from '../../errors.js';
import { checkResult } from '../annotations/check-result.js';
import { callOptions, lsProjectName, targetOf } from './backend-repository.js';
import { projectLabelConfigXml } from './label-config-xml.js';
import { backendPredict } from './ml-backend-client.js';

export interface InteractiveRequest {
  /** The user's clicks, points or box, passed to the backend as params.context unchanged. */
  context?: unknown;
  /** Which of the project's backends; default the one marked interactive, else the first. */
  backendId?: number;
}

export interface InteractiveAnswer {
  backendId: number;
  modelVersion: string | null;
  score: number | null;
  /** Regions for the editor (Label Studio result items), checked against the label config. */
  result: Record<string, unknown>[];
}

/**
 * The editor's interactive mode: sends one task with the user's context to a backend and returns
 * the regions it proposes, without storing them. A short time limit
 * (LAOSHI_MODEL_INTERACTIVE_TIMEOUT_SECONDS) keeps the editor from waiting on a slow backend.
 */
export async function interactivePredict(ctx: AppContext, actor: Actor, taskId: number, request: InteractiveRequest): Promise<InteractiveAnswer> {
  const { task, project } = await scopeTask(ctx, actor, taskId, 'annotator');
  let query = ctx.db.kysely.selectFrom('model_backends').selectAll().where('project_id', '=', project.id);
  query = request.backendId !== undefined ? query.where('id', '=', request.backendId) : query.orderBy('interactive', 'desc').orderBy('id');
  const backend = await query.limit(1).executeTakeFirst();
  if (!backend) {
    if (request.backendId !== undefined) throw notFound('LAOSHI_MODEL_BACKEND_NOT_FOUND', 'model backend');
    throw new LaoshiError(404, 'LAOSHI_MODEL_BACKEND_NOT_FOUND', 'the project has no model backend; a manager can connect one in the Models tab');
  }
  const body = {
    tasks: [{ id: task.id, data: JSON.parse(task.data) as Record<string, unknown>, meta: JSON.parse(task.meta) as Record<string, unknown>, project: project.id }],
    label_config: projectLabelConfigXml(project),
    project: lsProjectName(project),
    params: { context: request.context ?? null },
  };
  const [answer] = await backendPredict(targetOf(ctx, backend), body, callOptions(ctx, { interactive: true }));
  let result: Record<string, unknown>[];
  try {
    result = checkResult(JSON.parse(project.label_config) as LabelConfig, answer!.result) as Record<string, unknown>[];
  } catch (err) {
    if (!(err instanceof LaoshiError)) throw err;
    throw new LaoshiError(502, 'LAOSHI_MODEL_BACKEND_FAILED', `model backend "${backend.title}" proposed regions that do not fit the label config: ${err.message}`);
  }
  return { backendId: backend.id, modelVersion: answer!.modelVersion ?? backend.model_version, score: answer!.score, result };
}
