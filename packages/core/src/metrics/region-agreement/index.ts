export type { LabelF1, RegionF1Result } from './f1-counts.js';
export { regionF1, type RegionF1Options } from './region-f1.js';
export { spanF1, type SpanF1Options } from './span-f1.js';
export { taskF1, type AnnotatorResult, type PairwiseF1, type TaskF1Result } from './task-f1.js';
