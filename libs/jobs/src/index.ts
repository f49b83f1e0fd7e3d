export * from './jobs.module.js';
export * from './hub-worker.service.js';
