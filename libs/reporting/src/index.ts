export * from './reporting.module.js';
export * from './ete-funnel.service.js';
export * from './ete-funnel-facts.js';
export * from './reoffending.service.js';
export * from './reconviction-facts.service.js';
export * from './report.inputs.js';
export * from './report.models.js';
export * from './disclosure-control.js';
