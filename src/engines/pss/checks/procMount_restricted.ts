import type { CheckDefinition } from '../types.js';
import { unmaskedProcMounts } from './procMount.js';

/** Upstream `check_procMount_restricted.go` (v1.35): procMount must be Default even in a user-namespaced pod. */
export const procMount_restricted: CheckDefinition = {
  id: 'procMount_restricted',
  level: 'restricted',
  versions: [{ minVersion: 35, check: unmaskedProcMounts, overrides: ['procMount'] }],
};
