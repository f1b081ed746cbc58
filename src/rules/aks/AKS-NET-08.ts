import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, poolBool, poolsOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NET-08',
  title: 'Node pool gives nodes public IP addresses',
  description:
    'Nodes with public IPs are directly reachable from the Internet (kubelet, SSH, NodePorts) and bypass the egress path. Every pool is judged, including pools declared as separate resources.',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['CIS AKS 5.4.3', 'Checkov CKV_AZURE_143'],
  fix: {
    az: 'node public IPs cannot be removed: az aks nodepool add ... (without --enable-node-public-ip), drain and delete the old pool',
    terraform: 'node_public_ip_enabled = false (azurerm 3.x: enable_node_public_ip; forces a new pool)',
  },
  check(context) {
    for (const { cluster, pool } of poolsOf(context)) {
      const publicIp = poolBool(pool, 'enableNodePublicIP');
      if (anyUnknown(context, cluster, [publicIp], pool)) continue;
      if (publicIp.value !== true) continue;
      reportAt(
        context,
        cluster,
        publicIp,
        `node pool ${pool.name} of cluster ${cluster.name} assigns public IP addresses to its nodes`,
        {
          pool,
          evidence: { enableNodePublicIP: true },
        },
      );
    }
  },
});
