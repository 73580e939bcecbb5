export * from './agreement/index.js';
export * from './region-agreement/index.js';
