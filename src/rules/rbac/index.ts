import type { Rule } from '../defineRule.js';
import rbacAdm001 from './RBAC-ADM-001.js';
import rbacAdm002 from './RBAC-ADM-002.js';
import rbacAks003 from './RBAC-AKS-003.js';
import rbacAks004 from './RBAC-AKS-004.js';
import rbacAks005 from './RBAC-AKS-005.js';
import rbacAks008 from './RBAC-AKS-008.js';
import rbacAks010 from './RBAC-AKS-010.js';
import rbacCtl050 from './RBAC-CTL-050.js';
import rbacCtl051 from './RBAC-CTL-051.js';
import rbacCtl052 from './RBAC-CTL-052.js';
import rbacCtl053 from './RBAC-CTL-053.js';
import rbacCtl054 from './RBAC-CTL-054.js';
import rbacCtl055 from './RBAC-CTL-055.js';
import rbacCtl056 from './RBAC-CTL-056.js';
import rbacCtl057 from './RBAC-CTL-057.js';
import rbacCtl058 from './RBAC-CTL-058.js';
import rbacCtl059 from './RBAC-CTL-059.js';
import rbacEsc010 from './RBAC-ESC-010.js';
import rbacEsc011 from './RBAC-ESC-011.js';
import rbacEsc012 from './RBAC-ESC-012.js';
import rbacEsc013 from './RBAC-ESC-013.js';
import rbacExec030 from './RBAC-EXEC-030.js';
import rbacExec031 from './RBAC-EXEC-031.js';
import rbacExec032 from './RBAC-EXEC-032.js';
import rbacExec033 from './RBAC-EXEC-033.js';
import rbacExec034 from './RBAC-EXEC-034.js';
import rbacImp014 from './RBAC-IMP-014.js';
import rbacImp015 from './RBAC-IMP-015.js';
import rbacNode035 from './RBAC-NODE-035.js';
import rbacSec040 from './RBAC-SEC-040.js';
import rbacSec041 from './RBAC-SEC-041.js';
import rbacSec042 from './RBAC-SEC-042.js';
import rbacSec043 from './RBAC-SEC-043.js';
import rbacSub070 from './RBAC-SUB-070.js';
import rbacSub071 from './RBAC-SUB-071.js';
import rbacSub072 from './RBAC-SUB-072.js';
import rbacSub073 from './RBAC-SUB-073.js';
import rbacSub074 from './RBAC-SUB-074.js';
import rbacSub075 from './RBAC-SUB-075.js';
import rbacWc003 from './RBAC-WC-003.js';
import rbacWk080 from './RBAC-WK-080.js';
import rbacWl020 from './RBAC-WL-020.js';
import rbacWl021 from './RBAC-WL-021.js';
import rbacWl022 from './RBAC-WL-022.js';
import rbacWl023 from './RBAC-WL-023.js';
import rbacWl024 from './RBAC-WL-024.js';

/** The rbac rule family, listed explicitly; a test compares this list with the rule files on disk. */
export const rbacRules: Rule[] = [
  rbacAdm001,
  rbacAdm002,
  rbacWc003,
  rbacEsc010,
  rbacEsc011,
  rbacEsc012,
  rbacEsc013,
  rbacImp014,
  rbacImp015,
  rbacWl020,
  rbacWl021,
  rbacWl022,
  rbacWl023,
  rbacWl024,
  rbacExec030,
  rbacExec031,
  rbacExec032,
  rbacExec033,
  rbacExec034,
  rbacNode035,
  rbacSec040,
  rbacSec041,
  rbacSec042,
  rbacSec043,
  rbacCtl050,
  rbacCtl051,
  rbacCtl052,
  rbacCtl053,
  rbacCtl054,
  rbacCtl055,
  rbacCtl056,
  rbacCtl057,
  rbacCtl058,
  rbacCtl059,
  rbacSub070,
  rbacSub071,
  rbacSub072,
  rbacSub073,
  rbacSub074,
  rbacSub075,
  rbacWk080,
  rbacAks003,
  rbacAks004,
  rbacAks005,
  rbacAks008,
  rbacAks010,
];
