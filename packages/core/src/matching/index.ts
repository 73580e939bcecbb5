export { MatchingError } from './matching-error.js';
export { hungarian, type Assignment, type Matrix } from './hungarian.js';
export { matchByIoU, type IoUMatching, type MatchByIoUOptions, type MatchedPair } from './match-by-iou.js';
