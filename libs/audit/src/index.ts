export * from './audit-entry.entity.js';
export * from './audit-head.entity.js';
export * from './audit-hash.js';
export * from './audit-chain.js';
export * from './audit.service.js';
export * from './audit.module.js';
