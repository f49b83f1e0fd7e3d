export * from './audit.module.js';
export * from './audit.service.js';
export * from './audit-chain.js';
export * from './audit-event.entity.js';
export * from './audit.model.js';
export * from './audit.plugin.js';
