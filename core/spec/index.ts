export * from './schema.js';
export * from './problems.js';
export * from './rules.js';
export * from './validate.js';
export * from './expand.js';
