import type { EvaluationKind, LabelConfig, LabelControl, LabelObject } from '@laoshi/core';
import { badRequest } from '../../errors.js';

/** A control of the label config that can be evaluated, with what it can be evaluated as. */
export interface EvaluationTarget {
  fromName: string;
  toName: string;
  type: 'choices' | 'rectanglelabels' | 'polygonlabels' | 'labels';
  /** The data key its object shows ("$image" → "image"). */
  dataKey: string;
  /** Its labels (choices) in config order. */
  labels: string[];
  /** A choices control that allows several choices (evaluated on the first). */
  multiple: boolean;
  kinds: EvaluationKind[];
}

function kindsOf(control: LabelControl, object: LabelObject | undefined): EvaluationKind[] {
  if (control.type === 'choices') return ['classification'];
  if (object?.type !== 'image' && (control.type === 'rectanglelabels' || control.type === 'polygonlabels')) return [];
  if (control.type === 'rectanglelabels') return ['detection'];
  if (control.type === 'polygonlabels') return ['segmentation', 'detection'];
  // Hypertext spans are xpath ranges and audio spans seconds: only text offsets are compared.
  if (control.type === 'labels' && object?.type === 'text') return ['ner'];
  return [];
}

/** Every control that can be evaluated, in config order. */
export function evaluationTargets(config: LabelConfig): EvaluationTarget[] {
  return config.controls.flatMap((control): EvaluationTarget[] => {
    const object = config.objects.find((o) => o.name === control.toName[0]);
    const kinds = kindsOf(control, object);
    if (kinds.length === 0 || !object) return [];
    const labels = control.type === 'choices' ? control.choices.map((c) => c.value) : 'labels' in control ? control.labels.map((l) => l.value) : [];
    return [{ fromName: control.name, toName: object.name, type: control.type as EvaluationTarget['type'], dataKey: object.value.slice(1), labels, multiple: control.type === 'choices' && control.choice === 'multiple', kinds }];
  });
}

/**
 * The control and kind of a run: `fromName` must name an evaluable control and `kind` be one it
 * supports; without `fromName`, the first control that supports `kind` (or the first of all).
 * 400 naming the field otherwise.
 */
export function resolveTarget(config: LabelConfig, fromName: string | undefined, kind: EvaluationKind | undefined): { target: EvaluationTarget; kind: EvaluationKind } {
  const targets = evaluationTargets(config);
  const what = 'a choices, rectanglelabels or polygonlabels (on an image) or labels (on text) control';
  if (fromName !== undefined) {
    const target = targets.find((t) => t.fromName === fromName);
    if (!target) throw badRequest(`fromName: "${fromName}" is not ${what} of the label config`, 'fromName');
    if (kind !== undefined && !target.kinds.includes(kind)) throw badRequest(`kind: control "${fromName}" can be evaluated as ${target.kinds.join(' or ')}, not ${kind}`, 'kind');
    return { target, kind: kind ?? target.kinds[0]! };
  }
  const target = kind === undefined ? targets[0] : targets.find((t) => t.kinds.includes(kind));
  if (!target) throw badRequest(kind === undefined ? `fromName: the label config has no ${what}` : `kind: the label config has no control that can be evaluated as ${kind}`, kind === undefined ? 'fromName' : 'kind');
  return { target, kind: kind ?? target.kinds[0]! };
}
