import type { AgreementLabel, LabelConfig, LabelControl, ResultItem } from '@laoshi/core';
import { badRequest } from '../../errors.js';

/** How the quality reports treat a control. */
export type ControlKind = 'classification' | 'region' | 'span' | 'keypoint' | 'text' | 'other';

export interface ControlInfo {
  name: string;
  type: LabelControl['type'];
  kind: ControlKind;
  /** The object the control labels (first of toName). */
  toName: string;
  /** Choice values in config order (choices controls). */
  order: string[];
}

const KIND: Record<LabelControl['type'], ControlKind> = {
  choices: 'classification',
  rating: 'classification',
  number: 'classification',
  pairwise: 'classification',
  rectanglelabels: 'region',
  polygonlabels: 'region',
  labels: 'span',
  keypointlabels: 'keypoint',
  textarea: 'text',
  ranker: 'other',
  relations: 'other',
  videorectangle: 'other',
  videopolygon: 'other',
};

/** The controls of a label config with their kinds, in config order. */
export function controlsOf(config: LabelConfig): ControlInfo[] {
  return config.controls.map((c) => ({
    name: c.name,
    type: c.type,
    kind: KIND[c.type],
    toName: c.toName[0] ?? '',
    order: c.type === 'choices' ? c.choices.map((x) => x.value) : [],
  }));
}

/** The control named `fromName`, or the first one of an allowed kind; 400 naming `field` otherwise. */
export function pickControl(config: LabelConfig, fromName: string | undefined, kinds: readonly ControlKind[], field = 'fromName'): ControlInfo {
  const controls = controlsOf(config);
  if (fromName !== undefined) {
    const control = controls.find((c) => c.name === fromName);
    if (!control) throw badRequest(`${field}: the label config has no control "${fromName}"`, field);
    if (!kinds.includes(control.kind)) throw badRequest(`${field}: control "${fromName}" is ${control.type}, which this does not measure`, field);
    return control;
  }
  const control = controls.find((c) => kinds.includes(c.kind));
  if (!control) throw badRequest(`${field}: the label config has no control this can measure (${kinds.join(', ')})`, field);
  return control;
}

/** The items of one control in a result. */
export function itemsOf(result: readonly ResultItem[], control: ControlInfo): ResultItem[] {
  return result.filter((item) => item.type === control.type && item.from_name === control.name);
}

/**
 * An annotation's answer to a classification control as one label: the choice (several choices
 * as a JSON array of them, sorted), the rating, the number or the pairwise side; null when it
 * gave none.
 */
export function labelOf(result: readonly ResultItem[], control: ControlInfo): AgreementLabel | null {
  const items = itemsOf(result, control);
  const first = items[0];
  if (!first) return null;
  switch (first.type) {
    case 'choices': {
      const choices = [...new Set(items.flatMap((i) => (i.type === 'choices' ? i.value.choices : [])))].sort();
      if (choices.length === 0) return null;
      return choices.length === 1 ? choices[0]! : JSON.stringify(choices);
    }
    case 'rating':
      return first.value.rating;
    case 'number':
      return first.value.number;
    case 'pairwise':
      return first.value.selected;
    default:
      return null;
  }
}

/** For ordered statistics (weighted kappa, ordinal/interval alpha): a single choice becomes its position in the config. */
export function orderedLabel(label: AgreementLabel, control: ControlInfo): AgreementLabel {
  if (typeof label !== 'string') return label;
  const at = control.order.indexOf(label);
  return at >= 0 ? at : label;
}

/** A label back into its result value: the inverse of labelOf, for consensus results. */
export function valueOf(label: AgreementLabel, control: ControlInfo): Record<string, unknown> {
  switch (control.type) {
    case 'choices': {
      const text = String(label);
      const choices = control.order.includes(text) || !text.startsWith('[') ? [text] : (JSON.parse(text) as string[]);
      return { choices };
    }
    case 'rating':
      return { rating: Number(label) };
    case 'number':
      return { number: Number(label) };
    case 'pairwise':
      return { selected: String(label) };
    default:
      throw new Error(`no classification value for a ${control.type} control`);
  }
}
