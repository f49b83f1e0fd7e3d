export * from './auth.module.js';
export * from './tokens.service.js';
export * from './signing-keys.service.js';
export * from './jwt.strategy.js';
export * from './bearer-authenticator.service.js';
export * from './bearer-challenge.js';
