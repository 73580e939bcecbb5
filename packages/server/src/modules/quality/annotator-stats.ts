import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { consensusByTask, peopleOf, submittedByTask, type SubmittedAnnotation } from './analysis-data.js';
import { computeAgreement } from './agreement-service.js';

export interface AnnotatorStats {
  userId: number;
  name: string;
  email: string;
  /** Submitted annotations (each is one task done). */
  tasksDone: number;
  /** Seconds: the lead time the client sent, else lock (or first draft) → submit, summed over timed annotations. */
  timeSpentSeconds: number;
  timedTasks: number;
  /** Timed tasks per hour of their time; null without timed tasks. */
  throughputPerHour: number | null;
  /** Annotations reviewed at least once. */
  reviewed: number;
  /** Reject reviews / all reviews of their annotations; null if none reviewed. */
  rejectionRate: number | null;
  /** Annotations accepted at their first review / annotations reviewed. */
  firstPassAcceptanceRate: number | null;
  goldScored: number;
  /** Mean gold score in [0, 1]; null without gold scores. */
  goldAccuracy: number | null;
  /** Mean agreement with each other annotator they share tasks with (the project's default agreement metric); null if none. */
  agreement: number | null;
  agreementMetric: string | null;
  /** Agreement with the consensus on the tasks that have one (same metric); null without consensus. */
  consensusAgreement: number | null;
}

// Longer than this between lock and submit is an abandoned tab, not work.
const MAX_TIMED_SECONDS = 4 * 3600;

/** Per-annotator speed and quality of a project (managers): the numbers behind payroll and coaching. */
export async function annotatorStats(ctx: AppContext, actor: Actor, projectId: number): Promise<AnnotatorStats[]> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const db = ctx.db.kysely;
  const [annotations, reviews, gold, members] = await Promise.all([
    db
      .selectFrom('annotations')
      .select(['id', 'completed_by', 'lead_time', 'started_at', 'submitted_at'])
      .where('project_id', '=', projectId)
      .where('is_draft', '=', 0)
      .where('completed_by', 'is not', null)
      .where('source', '<>', 'consensus')
      .execute(),
    db
      .selectFrom('reviews as r')
      .innerJoin('annotations as a', 'a.id', 'r.annotation_id')
      .select(['r.annotation_id', 'r.action', 'a.completed_by'])
      .where('r.project_id', '=', projectId)
      .where('a.completed_by', 'is not', null)
      .orderBy('r.id')
      .execute(),
    db.selectFrom('gold_scores').select(['user_id', 'score']).where('project_id', '=', projectId).execute(),
    db.selectFrom('project_members').select('user_id').where('project_id', '=', projectId).where('role', '=', 'annotator').execute(),
  ]);

  type Tally = { done: number; seconds: number; timed: number; reviewed: Set<number>; rejects: number; reviews: number; firstPass: Map<number, boolean>; gold: number[] };
  const tallies = new Map<number, Tally>();
  const tally = (userId: number) => {
    let t = tallies.get(userId);
    if (!t) tallies.set(userId, (t = { done: 0, seconds: 0, timed: 0, reviewed: new Set(), rejects: 0, reviews: 0, firstPass: new Map(), gold: [] }));
    return t;
  };
  for (const m of members) tally(m.user_id);
  for (const a of annotations) {
    const t = tally(a.completed_by!);
    t.done += 1;
    const seconds = a.lead_time ?? (a.started_at !== null && a.submitted_at !== null ? (a.submitted_at - a.started_at) / 1000 : null);
    if (seconds !== null && seconds >= 0 && seconds <= MAX_TIMED_SECONDS) {
      t.seconds += seconds;
      t.timed += 1;
    }
  }
  for (const r of reviews) {
    const t = tally(r.completed_by!);
    t.reviews += 1;
    if (r.action === 'reject') t.rejects += 1;
    t.reviewed.add(r.annotation_id);
    // Reviews come in id order, so the first one seen is the first pass.
    if (!t.firstPass.has(r.annotation_id)) t.firstPass.set(r.annotation_id, r.action === 'accept');
  }
  for (const g of gold) if (g.score !== null) tally(g.user_id).gold.push(g.score);

  const submitted = await submittedByTask(ctx, project.id);
  const agreement = await agreementByAnnotator(ctx, project, submitted);
  const withConsensus = await consensusAgreementByAnnotator(ctx, project, submitted);
  const people = await peopleOf(ctx, [...tallies.keys()]);
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return [...tallies]
    .sort((a, b) => a[0] - b[0])
    .map(([userId, t]) => ({
      userId,
      name: people.get(userId)?.name ?? '',
      email: people.get(userId)?.email ?? '',
      tasksDone: t.done,
      timeSpentSeconds: t.seconds,
      timedTasks: t.timed,
      throughputPerHour: t.seconds > 0 ? t.timed / (t.seconds / 3600) : null,
      reviewed: t.reviewed.size,
      rejectionRate: t.reviews > 0 ? t.rejects / t.reviews : null,
      firstPassAcceptanceRate: t.firstPass.size > 0 ? [...t.firstPass.values()].filter(Boolean).length / t.firstPass.size : null,
      goldScored: t.gold.length,
      goldAccuracy: mean(t.gold),
      agreement: mean(agreement.byUser.get(userId) ?? []),
      agreementMetric: agreement.metric,
      consensusAgreement: withConsensus.get(userId) ?? null,
    }));
}

/** Each annotator's pairwise agreement values with the others, on the project's default control and metric. */
async function agreementByAnnotator(ctx: AppContext, project: Parameters<typeof computeAgreement>[1], submitted: Map<number, SubmittedAnnotation[]>): Promise<{ metric: string | null; byUser: Map<number, number[]> }> {
  const byUser = new Map<number, number[]>();
  let report;
  try {
    report = await computeAgreement(ctx, project, { limit: 0 }, submitted);
  } catch (err) {
    // A label config with nothing agreement can measure (e.g. only text areas) has no agreement column.
    if ((err as { statusCode?: number }).statusCode === 400) return { metric: null, byUser };
    throw err;
  }
  for (const p of report.pairs) {
    if (p.value === null) continue;
    for (const id of p.annotators) byUser.set(id, [...(byUser.get(id) ?? []), p.value]);
  }
  return { metric: report.metric, byUser };
}

/** Stands for the consensus as one more "annotator" when agreement is computed against it. */
const CONSENSUS_ID = 0;

/**
 * Each annotator's agreement with the consensus (the project's default control and metric), on the
 * tasks that have one: the consensus joins every such task as an extra annotator and its pairs are read.
 */
async function consensusAgreementByAnnotator(ctx: AppContext, project: Parameters<typeof computeAgreement>[1], submitted: Map<number, SubmittedAnnotation[]>): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const consensus = await consensusByTask(ctx, project.id);
  if (consensus.size === 0) return out;
  const byTask = new Map<number, SubmittedAnnotation[]>();
  for (const [taskId, list] of submitted) {
    const result = consensus.get(taskId);
    if (result) byTask.set(taskId, [...list, { id: -taskId, taskId, userId: CONSENSUS_ID, result }]);
  }
  let report;
  try {
    report = await computeAgreement(ctx, project, { limit: 0 }, byTask);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 400) return out;
    throw err;
  }
  for (const p of report.pairs) {
    if (p.value === null || !p.annotators.includes(CONSENSUS_ID)) continue;
    const other = p.annotators.find((id) => id !== CONSENSUS_ID);
    if (other !== undefined) out.set(other, p.value);
  }
  return out;
}

