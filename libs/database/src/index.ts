export * from './database.module.js';
export * from './database-server.js';
export * from './embedded-postgres.js';
export * from './migrate.js';
export * from './data-source-options.js';
export * from './snake-naming.strategy.js';
export * from './query-counter.js';
export * from './raw-rows.js';
