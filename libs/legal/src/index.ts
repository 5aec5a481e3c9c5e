export * from './body-kind.js';
export * from './legal-rule.js';
export * from './legal-profiles.js';
