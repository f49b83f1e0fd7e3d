export * from './domain-modules.js';
