export * from './sync.module.js';
export * from './sync-people.service.js';
export * from './sync-interventions.service.js';
export * from './idempotency.service.js';
export * from './sync.inputs.js';
export * from './sync.models.js';
export * from './bulk-people.service.js';
