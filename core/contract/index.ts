export * from './errors.js';
export * from './records.js';
export * from './series-codec.js';
export * from './methods.js';
export * from './events.js';
export * from './dispatch.js';
export * from './worker.js';
export * from './wire.js';
