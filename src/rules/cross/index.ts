import type { Rule } from '../defineRule.js';

/** The cross rule family, listed explicitly; a test compares this list with the rule files on disk. */
export const crossRules: Rule[] = [];
