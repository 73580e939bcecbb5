import type { ControlType, LabelControl, LabelObject, ObjectType } from './label-config-schema.js';

/** A cross-field problem; `path` is zod-style (`['controls', 1, 'toName', 0]`). */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

/** Label Studio's default `maxRating` when the attribute is absent. */
export const DEFAULT_MAX_RATING = 5;

/** Which object types each control type may point at; `any` accepts every object type. */
export const CONTROL_TARGETS: Readonly<Record<ControlType, readonly ObjectType[] | 'any'>> = {
  rectanglelabels: ['image'],
  polygonlabels: ['image'],
  keypointlabels: ['image'],
  // Label Studio also points <Labels> at a <Video> to colour <VideoRectangle> tracks.
  labels: ['text', 'hypertext', 'audio', 'video'],
  videorectangle: ['video'],
  videopolygon: ['video'],
  ranker: ['list'],
  choices: 'any',
  textarea: 'any',
  rating: 'any',
  number: 'any',
  pairwise: 'any',
  relations: 'any',
};

/** Controls whose results are regions (with an id that per-region controls and relations refer to). */
export const REGION_CONTROL_TYPES: ReadonlySet<ControlType> = new Set(['rectanglelabels', 'polygonlabels', 'keypointlabels', 'labels', 'videorectangle', 'videopolygon']);

/** Cross-field checks the shape schema cannot express: unique names, valid references, compatible types. */
export function checkLabelConfigRules(config: { objects: LabelObject[]; controls: LabelControl[] }): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const objects = new Map(config.objects.map((o) => [o.name, o]));
  const seen = new Map<string, string>();
  const claimName = (nameValue: string, where: string, path: (string | number)[]) => {
    const first = seen.get(nameValue);
    if (first !== undefined) issues.push({ path, message: `name "${nameValue}" is already used by ${first}` });
    else seen.set(nameValue, where);
  };
  config.objects.forEach((o, i) => claimName(o.name, `objects[${i}]`, ['objects', i, 'name']));
  config.controls.forEach((c, i) => claimName(c.name, `controls[${i}]`, ['controls', i, 'name']));

  config.objects.forEach((o, i) => {
    if ((o.type === 'video' || o.type === 'audio') && o.sync !== undefined && !objects.has(o.sync)) {
      issues.push({ path: ['objects', i, 'sync'], message: `${o.type} object "${o.name}" syncs with "${o.sync}", but there is no object named "${o.sync}"` });
    }
  });

  const regionTargets = new Set(config.controls.filter((c) => REGION_CONTROL_TYPES.has(c.type)).flatMap((c) => c.toName));
  let relationsSeen = false;
  config.controls.forEach((c, i) => {
    const at = (...rest: (string | number)[]) => ['controls', i, ...rest];
    checkTargets(c, objects, seen, at, issues);
    if (c.type === 'relations') {
      if (relationsSeen) issues.push({ path: at('type'), message: 'a label config can have only one relations control' });
      relationsSeen = true;
    }
    if (c.type === 'pairwise' && (c.toName.length !== 2 || c.toName[0] === c.toName[1])) {
      issues.push({ path: at('toName'), message: `pairwise control "${c.name}" must compare exactly two different objects` });
    }
    if (c.type === 'ranker' && c.toName.length !== 1) {
      issues.push({ path: at('toName'), message: `ranker control "${c.name}" must rank exactly one list object` });
    }
    if ('labels' in c) checkUnique(c.labels.map((l) => l.value), `label`, c.name, at, 'labels', 'value', issues);
    if ('labels' in c) checkUnique(c.labels.map((l) => l.hotkey), `hotkey`, c.name, at, 'labels', 'hotkey', issues);
    if (c.type === 'choices') {
      checkUnique(c.choices.map((x) => x.value), 'choice', c.name, at, 'choices', 'value', issues);
      checkUnique(c.choices.map((x) => x.hotkey), 'hotkey', c.name, at, 'choices', 'hotkey', issues);
    }
    if (c.type === 'ranker' && c.buckets) checkUnique(c.buckets.map((b) => b.name), 'bucket', c.name, at, 'buckets', 'name', issues);
    if (c.type === 'number' && c.min !== undefined && c.max !== undefined && c.min > c.max) {
      issues.push({ path: at('min'), message: `number control "${c.name}" has min ${c.min} greater than max ${c.max}` });
    }
    if (c.type === 'number' && c.defaultValue !== undefined && outside(c.defaultValue, c.min, c.max)) {
      issues.push({ path: at('defaultValue'), message: `number control "${c.name}" has defaultValue ${c.defaultValue} outside its min/max` });
    }
    if (c.type === 'rating' && c.defaultValue !== undefined && c.defaultValue > (c.maxRating ?? DEFAULT_MAX_RATING)) {
      issues.push({ path: at('defaultValue'), message: `rating control "${c.name}" has defaultValue ${c.defaultValue} above maxRating ${c.maxRating ?? DEFAULT_MAX_RATING}` });
    }
    if ('perRegion' in c && c.perRegion === true && !c.toName.some((t) => regionTargets.has(t))) {
      issues.push({ path: at('perRegion'), message: `${c.type} control "${c.name}" is perRegion, but no region control (rectanglelabels, labels, ...) labels ${quoteList(c.toName)}` });
    }
  });
  return issues;
}

function checkTargets(
  c: LabelControl, objects: Map<string, LabelObject>, names: Map<string, string>,
  at: (...rest: (string | number)[]) => (string | number)[], issues: RuleIssue[],
): void {
  const allowed = CONTROL_TARGETS[c.type];
  const done = new Set<string>();
  c.toName.forEach((target, j) => {
    const obj = objects.get(target);
    if (done.has(target)) {
      issues.push({ path: at('toName', j), message: `${c.type} control "${c.name}" lists toName "${target}" twice` });
    } else if (obj === undefined) {
      const what = names.has(target) ? `"${target}" is a control, not an object` : `there is no object named "${target}"`;
      issues.push({ path: at('toName', j), message: `${c.type} control "${c.name}" points toName "${target}", but ${what}` });
    } else if (allowed !== 'any' && !allowed.includes(obj.type)) {
      issues.push({ path: at('toName', j), message: `${c.type} control "${c.name}" can only label ${allowed.join(' or ')} objects, but "${target}" is a ${obj.type} object` });
    }
    done.add(target);
  });
}

function checkUnique(
  values: (string | undefined)[], what: string, control: string,
  at: (...rest: (string | number)[]) => (string | number)[], list: string, key: string, issues: RuleIssue[],
): void {
  const seen = new Set<string>();
  values.forEach((v, j) => {
    if (v === undefined) return;
    if (seen.has(v)) issues.push({ path: at(list, j, key), message: `${what} "${v}" appears more than once in control "${control}"` });
    seen.add(v);
  });
}

function outside(v: number, min: number | undefined, max: number | undefined): boolean {
  return (min !== undefined && v < min) || (max !== undefined && v > max);
}

function quoteList(names: string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}
