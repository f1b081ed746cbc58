import type { Rule } from '../defineRule.js';

/** The network rule family, listed explicitly; a test compares this list with the rule files on disk. */
export const networkRules: Rule[] = [];
