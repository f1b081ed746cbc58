import type { Rule } from '../defineRule.js';
import rbacAdm001 from './RBAC-ADM-001.js';
import rbacAdm002 from './RBAC-ADM-002.js';
import rbacCtl050 from './RBAC-CTL-050.js';
import rbacCtl052 from './RBAC-CTL-052.js';
import rbacEsc010 from './RBAC-ESC-010.js';
import rbacEsc011 from './RBAC-ESC-011.js';
import rbacEsc012 from './RBAC-ESC-012.js';
import rbacExec030 from './RBAC-EXEC-030.js';
import rbacImp014 from './RBAC-IMP-014.js';
import rbacNode035 from './RBAC-NODE-035.js';
import rbacSec040 from './RBAC-SEC-040.js';
import rbacSec041 from './RBAC-SEC-041.js';
import rbacSub070 from './RBAC-SUB-070.js';
import rbacSub071 from './RBAC-SUB-071.js';
import rbacSub072 from './RBAC-SUB-072.js';
import rbacSub073 from './RBAC-SUB-073.js';
import rbacSub074 from './RBAC-SUB-074.js';
import rbacWc003 from './RBAC-WC-003.js';
import rbacWk080 from './RBAC-WK-080.js';
import rbacWl020 from './RBAC-WL-020.js';
import rbacWl021 from './RBAC-WL-021.js';
import rbacWl022 from './RBAC-WL-022.js';

/** The rbac rule family, listed explicitly; a test compares this list with the rule files on disk. */
export const rbacRules: Rule[] = [
  rbacAdm001,
  rbacAdm002,
  rbacWc003,
  rbacEsc010,
  rbacEsc011,
  rbacEsc012,
  rbacImp014,
  rbacWl020,
  rbacWl021,
  rbacWl022,
  rbacExec030,
  rbacNode035,
  rbacSec040,
  rbacSec041,
  rbacCtl050,
  rbacCtl052,
  rbacSub070,
  rbacSub071,
  rbacSub072,
  rbacSub073,
  rbacSub074,
  rbacWk080,
];
