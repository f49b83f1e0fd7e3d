export * from './demo.module.js';
export * from './demo-seeder.service.js';
export * from './demo-world.js';
export * from './demo-people.js';
export * from './population-generator.js';
