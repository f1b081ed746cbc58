import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('hostProbesAndHostLifecycle', {
  title: 'Probe or lifecycle handler targets another host',
  description:
    "A `host` in an httpGet/tcpSocket probe or lifecycle handler makes the kubelet connect from the node to any address the manifest names, a server-side request forgery vector into the node's network (IMDS, wireserver, internal services). Pod Security baseline forbids it from policy v1.34.",
  severity: 'medium',
  fix: { manifest: "Remove the `host` field so that the kubelet probes the pod's own IP." },
});
