import type { RegionResultItem, ResultItem } from '../../results/result-schema.js';
import { regionLabels } from '../../geometry/result-shape.js';

/** A region of one annotator under one label on one object, with what the caller measures (shape, span). */
export interface LabelledRegion<T> {
  group: string;
  label: string;
  region: T;
}

/**
 * Every (object, label) a region carries: a region with two labels counts under both, one with
 * none under the label ''. `read` gives what is compared, or undefined to skip the item.
 */
export function labelledRegions<T>(
  result: readonly ResultItem[],
  fromName: string | undefined,
  read: (item: RegionResultItem) => T | undefined,
): LabelledRegion<T>[] {
  const out: LabelledRegion<T>[] = [];
  for (const item of result) {
    if (item.type === 'relation' || (fromName !== undefined && item.from_name !== fromName)) continue;
    const region = read(item);
    if (region === undefined) continue;
    const labels = regionLabels(item);
    for (const label of labels.length > 0 ? new Set(labels) : ['']) {
      // Regions on different objects (two images of one task) never match.
      out.push({ group: `${item.to_name}\u0000${label}`, label, region });
    }
  }
  return out;
}

/** The regions grouped by (object, label), in first-seen order. */
export function byGroup<T>(regions: readonly LabelledRegion<T>[]): Map<string, { label: string; regions: T[] }> {
  const groups = new Map<string, { label: string; regions: T[] }>();
  for (const { group, label, region } of regions) {
    const entry = groups.get(group) ?? { label, regions: [] };
    entry.regions.push(region);
    groups.set(group, entry);
  }
  return groups;
}

/** Every group key of either side, in first-seen order. */
export function groupKeys(...sides: Map<string, unknown>[]): string[] {
  return [...new Set(sides.flatMap((side) => [...side.keys()]))];
}
