import type { LabelConfig, ObjectType, ResultItem } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import { LaoshiError, badRequest } from '../../errors.js';

/** What a built-in classifier learns: one choices control on one object, read from a data key. */
export interface TrainingTarget {
  fromName: string;
  toName: string;
  objectType: ObjectType;
  /** The task data key the object shows ("$text" → "text"). */
  dataKey: string;
  /** The control's choices, in config order: the model's labels. */
  labels: string[];
}

/** The choices control named `fromName` (or the first one) on an object of an allowed type; 400 otherwise. */
export function trainingTarget(config: LabelConfig, fromName: string | undefined, objectTypes: readonly ObjectType[]): TrainingTarget {
  const candidates = config.controls.flatMap((control) => {
    if (control.type !== 'choices') return [];
    const object = config.objects.find((o) => o.name === control.toName[0]);
    return object && objectTypes.includes(object.type) ? [{ control, object }] : [];
  });
  const found = fromName === undefined ? candidates[0] : candidates.find((c) => c.control.name === fromName);
  if (!found) {
    const what = `a choices control on ${objectTypes.join(' or ')}`;
    throw badRequest(fromName === undefined ? `the label config has no ${what}` : `fromName: "${fromName}" is not ${what}`, 'fromName');
  }
  const labels = found.control.type === 'choices' ? found.control.choices.map((c) => c.value) : [];
  if (labels.length < 2) throw badRequest(`fromName: control "${found.control.name}" needs at least two choices to learn`, 'fromName');
  return { fromName: found.control.name, toName: found.object.name, objectType: found.object.type, dataKey: found.object.value.slice(1), labels };
}

/** The value of a task's data key (a dotted path is followed, as Label Studio does for "$a.b"). */
export function dataValue(data: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(data, key)) return data[key];
  let value: unknown = data;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A task with the label its annotators gave. */
export interface LabeledTask {
  taskId: number;
  label: string;
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
}

interface Vote {
  label: string;
  accepted: boolean;
  at: number;
}

/** The single choice an annotation made on the target control, or null. */
function choiceOf(result: ResultItem[], target: TrainingTarget): string | null {
  const choices = result.flatMap((item) => (item.type === 'choices' && item.from_name === target.fromName ? item.value.choices : []));
  const distinct = [...new Set(choices)];
  return distinct.length === 1 && target.labels.includes(distinct[0]!) ? distinct[0]! : null;
}

/** Accepted answers outvote the rest; then the majority; a tie goes to the latest answer. */
function decide(votes: Vote[]): string {
  const pool = votes.some((v) => v.accepted) ? votes.filter((v) => v.accepted) : votes;
  const tally = new Map<string, { n: number; at: number }>();
  for (const v of pool) {
    const t = tally.get(v.label) ?? { n: 0, at: 0 };
    tally.set(v.label, { n: t.n + 1, at: Math.max(t.at, v.at) });
  }
  return [...tally].sort((a, b) => b[1].n - a[1].n || b[1].at - a[1].at)[0]![0];
}

const PAGE = 5000;

/**
 * Every task of the project with a label on the target control, in task id order: submitted
 * annotations that were not rejected (accepted ones first, see `decide`). Annotations choosing
 * several labels, or none, are left out.
 * WARNING: holds the labelled tasks in memory; fine up to a few hundred thousand.
 */
export async function labeledTasks(ctx: AppContext, projectId: number, target: TrainingTarget): Promise<LabeledTask[]> {
  const votes = new Map<number, Vote[]>();
  let after = 0;
  for (;;) {
    const rows = await ctx.db.kysely
      .selectFrom('annotations')
      .select(['id', 'task_id', 'result', 'review_state', 'updated_at'])
      .where('project_id', '=', projectId)
      .where('is_draft', '=', 0)
      .where('review_state', '<>', 'rejected')
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      const label = choiceOf(JSON.parse(r.result) as ResultItem[], target);
      if (label === null) continue;
      const list = votes.get(r.task_id) ?? [];
      list.push({ label, accepted: r.review_state === 'accepted', at: r.updated_at });
      votes.set(r.task_id, list);
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  const ids = [...votes.keys()].sort((a, b) => a - b);
  const out: LabeledTask[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const tasks = await ctx.db.kysely.selectFrom('tasks').select(['id', 'data', 'meta']).where('id', 'in', chunk).orderBy('id').execute();
    for (const t of tasks) out.push({ taskId: t.id, label: decide(votes.get(t.id)!), data: JSON.parse(t.data) as Record<string, unknown>, meta: JSON.parse(t.meta) as Record<string, unknown> });
  }
  return out;
}

/** 400 unless the examples hold at least two labels (a classifier needs something to tell apart). */
export function checkEnoughLabels(examples: readonly { label: string }[]): void {
  const labels = new Set(examples.map((e) => e.label));
  if (examples.length < 2 || labels.size < 2) {
    throw new LaoshiError(400, 'LAOSHI_TRAINING_DATA_INSUFFICIENT', `training needs labelled tasks of at least two labels; the project has ${examples.length} labelled task(s) with ${labels.size} label(s)`);
  }
}
