import { clusterField, isUnknown } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-GOV-05',
  title: 'Tenancy model not recorded',
  description:
    'Whether tenants share a cluster (namespaces) or get their own clusters decides the blast radius of a compromise; namespaces are not a security boundary against hostile tenants. Record the decision as a `tenancy` tag on the cluster (e.g. `single-team`, `multi-team`, `hostile-multi-tenant`) so it can be reviewed.',
  severity: 'info',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['CIS AKS 4.6.1'],
  fix: {
    az: 'az aks update -g RG -n NAME --tags tenancy=single-team',
    terraform: 'tags = { tenancy = "single-team" }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const tags = clusterField(cluster, 'tags');
      if (isUnknown(tags.value)) continue;
      const recorded =
        typeof tags.value === 'object' &&
        tags.value !== null &&
        Object.keys(tags.value).some((key) => key.toLowerCase().endsWith('tenancy'));
      if (recorded) continue;
      reportAt(
        context,
        cluster,
        tags,
        `cluster ${cluster.name} does not record its tenancy model (no tenancy tag)`,
        { evidence: { tags: Object.keys((tags.value as object) ?? {}) } },
      );
    }
  },
});
