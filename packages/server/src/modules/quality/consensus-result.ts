import {
  dawidSkene,
  regionConsensus,
  regionLabels,
  shapeFromResult,
  voteLabels,
  type AgreementLabel,
  type ConsensusRegion,
  type RegionResultItem,
  type ResultItem,
  type TiePolicy,
} from '@laoshi/core';
import type { SubmittedAnnotation } from './analysis-data.js';
import { itemsOf, labelOf, valueOf, type ControlInfo } from './control-answers.js';

export type ConsensusMethod = 'majority' | 'dawid-skene';

export interface ConsensusOptions {
  method: ConsensusMethod;
  tie: TiePolicy;
  /** IoU threshold of region clustering. */
  threshold: number;
}

/**
 * Dawid–Skene's label per task for one classification control, estimated over every task of the
 * project at once (its confusion matrices need the whole project).
 */
export function dawidSkeneLabels(byTask: ReadonlyMap<number, SubmittedAnnotation[]>, control: ControlInfo): Map<number, AgreementLabel> {
  const tasks = [...byTask.keys()];
  const annotators = [...new Set([...byTask.values()].flat().map((a) => a.userId))].sort((a, b) => a - b);
  const column = new Map(annotators.map((id, i) => [id, i]));
  const matrix = tasks.map((taskId) => {
    const row = new Array<AgreementLabel | null>(annotators.length).fill(null);
    for (const a of byTask.get(taskId)!) row[column.get(a.userId)!] = labelOf(a.result, control);
    return row;
  });
  const result = dawidSkene(matrix);
  const labels = new Map<number, AgreementLabel>();
  result.items.forEach((item, i) => {
    if (item.label !== null) labels.set(tasks[i]!, item.label);
  });
  return labels;
}

/** The merged answer of one classification control on one task, as a result item (or none). */
function classificationItem(list: readonly SubmittedAnnotation[], control: ControlInfo, options: ConsensusOptions, estimated: ReadonlyMap<number, AgreementLabel> | undefined, taskId: number): ResultItem[] {
  let label: AgreementLabel | null;
  if (estimated) label = estimated.get(taskId) ?? null;
  else {
    const votes = list.map((a) => labelOf(a.result, control)).filter((l): l is AgreementLabel => l !== null);
    label = votes.length > 0 ? voteLabels(votes, { tie: options.tie }).label : null;
  }
  if (label === null) return [];
  return [{ id: `consensus-${control.name}`, from_name: control.name, to_name: control.toName, type: control.type, value: valueOf(label, control) } as ResultItem];
}

/**
 * Boxes and polygons: regions of different annotators cluster by IoU (complete linkage), a
 * cluster drawn by a majority of the task's annotators becomes one region with the voted label
 * and the mean box (or, for polygons and rotated boxes, its most central member).
 */
function regionItems(list: readonly SubmittedAnnotation[], control: ControlInfo, options: ConsensusOptions): ResultItem[] {
  const majority = Math.floor(list.length / 2) + 1;
  const byObject = new Map<string, { region: ConsensusRegion; item: RegionResultItem }[]>();
  for (const a of list) {
    for (const item of itemsOf(a.result, control) as RegionResultItem[]) {
      const shape = shapeFromResult(item);
      if (!shape) continue;
      const entries = byObject.get(item.to_name) ?? [];
      entries.push({ region: { annotator: String(a.userId), label: regionLabels(item)[0] ?? '', shape }, item });
      byObject.set(item.to_name, entries);
    }
  }
  const out: ResultItem[] = [];
  for (const [toName, entries] of byObject) {
    const clusters = regionConsensus(entries.map((e) => e.region), { threshold: options.threshold, tie: options.tie });
    for (const cluster of clusters) {
      const label = cluster.vote.label;
      if (cluster.members.length < majority || label === null) continue;
      const id = `consensus-${control.name}-${out.length + 1}`;
      const labels = { [control.type]: [String(label)] };
      if (cluster.merged.kind === 'box' && control.type === 'rectanglelabels') {
        const { x, y, width, height, rotation = 0 } = cluster.merged.box;
        out.push({ id, from_name: control.name, to_name: toName, type: 'rectanglelabels', value: { x, y, width, height, rotation, ...labels } } as ResultItem);
      } else {
        // The medoid keeps its own item shape (a polygon, or a rotated box in its own coordinates).
        const medoid = cluster.members.map((m) => entries[m]!).find((e) => e.region.shape === cluster.merged) ?? entries[cluster.members[0]!]!;
        out.push({ ...medoid.item, id, value: { ...medoid.item.value, ...labels } } as ResultItem);
      }
    }
  }
  return out;
}

/** NER spans: a span (same offsets and label) marked by a majority of the task's annotators. */
function spanItems(list: readonly SubmittedAnnotation[], control: ControlInfo): ResultItem[] {
  const majority = Math.floor(list.length / 2) + 1;
  const votes = new Map<string, { item: RegionResultItem; label: string; annotators: Set<number> }>();
  for (const a of list) {
    for (const item of itemsOf(a.result, control) as RegionResultItem[]) {
      if (item.type !== 'labels' || typeof item.value.start !== 'number' || typeof item.value.end !== 'number') continue;
      for (const label of regionLabels(item)) {
        const key = `${item.to_name}\u0000${item.value.start}\u0000${item.value.end}\u0000${label}`;
        const entry = votes.get(key) ?? { item, label, annotators: new Set<number>() };
        entry.annotators.add(a.userId);
        votes.set(key, entry);
      }
    }
  }
  return [...votes.values()]
    .filter((v) => v.annotators.size >= majority)
    .map((v, i) => ({ ...v.item, id: `consensus-${control.name}-${i + 1}`, value: { ...v.item.value, labels: [v.label] } }) as ResultItem);
}

/**
 * The merged result of a task: one item per classification control (majority vote or
 * Dawid–Skene), majority regions and spans. Keypoints, text and other controls are not merged.
 * Throws GeometryError when a polygon crosses itself (the caller skips the task).
 */
export function consensusResult(list: readonly SubmittedAnnotation[], controls: readonly ControlInfo[], options: ConsensusOptions, estimated: ReadonlyMap<string, ReadonlyMap<number, AgreementLabel>>, taskId: number): ResultItem[] {
  return controls.flatMap((control) => {
    if (control.kind === 'classification') return classificationItem(list, control, options, estimated.get(control.name), taskId);
    if (control.kind === 'region') return regionItems(list, control, options);
    if (control.kind === 'span') return spanItems(list, control);
    return [];
  });
}
