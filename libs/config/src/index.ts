export * from './hub-config.js';
export * from './config.module.js';
export * from './config.tokens.js';
