import { shapeIoU } from '../geometry/shape.js';
import type { Shape } from '../geometry/shapes.js';
import { ConsensusError } from './consensus-error.js';

/** A region one annotator drew, with the label they gave it. */
export interface ConsensusRegion {
  annotator: string;
  label: string;
  shape: Shape;
}

export interface ClusterRegionsOptions {
  /** Least IoU between any two regions of a cluster; default 0.5. */
  threshold?: number;
}

/** Throws ConsensusError unless the threshold lies in (0, 1]; returns it with its default. */
export function checkThreshold(threshold: number | undefined): number {
  const t = threshold ?? 0.5;
  if (!(t > 0 && t <= 1)) throw new ConsensusError(`IoU threshold must be in (0, 1], got ${t}`);
  return t;
}

/** IoU of every pair of regions from different annotators (0 within one annotator). */
export function pairwiseIoU(regions: readonly ConsensusRegion[]): number[][] {
  const iou = regions.map(() => new Array<number>(regions.length).fill(0));
  regions.forEach((a, i) => {
    for (let j = i + 1; j < regions.length; j++) {
      const b = regions[j]!;
      if (a.annotator !== b.annotator) iou[i]![j] = iou[j]![i] = shapeIoU(a.shape, b.shape);
    }
  });
  return iou;
}

/**
 * Groups regions of different annotators that cover the same object: complete-linkage
 * agglomeration, so every two regions in a cluster have IoU ≥ threshold and come from different
 * annotators. Pairs join in order of falling IoU (ties by index), so the result is deterministic.
 * Returns clusters as lists of indices into `regions`, each ascending, ordered by first index;
 * a region that matches nobody is a cluster of its own.
 */
export function clusterRegions(regions: readonly ConsensusRegion[], options: ClusterRegionsOptions = {}): number[][] {
  const threshold = checkThreshold(options.threshold);
  return clusterByIoU(regions, pairwiseIoU(regions), threshold);
}

/** `clusterRegions` on an IoU matrix already computed. */
export function clusterByIoU(regions: readonly ConsensusRegion[], iou: readonly (readonly number[])[], threshold: number): number[][] {
  const candidates: [number, number, number][] = [];
  iou.forEach((row, i) => row.forEach((value, j) => {
    if (j > i && value >= threshold) candidates.push([value, i, j]);
  }));
  candidates.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);

  const clusterOf = regions.map((_, i) => i);
  const members = regions.map((_, i) => [i]);
  for (const [, i, j] of candidates) {
    const [ci, cj] = [clusterOf[i]!, clusterOf[j]!];
    if (ci === cj) continue;
    const [left, right] = [members[ci]!, members[cj]!];
    const joinable = left.every((p) => right.every((q) => regions[p]!.annotator !== regions[q]!.annotator && iou[p]![q]! >= threshold));
    if (!joinable) continue;
    const [keep, drop] = ci < cj ? [ci, cj] : [cj, ci];
    members[keep] = [...left, ...right].sort((a, b) => a - b);
    members[drop] = [];
    for (const m of members[keep]) clusterOf[m] = keep;
  }
  return members.filter((cluster) => cluster.length > 0);
}
