export * from './events.module.js';
export * from './outbox.service.js';
export * from './outbox-event.entity.js';
export * from './change-feed.service.js';
export * from './change.model.js';
