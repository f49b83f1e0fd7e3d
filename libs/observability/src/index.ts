export * from './logger.js';
export * from './metrics.js';
export * from './observability.module.js';
export * from './serving-health.js';
