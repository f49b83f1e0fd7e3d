export * from './interventions.module.js';
export * from './interventions.service.js';
export * from './sustainments.service.js';
export * from './intervention.model.js';
export * from './intervention-vocabulary.js';
export * from './log-intervention.input.js';
export * from './catalogue.js';
