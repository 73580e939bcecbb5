import type { AgreementLabel, KappaWeights, KrippendorffLevel } from '@laoshi/core';

export const CLASSIFICATION_METRICS = ['percent', 'cohen', 'fleiss', 'krippendorff'] as const;
export const F1_METRICS = ['region-f1', 'span-f1'] as const;
export type ClassificationMetric = (typeof CLASSIFICATION_METRICS)[number];
export type AgreementMetric = ClassificationMetric | (typeof F1_METRICS)[number];

export interface AgreementOptions {
  metric?: AgreementMetric;
  level?: KrippendorffLevel;
  weights?: KappaWeights;
  fromName?: string;
  /** IoU threshold of region F1. */
  threshold?: number;
  /** Span matching of span F1. */
  spanMatch?: 'exact' | 'overlap';
  /** How many of the most disagreed tasks to list. */
  limit?: number;
}

/** One statistic with its sizes; value null (with a note) when it cannot be computed. */
export interface Statistic {
  value: number | null;
  items: number;
  raters: number;
  pairable: number;
  note?: string;
}

export interface LabelAgreement {
  label: AgreementLabel;
  value: number | null;
  /** Ratings (classification) or regions (F1) with this label. */
  support: number;
}

export interface PairAgreement {
  annotators: [number, number];
  value: number | null;
  /** Items (tasks) both annotators did. */
  items: number;
}

export interface Disagreement {
  taskId: number;
  annotationIds: number[];
  annotators: number[];
  /** 0 = everyone agrees, 1 = no two agree. */
  disagreement: number;
}

/** What the metric computations give back, before people and the matrix are added. */
export interface AgreementCore extends Statistic {
  aggregate: 'all-raters' | 'mean-of-pairs' | 'micro-f1';
  perLabel: LabelAgreement[];
  pairs: PairAgreement[];
  disagreements: Disagreement[];
  annotatorIds: number[];
}
