import type { Rule } from '../defineRule.js';

/** The rbac rule family, listed explicitly; a test compares this list with the rule files on disk. */
export const rbacRules: Rule[] = [];
