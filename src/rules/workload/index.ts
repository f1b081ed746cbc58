import type { Rule } from '../defineRule.js';
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
];
