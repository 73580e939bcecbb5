import type { LabelConfig } from '@laoshi/core';

/** The agreement metrics the server computes, by the kind of control they measure. */
const CLASSIFICATION = ['krippendorff', 'percent', 'cohen', 'fleiss'] as const;
const BY_TYPE: Record<string, readonly string[]> = {
  choices: CLASSIFICATION,
  rating: CLASSIFICATION,
  number: CLASSIFICATION,
  pairwise: CLASSIFICATION,
  rectanglelabels: ['region-f1'],
  polygonlabels: ['region-f1'],
  labels: ['span-f1'],
};

export interface MeasurableControl {
  name: string;
  type: string;
  metrics: readonly string[];
}

/** The controls of a label config that agreement can be measured on, with their metrics (first: the default). */
export function measurableControls(config: LabelConfig): MeasurableControl[] {
  return config.controls.flatMap((c) => (BY_TYPE[c.type] ? [{ name: c.name, type: c.type, metrics: BY_TYPE[c.type]! }] : []));
}

export interface AgreementQuery {
  fromName: string;
  metric: string;
  level: string;
  weights: string;
  threshold: string;
  spanMatch: string;
}

/** The query string of GET /api/projects/:id/agreement: only the options the metric takes. */
export function agreementSearch(q: AgreementQuery, limit = 20): string {
  const params = new URLSearchParams({ fromName: q.fromName, metric: q.metric, limit: String(limit) });
  if (q.metric === 'krippendorff' && q.level) params.set('level', q.level);
  if (q.metric === 'cohen' && q.weights) params.set('weights', q.weights);
  if (q.metric === 'region-f1' && q.threshold) params.set('threshold', q.threshold);
  if (q.metric === 'span-f1' && q.spanMatch) params.set('spanMatch', q.spanMatch);
  return params.toString();
}

/** A heatmap colour for an agreement value: red (≤ 0) through amber to green (1); grey when unknown. */
export function agreementColor(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '#eceef0';
  const v = Math.max(0, Math.min(1, value));
  return `hsl(${Math.round(v * 120)}, 62%, ${Math.round(88 - v * 30)}%)`;
}
