export * from './api.js';
export * from './define.js';
export * from './errors.js';
export * from './model.js';
export * from './rpc.js';
