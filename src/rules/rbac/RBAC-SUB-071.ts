import { adminGroupObjectIds } from '../../engines/rbac/fromInventory.js';
import { clusterField } from '../../model/aksCluster.js';
import { clusterOfAllObjects } from '../../model/scope.js';
import { CLUSTER, inputsOf, RBAC } from '../inputs.js';
import { subjectRule } from './subjectSupport.js';

export default subjectRule({
  inputs: inputsOf(CLUSTER, RBAC),
  id: 'RBAC-SUB-071',
  title: 'Binding grants rights to every authenticated user',
  description:
    'The group `system:authenticated` is every identity that can log in. On AKS with Microsoft Entra ID that is every user of the tenant, guests included; the finding is critical when the cluster has Entra integration. Bootstrap bindings (system:basic-user, system:discovery, system:public-info-viewer) are baseline.',
  severity: 'high',
  refs: ['kubescape C-0265', 'AKS: Entra ID integration'],
  matches: (s) => s.kind === 'Group' && s.name === 'system:authenticated',
  what: 'every authenticated user',
  severityOf: (ctx) => {
    const cluster = clusterOfAllObjects(ctx.inventory);
    if (!cluster) return undefined;
    const aad = clusterField(cluster, 'aadProfile').value;
    return aad !== undefined || adminGroupObjectIds(cluster).length > 0 ? 'critical' : undefined;
  },
});
