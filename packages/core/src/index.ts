export * from './label-config/index.js';
export * from './results/index.js';
export * from './metrics/index.js';
