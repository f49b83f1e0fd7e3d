export * from './events.module.js';
export * from './outbox.service.js';
export * from './outbox-event.entity.js';
