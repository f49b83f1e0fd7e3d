export * from './consent.module.js';
export * from './consents.service.js';
export * from './consent.model.js';
export * from './consent-vocabulary.js';
export * from './grant-consent.input.js';
export * from './referral-basis.service.js';
export * from './consent.relations.js';
export * from './lawful-basis.service.js';
