import type { CheckDefinition } from '../types.js';
import { allowPrivilegeEscalation } from './allowPrivilegeEscalation.js';
import { appArmorProfile } from './appArmorProfile.js';
import { capabilities_baseline } from './capabilities_baseline.js';
import { capabilities_restricted } from './capabilities_restricted.js';
import { hostNamespaces } from './hostNamespaces.js';
import { hostPathVolumes } from './hostPathVolumes.js';
import { hostPorts } from './hostPorts.js';
import { hostProbesAndHostLifecycle } from './hostProbesAndHostLifecycle.js';
import { privileged } from './privileged.js';
import { procMount } from './procMount.js';
import { procMount_restricted } from './procMount_restricted.js';
import { restrictedVolumes } from './restrictedVolumes.js';
import { runAsNonRoot } from './runAsNonRoot.js';
import { runAsUser } from './runAsUser.js';
import { seccompProfile_baseline } from './seccompProfile_baseline.js';
import { seccompProfile_restricted } from './seccompProfile_restricted.js';
import { seLinuxOptions } from './seLinuxOptions.js';
import { sysctls } from './sysctls.js';
import { windowsHostProcess } from './windowsHostProcess.js';

/** The 19 checks of k8s.io/pod-security-admission, baseline first. */
export const CHECKS: readonly CheckDefinition[] = [
  privileged,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  capabilities_baseline,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfile_baseline,
  sysctls,
  windowsHostProcess,
  allowPrivilegeEscalation,
  capabilities_restricted,
  procMount_restricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfile_restricted,
];
