import type { ResultItem } from '../api/api-types.js';

const GEOMETRY = ['x', 'y', 'points', 'start', 'end', 'startOffset', 'sequence'];

/** True for an item that draws a region (a box, polygon, keypoint, span…), not a whole-task answer. */
function isRegion(item: ResultItem): boolean {
  return item.type !== 'relation' && !!item.value && GEOMETRY.some((k) => k in item.value!);
}

/**
 * Adds the regions of `extra` to `base` (adjudication "merge"): every region item of `extra`, the
 * per-region items that share its id, and the relations between added regions. An id already
 * used in `base` gets a fresh one (relations follow), so nothing overwrites what `base` has.
 * Whole-task answers of `extra` are left out: picking those is "use this version".
 * @example mergeRegions(annotatorA.result, annotatorB.result)
 */
export function mergeRegions(base: readonly ResultItem[], extra: readonly ResultItem[], newId: () => string = randomId): ResultItem[] {
  const taken = new Set(base.map((i) => i.id).filter((id): id is string => typeof id === 'string'));
  const regionIds = new Set(extra.filter(isRegion).map((i) => i.id).filter((id): id is string => typeof id === 'string'));
  const rename = new Map<string, string>();
  for (const id of regionIds) {
    let next = id;
    while (taken.has(next)) next = newId();
    taken.add(next);
    rename.set(id, next);
  }
  const added: ResultItem[] = [];
  for (const item of extra) {
    if (item.type === 'relation') {
      const from = rename.get(String(item.from_id));
      const to = rename.get(String(item.to_id));
      if (from && to) added.push({ ...item, from_id: from, to_id: to });
    } else if (typeof item.id === 'string' && rename.has(item.id)) {
      added.push({ ...item, id: rename.get(item.id)! });
    }
  }
  return [...base, ...added];
}

function randomId(): string {
  return Math.random().toString(36).slice(2, 12);
}
