export * from './events.module.js';
export * from './outbox.service.js';
export * from './outbox-event.entity.js';
export * from './event-delivery.entity.js';
export * from './event-handlers.js';
export * from './job-queue.service.js';
export * from './outbox-relay.service.js';
export * from './hub-worker.service.js';
