export * from './data-category.js';
export * from './ability.js';
export * from './policy.js';
export * from './facts.js';
export * from './scope.js';
export * from './access.service.js';
export * from './access.module.js';
export * from './permissions.js';
