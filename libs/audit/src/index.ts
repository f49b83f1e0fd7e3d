export * from './audit.module.js';
export * from './audit.service.js';
export * from './audit-chain.js';
export * from './audit-event.entity.js';
export * from './audit.plugin.js';
export * from './break-glass.service.js';
export * from './break-glass-grant.entity.js';
export * from './subject-access.service.js';
