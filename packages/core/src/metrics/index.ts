export * from './agreement/index.js';
