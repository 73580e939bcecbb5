import { formatPath } from '../label-config/label-config-error.js';
import type { LabelConfig, LabelControl } from '../label-config/label-config-schema.js';
import { checkRegionItem, type CheckContext, type ResultIssue } from './result-checks.js';
import { resultItemSchema, type RelationResultItem, type ResultItem } from './result-schema.js';

export type { ResultIssue } from './result-checks.js';
export type ResultValidation = { ok: true; result: ResultItem[] } | { ok: false; issues: ResultIssue[] };

/** Most items one annotation may hold; keeps a hostile payload from costing unbounded work. */
export const MAX_RESULT_ITEMS = 100_000;

// Result types whose items are regions: the ids relations and per-region controls point at.
const REGION_TYPES = new Set(['rectanglelabels', 'polygonlabels', 'keypointlabels', 'labels', 'hypertextlabels', 'videorectangle', 'videopolygon']);
const NON_REGION_TYPES = new Set(['choices', 'textarea', 'rating', 'number', 'pairwise', 'ranker', 'relation']);

/**
 * Checks a Label Studio `result` array against a label config: the shape of every item, and that
 * names, labels, choices, ratings and relation endpoints agree with the config and each other.
 * @example validateResult(config, annotation.result) // { ok: false, issues: [{ path: 'result[2].value.rectanglelabels[0]', … }] }
 */
export function validateResult(config: LabelConfig, result: unknown): ResultValidation {
  if (!Array.isArray(result)) return fail([{ path: 'result', message: 'result must be an array of result items' }]);
  if (result.length > MAX_RESULT_ITEMS) return fail([{ path: 'result', message: `result has ${result.length} items, the limit is ${MAX_RESULT_ITEMS}` }]);

  const issues: ResultIssue[] = [];
  const items: (ResultItem | undefined)[] = result.map((raw: unknown, i) => {
    const parsed = resultItemSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) issues.push({ path: formatPath(issue.path, `result[${i}]`), message: issue.message });
    return undefined;
  });

  const ctx: CheckContext = {
    controls: new Map(config.controls.map((c) => [c.name, c])),
    objects: new Map(config.objects.map((o) => [o.name, o])),
    regionIds: regionIds(result),
    issues,
  };
  const firstSeen = new Map<string, number>();
  items.forEach((item, i) => {
    if (item === undefined) return;
    if (item.type === 'relation') return checkRelation(item, i, config.controls, ctx);
    const control = checkRegionItem(item, i, ctx);
    if (control === undefined) return;
    // One item per control per region, and one per control for whole-task classifications.
    const perRegion = REGION_TYPES.has(item.type) || ('perRegion' in control && control.perRegion === true);
    const key = perRegion ? `${item.id}\u0000${item.from_name}` : item.from_name;
    const first = firstSeen.get(key);
    if (first === undefined) firstSeen.set(key, i);
    else {
      const what = perRegion ? `region "${item.id}"` : 'the task';
      issues.push({ path: `result[${i}].from_name`, message: `control "${item.from_name}" has a second item for ${what} (the first is result[${first}])` });
    }
  });
  return issues.length > 0 ? fail(issues) : { ok: true, result: items as ResultItem[] };
}

function checkRelation(item: RelationResultItem, i: number, controls: LabelControl[], ctx: CheckContext): void {
  for (const end of ['from_id', 'to_id'] as const) {
    if (!ctx.regionIds.has(item[end])) {
      ctx.issues.push({ path: `result[${i}].${end}`, message: `relation ${end} "${item[end]}" is not the id of a region in this result` });
    }
  }
  const relations = controls.find((c) => c.type === 'relations');
  if (relations === undefined || item.labels === undefined) return;
  const known = new Set(relations.labels.map((l) => l.value));
  item.labels.forEach((label, j) => {
    if (!known.has(label)) {
      ctx.issues.push({ path: `result[${i}].labels[${j}]`, message: `relation label "${label}" is not in relations control "${relations.name}"` });
    }
  });
  if (relations.choice === 'single' && item.labels.length > 1) {
    ctx.issues.push({ path: `result[${i}].labels`, message: `relations control "${relations.name}" allows one label per relation, got ${item.labels.length}` });
  }
}

/**
 * Ids of region items, read from the raw input so that one malformed region does not also orphan
 * the relations and per-region items that point at it. Items of an unknown type count as regions.
 */
function regionIds(result: unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const raw of result) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { id, type } = raw as { id?: unknown; type?: unknown };
    if ((typeof id === 'string' || typeof id === 'number') && typeof type === 'string' && !NON_REGION_TYPES.has(type)) ids.add(String(id));
  }
  return ids;
}

function fail(issues: ResultIssue[]): ResultValidation {
  return { ok: false, issues };
}
