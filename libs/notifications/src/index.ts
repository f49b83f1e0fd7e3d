export * from './notifications.module.js';
export * from './notifications.service.js';
export * from './notification-settings.service.js';
export * from './notification-kinds.js';
export * from './notification.model.js';
export * from './mail-transport.js';
export { Notification, NotificationSetting, type NotificationStatus } from './notification.entity.js';
