import { DEFAULT_MAX_RATING } from '../label-config/label-config-rules.js';
import type { LabelControl, LabelObject } from '../label-config/label-config-schema.js';
import { PERCENT_SLOP, type RegionResultItem } from './result-schema.js';

/** One problem in a result, located by a path such as `result[2].value.rectanglelabels[0]`. */
export interface ResultIssue {
  path: string;
  message: string;
}

export interface CheckContext {
  controls: Map<string, LabelControl>;
  objects: Map<string, LabelObject>;
  /** Ids of the region items in the result being checked. */
  regionIds: Set<string>;
  issues: ResultIssue[];
}

/**
 * Checks a region or classification item against its control; returns the control when the item's
 * `from_name`, `type` and `to_name` fit it (so callers can run further checks), else `undefined`.
 */
export function checkRegionItem(item: RegionResultItem, i: number, ctx: CheckContext): LabelControl | undefined {
  const at = `result[${i}]`;
  const issue: Issue = (path, message) => {
    ctx.issues.push({ path: `${at}${path}`, message });
  };
  const control = ctx.controls.get(item.from_name);
  if (control === undefined) {
    issue('.from_name', `"${item.from_name}" is not a control of this label config`);
    return undefined;
  }
  const expected = item.type === 'hypertextlabels' ? 'labels' : item.type;
  if (control.type !== expected) {
    issue('.type', `control "${control.name}" is a ${control.type} control, so its items have type "${control.type}", not "${item.type}"`);
    return undefined;
  }
  // Label Studio writes a pairwise result with to_name set to the pairwise control itself.
  const targets = control.type === 'pairwise' ? [...control.toName, control.name] : control.toName;
  if (!targets.includes(item.to_name)) {
    issue('.to_name', `"${item.to_name}" is not an object control "${control.name}" labels (expected ${list(targets)})`);
    return undefined;
  }
  const object = ctx.objects.get(item.to_name);

  switch (item.type) {
    case 'rectanglelabels':
      checkBox(item.value, '.value', issue);
      break;
    case 'labels':
    case 'hypertextlabels':
      checkSpan(item, object, issue);
      break;
    case 'choices':
      if (control.type === 'choices') {
        checkAllowed(item.value.choices, control.choices.map((c) => c.value), 'choice', control.name, '.value.choices', issue);
        if (control.choice !== 'multiple' && item.value.choices.length > 1) {
          issue('.value.choices', `choices control "${control.name}" allows a single choice, got ${item.value.choices.length}`);
        }
      }
      break;
    case 'rating':
      if (control.type === 'rating' && item.value.rating > (control.maxRating ?? DEFAULT_MAX_RATING)) {
        issue('.value.rating', `rating ${item.value.rating} is above maxRating ${control.maxRating ?? DEFAULT_MAX_RATING} of control "${control.name}"`);
      }
      break;
    case 'number':
      if (control.type === 'number' && ((control.min !== undefined && item.value.number < control.min) || (control.max !== undefined && item.value.number > control.max))) {
        issue('.value.number', `number ${item.value.number} is outside [${control.min ?? '-∞'}, ${control.max ?? '∞'}] of control "${control.name}"`);
      }
      break;
    case 'textarea':
      if (control.type === 'textarea' && control.maxSubmissions !== undefined && item.value.text.length > control.maxSubmissions) {
        issue('.value.text', `textarea control "${control.name}" takes at most ${control.maxSubmissions} texts, got ${item.value.text.length}`);
      }
      break;
    case 'ranker':
      if (control.type === 'ranker' && !Array.isArray(item.value.ranker)) {
        const buckets = control.buckets?.map((b) => b.name) ?? [control.name];
        for (const key of Object.keys(item.value.ranker)) {
          // "_" is Label Studio's name for the items left in the original list.
          if (key !== '_' && !buckets.includes(key)) issue(`.value.ranker.${key}`, `"${key}" is not a bucket of ranker control "${control.name}" (expected ${list(buckets)})`);
        }
      }
      break;
    case 'videorectangle':
    case 'videopolygon':
      checkTrack(item, ctx, issue);
      break;
  }
  if ('labels' in control && item.type !== 'videorectangle' && item.type !== 'videopolygon') checkRegionLabels(item, control, issue);
  if ('perRegion' in control && control.perRegion === true && !ctx.regionIds.has(item.id)) {
    issue('.id', `control "${control.name}" is perRegion, but no region in this result has id "${item.id}"`);
  }
  return control;
}

type Issue = (path: string, message: string) => void;

function checkRegionLabels(item: RegionResultItem, control: Extract<LabelControl, { labels: unknown }>, issue: Issue): void {
  const key = item.type;
  const labels = (item.value as Record<string, unknown>)[key];
  if (!Array.isArray(labels)) return;
  checkAllowed(labels as string[], control.labels.map((l) => l.value), 'label', control.name, `.value.${key}`, issue);
  if (control.type !== 'relations' && control.choice !== 'multiple' && labels.length > 1) {
    issue(`.value.${key}`, `control "${control.name}" allows a single label per region, got ${labels.length}`);
  }
}

function checkAllowed(values: string[], allowed: string[], what: string, control: string, path: string, issue: Issue): void {
  const known = new Set(allowed);
  values.forEach((value, j) => {
    if (!known.has(value)) issue(`${path}[${j}]`, `${what} "${value}" is not in control "${control}" (expected ${list(allowed)})`);
  });
}

function checkBox(box: { x: number; y: number; width: number; height: number; rotation?: number | undefined }, path: string, issue: Issue): void {
  // A rotated box may legitimately poke out of the image; an upright one may not.
  if (box.rotation !== undefined && box.rotation % 360 !== 0) return;
  if (box.x + box.width > 100 + PERCENT_SLOP) issue(`${path}.width`, `x + width is ${box.x + box.width}, beyond 100% of the image`);
  if (box.y + box.height > 100 + PERCENT_SLOP) issue(`${path}.height`, `y + height is ${box.y + box.height}, beyond 100% of the image`);
}

function checkSpan(item: Extract<RegionResultItem, { type: 'labels' | 'hypertextlabels' }>, object: LabelObject | undefined, issue: Issue): void {
  const { start, end } = item.value;
  const kind = object?.type;
  if (item.type === 'hypertextlabels' && kind !== 'hypertext') {
    return issue('.type', `hypertextlabels items must label a hypertext object, but "${item.to_name}" is a ${kind} object`);
  }
  if (kind === 'video') return issue('.to_name', `labels items cannot target video object "${item.to_name}"; video tracks are videorectangle items`);
  if (typeof start === 'string' || typeof end === 'string') {
    if (kind !== 'hypertext') issue('.value.start', `start and end must be numbers on a ${kind} object`);
    else if (item.value.startOffset === undefined || item.value.endOffset === undefined) issue('.value', 'xpath spans need startOffset and endOffset');
    return;
  }
  if (kind === 'text' && !(Number.isInteger(start) && Number.isInteger(end))) issue('.value.start', 'start and end must be whole character offsets on text');
  if (start > end) issue('.value.end', `end ${end} is before start ${start}`);
}

function checkTrack(item: Extract<RegionResultItem, { type: 'videorectangle' | 'videopolygon' }>, ctx: CheckContext, issue: Issue): void {
  let previous = -1;
  const sequence: readonly { frame: number }[] = item.value.sequence;
  sequence.forEach((frame, k) => {
    if (item.type === 'videorectangle') checkBox(item.value.sequence[k]!, `.value.sequence[${k}]`, issue);
    if (frame.frame <= previous) issue(`.value.sequence[${k}].frame`, `keyframes must be in increasing frame order, but frame ${frame.frame} follows ${previous}`);
    previous = frame.frame;
  });
  const labels = item.value.labels;
  if (labels === undefined || labels.length === 0) return;
  // Track labels come from a <Labels> control pointed at the same video.
  const sources = [...ctx.controls.values()].filter((c) => c.type === 'labels' && c.toName.includes(item.to_name));
  const allowed = sources.flatMap((c) => ('labels' in c ? c.labels.map((l) => l.value) : []));
  if (sources.length === 0) return issue('.value.labels', `no labels control labels video "${item.to_name}", so its tracks cannot carry labels`);
  checkAllowed(labels, allowed, 'label', sources.map((c) => c.name).join('", "'), '.value.labels', issue);
}

function list(values: string[]): string {
  const shown = values.slice(0, 10).map((v) => `"${v}"`).join(', ');
  return values.length > 10 ? `${shown}, … (${values.length} in all)` : shown;
}
