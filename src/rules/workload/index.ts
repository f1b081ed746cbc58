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
];
