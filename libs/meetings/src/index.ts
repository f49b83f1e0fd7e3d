export * from './meetings.module.js';
export * from './meetings.service.js';
export * from './meeting-actions.service.js';
export * from './meeting-view.service.js';
export * from './meeting.model.js';
export * from './meeting-vocabulary.js';
