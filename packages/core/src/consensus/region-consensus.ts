import { fromCentredBox, toCentredBox } from '../geometry/box.js';
import type { Box, Shape } from '../geometry/shapes.js';
import { checkThreshold, clusterByIoU, pairwiseIoU, type ConsensusRegion } from './cluster-regions.js';
import { checkTiePolicy, voteLabels, type TiePolicy, type VoteResult } from './majority-vote.js';

export interface RegionConsensusOptions {
  /** Least IoU between any two regions of a cluster; default 0.5. */
  threshold?: number;
  /** How a tied label vote ends; default 'none'. */
  tie?: TiePolicy;
  /** Label order for ties; defaults to the labels seen, sorted. */
  labels?: readonly string[];
}

/** One object as the annotators saw it together. */
export interface RegionCluster {
  /** Indices into the input regions, ascending; at most one per annotator. */
  members: number[];
  /** The annotators of the members, in member order. */
  annotators: string[];
  /** The label vote inside the cluster. */
  vote: VoteResult;
  /** The consensus shape: the mean box when every member is a box, else the medoid member's shape. */
  merged: Shape;
}

/**
 * IoU clustering consensus for boxes and polygons: clusters the regions as `clusterRegions`
 * does, votes a label in each cluster and merges its shapes. Box means average centre, sides and
 * rotation (the rotation as a mean direction modulo 180°, where a box looks the same), so upright
 * boxes average their x, y, width and height. A mix of kinds, or polygons, keep the member with
 * the largest total IoU to the others (the first on a tie). Clusters come in order of first member.
 * @example regionConsensus(regions, { threshold: 0.5 }).filter((c) => c.members.length >= 2)
 */
export function regionConsensus(regions: readonly ConsensusRegion[], options: RegionConsensusOptions = {}): RegionCluster[] {
  const threshold = checkThreshold(options.threshold);
  const tie = checkTiePolicy(options.tie);
  const labels = options.labels ?? [...new Set(regions.map((r) => r.label))].sort();
  const iou = pairwiseIoU(regions);
  return clusterByIoU(regions, iou, threshold).map((members) => ({
    members,
    annotators: members.map((m) => regions[m]!.annotator),
    vote: voteLabels(members.map((m) => regions[m]!.label), { tie, labels }),
    merged: mergeShapes(members, regions, iou),
  }));
}

function mergeShapes(members: number[], regions: readonly ConsensusRegion[], iou: readonly (readonly number[])[]): Shape {
  const boxes = members.flatMap((m) => {
    const shape = regions[m]!.shape;
    return shape.kind === 'box' ? [shape.box] : [];
  });
  if (boxes.length === members.length) return { kind: 'box', box: meanBox(boxes) };
  let best = members[0]!;
  let bestScore = -1;
  for (const m of members) {
    const score = members.reduce((sum, other) => sum + (other === m ? 0 : iou[m]![other]!), 0);
    if (score > bestScore) [best, bestScore] = [m, score];
  }
  return regions[best]!.shape;
}

/** The mean of boxes in centre form; unequal rotations average as directions of period 180°, giving (−90°, 90°]. */
export function meanBox(boxes: readonly Box[]): Box {
  const centred = boxes.map(toCentredBox);
  const mean = (pick: (c: (typeof centred)[number]) => number) => centred.reduce((sum, c) => sum + pick(c), 0) / centred.length;
  const turn = (degrees: number) => (degrees * Math.PI) / 90; // doubled angle in radians
  const [cos, sin] = [mean((c) => Math.cos(turn(c.rotation))), mean((c) => Math.sin(turn(c.rotation)))];
  // Equal rotations come back unchanged (so upright boxes stay exactly upright); others as the
  // mean direction in (−90°, 90°], where a rotation near 0° cannot round to one near 180°.
  const same = centred.every((c) => c.rotation === centred[0]!.rotation);
  const rotation = same ? centred[0]!.rotation : (Math.atan2(sin, cos) * 90) / Math.PI;
  return fromCentredBox({ cx: mean((c) => c.cx), cy: mean((c) => c.cy), width: mean((c) => c.width), height: mean((c) => c.height), rotation });
}
