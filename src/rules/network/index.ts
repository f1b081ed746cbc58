import type { Rule } from '../defineRule.js';
import npDbWideOpen from './NP-dbWideOpen.js';
import npImdsReachable from './NP-imdsReachable.js';
import npInvalid from './NP-invalid.js';
import npNoDefaultDeny from './NP-noDefaultDeny.js';
import npNoEffect from './NP-noEffect.js';
import npSplitRule from './NP-splitRule.js';
import npUnprotected from './NP-unprotected.js';

/** The network rule family, listed explicitly; a test compares this list with the rule files on disk. */
export const networkRules: Rule[] = [
  npInvalid,
  npNoDefaultDeny,
  npUnprotected,
  npImdsReachable,
  npDbWideOpen,
  npNoEffect,
  npSplitRule,
];
