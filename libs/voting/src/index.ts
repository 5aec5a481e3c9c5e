export * from './voting.errors.js';
export * from './rules/fraction.js';
export * from './rules/rule-spec.js';
export type { RuleContext } from './rules/rule-context.js';
export * from './rules/evaluate-motion.js';
export * from './rules/evaluate-choice.js';
