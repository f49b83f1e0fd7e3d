export * from './errors.js';
export * from './domain.js';
export * from './actor.js';
export * from './request-context.js';
export * from './public.decorator.js';
import './graphql-enums.js';
export * from './error-mapping.js';
export * from './validation.js';
export * from './hub-exception.filter.js';
