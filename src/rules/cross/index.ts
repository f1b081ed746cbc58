import type { Rule } from '../defineRule.js';
import X_NET_policiesNotEnforced from './X-NET-policiesNotEnforced.js';

/** The cross rule family, listed explicitly; a test compares this list with the rule files on disk. */
export const crossRules: Rule[] = [X_NET_policiesNotEnforced];
