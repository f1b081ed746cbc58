import type { Rule } from '../defineRule.js';
import wlHARDemptySecurityContext from './WL-HARD-emptySecurityContext.js';
import wlHARDhighUidGid from './WL-HARD-highUidGid.js';
import wlHARDhostAliases from './WL-HARD-hostAliases.js';
import wlHARDmountPropagation from './WL-HARD-mountPropagation.js';
import wlHARDprivilegedPorts from './WL-HARD-privilegedPorts.js';
import wlHARDreadOnlyRootFs from './WL-HARD-readOnlyRootFs.js';
import wlHARDrootGroup from './WL-HARD-rootGroup.js';
import wlHARDruntimeSocket from './WL-HARD-runtimeSocket.js';
import wlHARDsensitiveHostPath from './WL-HARD-sensitiveHostPath.js';
import wlHARDsshPort from './WL-HARD-sshPort.js';
import wlHARDuserNamespaces from './WL-HARD-userNamespaces.js';
import wlIMGlatestOrUntagged from './WL-IMG-latestOrUntagged.js';
import wlIMGnotDigestPinned from './WL-IMG-notDigestPinned.js';
import wlIMGuntrustedRegistry from './WL-IMG-untrustedRegistry.js';
import wlNETexternalIPs from './WL-NET-externalIPs.js';
import wlNETingressNoTLS from './WL-NET-ingressNoTLS.js';
import wlNETnodePort from './WL-NET-nodePort.js';
import wlNETpublicLoadBalancer from './WL-NET-publicLoadBalancer.js';
import wlNSdefaultNamespace from './WL-NS-defaultNamespace.js';
import wlNSkubeSystem from './WL-NS-kubeSystem.js';
import wlNSnakedPod from './WL-NS-nakedPod.js';
import wlNSpsaLabels from './WL-NS-psaLabels.js';
import wlPRBliveness from './WL-PRB-liveness.js';
import wlPRBreadiness from './WL-PRB-readiness.js';
import wlPSSAllowPrivilegeEscalation from './WL-PSS-allowPrivilegeEscalation.js';
import wlPSSAppArmorProfile from './WL-PSS-appArmorProfile.js';
import wlPSSCapabilitiesbaseline from './WL-PSS-capabilities_baseline.js';
import wlPSSCapabilitiesrestricted from './WL-PSS-capabilities_restricted.js';
import wlPSSHostNamespaces from './WL-PSS-hostNamespaces.js';
import wlPSSHostPathVolumes from './WL-PSS-hostPathVolumes.js';
import wlPSSHostPorts from './WL-PSS-hostPorts.js';
import wlPSSHostProbesAndHostLifecycle from './WL-PSS-hostProbesAndHostLifecycle.js';
import wlPSSPrivileged from './WL-PSS-privileged.js';
import wlPSSProcMount from './WL-PSS-procMount.js';
import wlPSSProcMountrestricted from './WL-PSS-procMount_restricted.js';
import wlPSSRestrictedVolumes from './WL-PSS-restrictedVolumes.js';
import wlPSSRunAsNonRoot from './WL-PSS-runAsNonRoot.js';
import wlPSSRunAsUser from './WL-PSS-runAsUser.js';
import wlPSSSeccompProfilebaseline from './WL-PSS-seccompProfile_baseline.js';
import wlPSSSeccompProfilerestricted from './WL-PSS-seccompProfile_restricted.js';
import wlPSSSeLinuxOptions from './WL-PSS-seLinuxOptions.js';
import wlPSSSysctls from './WL-PSS-sysctls.js';
import wlPSSWindowsHostProcess from './WL-PSS-windowsHostProcess.js';
import wlREScpuLimit from './WL-RES-cpuLimit.js';
import wlREScpuRequest from './WL-RES-cpuRequest.js';
import wlRESmemLimit from './WL-RES-memLimit.js';
import wlRESmemRequest from './WL-RES-memRequest.js';
import wlSECautomountToken from './WL-SEC-automountToken.js';
import wlSECcommittedSecret from './WL-SEC-committedSecret.js';
import wlSECdefaultServiceAccount from './WL-SEC-defaultServiceAccount.js';
import wlSECplainSecretEnv from './WL-SEC-plainSecretEnv.js';
import wlSECsecretAsEnv from './WL-SEC-secretAsEnv.js';
import wlSECsecretInConfigMap from './WL-SEC-secretInConfigMap.js';

/** The workload rule family, listed explicitly; a test compares this list with the rule files on disk. */
export const workloadRules: Rule[] = [
  wlSECplainSecretEnv,
  wlSECsecretAsEnv,
  wlSECsecretInConfigMap,
  wlSECcommittedSecret,
  wlSECautomountToken,
  wlSECdefaultServiceAccount,
  wlNETpublicLoadBalancer,
  wlNETnodePort,
  wlNETexternalIPs,
  wlNETingressNoTLS,
  wlIMGuntrustedRegistry,
  wlIMGlatestOrUntagged,
  wlIMGnotDigestPinned,
  wlNSdefaultNamespace,
  wlNSkubeSystem,
  wlNSnakedPod,
  wlPSSPrivileged,
  wlPSSHostNamespaces,
  wlPSSHostPathVolumes,
  wlPSSHostPorts,
  wlPSSHostProbesAndHostLifecycle,
  wlPSSCapabilitiesbaseline,
  wlPSSAppArmorProfile,
  wlPSSSeLinuxOptions,
  wlPSSProcMount,
  wlPSSSeccompProfilebaseline,
  wlPSSSysctls,
  wlPSSWindowsHostProcess,
  wlPSSAllowPrivilegeEscalation,
  wlPSSCapabilitiesrestricted,
  wlPSSProcMountrestricted,
  wlPSSRestrictedVolumes,
  wlPSSRunAsNonRoot,
  wlPSSRunAsUser,
  wlPSSSeccompProfilerestricted,
  wlNSpsaLabels,
  wlHARDreadOnlyRootFs,
  wlHARDruntimeSocket,
  wlHARDsensitiveHostPath,
  wlHARDhighUidGid,
  wlHARDrootGroup,
  wlHARDemptySecurityContext,
  wlHARDprivilegedPorts,
  wlHARDhostAliases,
  wlHARDsshPort,
  wlHARDmountPropagation,
  wlHARDuserNamespaces,
  wlREScpuRequest,
  wlRESmemRequest,
  wlREScpuLimit,
  wlRESmemLimit,
  wlPRBreadiness,
  wlPRBliveness,
];
