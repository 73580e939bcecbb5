import type { ResultItem } from '@laoshi/core';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { peopleOf, submittedByTask } from './analysis-data.js';

/**
 * A stretch longer than this without any action the server recorded (a task handed out, a draft
 * autosaved, a submission, an update, a skip) is idle: it is not counted as active time. The
 * editor autosaves drafts every few seconds while someone works, so real work leaves a dense trail.
 * The hand-out of a task is in the trail when it is submitted without a draft (its start time);
 * with drafts, the first draft starts it.
 */
export const IDLE_GAP_MS = 5 * 60_000;

/** Server-recorded actions that show an annotator at work. */
const WORK_ACTIONS = ['annotation.draft', 'annotation.submit', 'annotation.update', 'annotation.resubmit', 'tasks.skip'];

export interface LabelActivity {
  label: string;
  regions: number;
  regionsPerHour: number | null;
}

export interface AnnotatorActivity {
  userId: number;
  name: string;
  email: string;
  /** Seconds between consecutive recorded actions, gaps over IDLE_GAP_MS left out. */
  activeSeconds: number;
  /** Runs of activity separated by idle gaps. */
  sessions: number;
  /** Submitted annotations. */
  submitted: number;
  tasksPerHour: number | null;
  /** Regions (result items with a label, counted once per region id) in submitted annotations. */
  regions: number;
  regionsPerHour: number | null;
  labels: LabelActivity[];
}

/** Active time of a trail of timestamps: the sum of the gaps of at most `idleGapMs`, and the number of runs. */
export function activeTime(times: readonly number[], idleGapMs = IDLE_GAP_MS): { activeMs: number; sessions: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let activeMs = 0;
  let sessions = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap <= idleGapMs) activeMs += gap;
    else sessions += 1;
  }
  return { activeMs, sessions };
}

/** The labels of each region of a result: region id → its labels (from any `*labels` value). */
export function regionLabels(result: readonly ResultItem[]): Map<string, Set<string>> {
  const regions = new Map<string, Set<string>>();
  for (const item of result) {
    const value = item.value as Record<string, unknown> | undefined;
    if (!value || typeof item.id !== 'string') continue;
    for (const [key, labels] of Object.entries(value)) {
      if (!key.endsWith('labels') || !Array.isArray(labels)) continue;
      const set = regions.get(item.id) ?? new Set<string>();
      for (const l of labels) if (typeof l === 'string') set.add(l);
      regions.set(item.id, set);
    }
  }
  return regions;
}

/** Under a minute of active time (a script, a single click) a rate per hour says nothing: null. */
export const MIN_RATED_SECONDS = 60;
const perHour = (n: number, seconds: number) => (seconds >= MIN_RATED_SECONDS ? n / (seconds / 3600) : null);

/**
 * Per annotator of a project (managers): active time measured from the server's own timestamps
 * (never a total the client sends), tasks and regions per active hour, and regions per label.
 */
export async function annotatorActivity(ctx: AppContext, actor: Actor, projectId: number): Promise<{ idleGapSeconds: number; annotators: AnnotatorActivity[] }> {
  await scopeProject(ctx, actor, projectId, 'manager');
  const db = ctx.db.kysely;
  const [stamps, audit, members, byTask] = await Promise.all([
    db.selectFrom('annotations').select(['completed_by', 'started_at', 'submitted_at', 'created_at']).where('project_id', '=', projectId).where('completed_by', 'is not', null).where('source', '<>', 'consensus').execute(),
    db.selectFrom('audit_events').select(['actor_id', 'created_at']).where('project_id', '=', projectId).where('action', 'in', WORK_ACTIONS).where('actor_id', 'is not', null).execute(),
    db.selectFrom('project_members').select('user_id').where('project_id', '=', projectId).where('role', '=', 'annotator').execute(),
    submittedByTask(ctx, projectId),
  ]);
  type Tally = { times: number[]; submitted: number; regions: number; labels: Map<string, number> };
  const tallies = new Map<number, Tally>();
  const tally = (userId: number) => {
    let t = tallies.get(userId);
    if (!t) tallies.set(userId, (t = { times: [], submitted: 0, regions: 0, labels: new Map() }));
    return t;
  };
  for (const m of members) tally(m.user_id);
  for (const a of stamps) {
    const t = tally(a.completed_by!);
    for (const at of [a.started_at, a.submitted_at, a.created_at]) if (at !== null) t.times.push(at);
  }
  // Only people who annotate here: a reviewer's edits are review work, not labeling.
  for (const e of audit) tallies.get(e.actor_id!)?.times.push(e.created_at);
  for (const list of byTask.values()) {
    for (const a of list) {
      const t = tally(a.userId);
      t.submitted += 1;
      for (const labels of regionLabels(a.result).values()) {
        t.regions += 1;
        for (const l of labels) t.labels.set(l, (t.labels.get(l) ?? 0) + 1);
      }
    }
  }
  const people = await peopleOf(ctx, [...tallies.keys()]);
  const annotators = [...tallies]
    .sort((a, b) => a[0] - b[0])
    .map(([userId, t]): AnnotatorActivity => {
      const { activeMs, sessions } = activeTime(t.times);
      const seconds = activeMs / 1000;
      return {
        userId,
        name: people.get(userId)?.name ?? '',
        email: people.get(userId)?.email ?? '',
        activeSeconds: seconds,
        sessions,
        submitted: t.submitted,
        tasksPerHour: perHour(t.submitted, seconds),
        regions: t.regions,
        regionsPerHour: perHour(t.regions, seconds),
        labels: [...t.labels].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([label, regions]) => ({ label, regions, regionsPerHour: perHour(regions, seconds) })),
      };
    });
  return { idleGapSeconds: IDLE_GAP_MS / 1000, annotators };
}
