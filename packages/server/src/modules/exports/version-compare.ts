import type { TaskFingerprint } from './export-stats.js';

/** How many task ids of each kind a comparison lists (the counts are always complete). */
export const MAX_LISTED_IDS = 1000;

export interface LabelChange {
  label: string;
  /** Regions (or choices) with this label in the base and in the other version. */
  base: number;
  other: number;
  /** Summed per task: regions that appeared, and regions that went, with this label. */
  regionsAdded: number;
  regionsRemoved: number;
  /** Tasks whose count of this label differs. */
  tasks: number;
}

export interface VersionComparison {
  tasks: {
    added: number;
    removed: number;
    changed: number;
    unchanged: number;
    /** Of the changed tasks: those whose data differs, and those whose exported annotations differ. */
    dataChanged: number;
    annotationsChanged: number;
    addedIds: number[];
    removedIds: number[];
    changedIds: number[];
    /** True when some id list was cut at MAX_LISTED_IDS. */
    idsTruncated: boolean;
  };
  labels: {
    /** Labels found only in the other version, and only in the base. */
    added: string[];
    removed: string[];
    /** Every label whose count differs in some task, with totals. */
    changed: LabelChange[];
  };
}

/**
 * Compares two manifests (both in task id order) in one merge pass: memory holds one line of
 * each plus a counter per label, whatever the number of tasks.
 */
export async function compareManifests(base: AsyncIterable<TaskFingerprint>, other: AsyncIterable<TaskFingerprint>): Promise<VersionComparison> {
  const tasks: VersionComparison['tasks'] = { added: 0, removed: 0, changed: 0, unchanged: 0, dataChanged: 0, annotationsChanged: 0, addedIds: [], removedIds: [], changedIds: [], idsTruncated: false };
  const labels = new Map<string, LabelChange>();
  const labelOf = (label: string) => {
    let entry = labels.get(label);
    if (!entry) labels.set(label, (entry = { label, base: 0, other: 0, regionsAdded: 0, regionsRemoved: 0, tasks: 0 }));
    return entry;
  };
  const list = (ids: number[], id: number) => {
    if (ids.length < MAX_LISTED_IDS) ids.push(id);
    else tasks.idsTruncated = true;
  };
  const diffLabels = (from: Record<string, number>, to: Record<string, number>) => {
    for (const label of new Set([...Object.keys(from), ...Object.keys(to)])) {
      const [a, b] = [from[label] ?? 0, to[label] ?? 0];
      const entry = labelOf(label);
      entry.base += a;
      entry.other += b;
      if (a === b) continue;
      entry.tasks++;
      if (b > a) entry.regionsAdded += b - a;
      else entry.regionsRemoved += a - b;
    }
  };

  const left = base[Symbol.asyncIterator]();
  const right = other[Symbol.asyncIterator]();
  let a = await left.next();
  let b = await right.next();
  while (!a.done || !b.done) {
    if (b.done || (!a.done && a.value.t < b.value.t)) {
      const gone = a.value as TaskFingerprint;
      tasks.removed++;
      list(tasks.removedIds, gone.t);
      diffLabels(gone.l, {});
      a = await left.next();
    } else if (a.done || b.value.t < a.value.t) {
      tasks.added++;
      list(tasks.addedIds, b.value.t);
      diffLabels({}, b.value.l);
      b = await right.next();
    } else {
      const [x, y] = [a.value, b.value];
      const dataChanged = x.d !== y.d;
      const annotationsChanged = x.a !== y.a;
      if (dataChanged || annotationsChanged) {
        tasks.changed++;
        list(tasks.changedIds, x.t);
        if (dataChanged) tasks.dataChanged++;
        if (annotationsChanged) tasks.annotationsChanged++;
      } else tasks.unchanged++;
      diffLabels(x.l, y.l);
      [a, b] = await Promise.all([left.next(), right.next()]);
    }
  }

  const all = [...labels.values()].sort((p, q) => (p.label < q.label ? -1 : p.label > q.label ? 1 : 0));
  return {
    tasks,
    labels: {
      added: all.filter((l) => l.base === 0 && l.other > 0).map((l) => l.label),
      removed: all.filter((l) => l.base > 0 && l.other === 0).map((l) => l.label),
      changed: all.filter((l) => l.tasks > 0),
    },
  };
}
