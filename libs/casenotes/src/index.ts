export * from './casenotes.module.js';
export * from './case-notes.service.js';
export * from './case-note.model.js';
export * from './case-note-vocabulary.js';
