export * from './label-config/index.js';
export * from './results/index.js';
export * from './metrics/index.js';
export * from './tracks/index.js';
export * from './geometry/index.js';
export * from './matching/index.js';
export * from './consensus/index.js';
