import { type AksCluster, clusterField, isUnknown, type Sourced } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, reportAt } from './support.js';

const CREDENTIALS: { path: string; what: string }[] = [
  { path: 'servicePrincipalProfile.secret', what: 'service principal secret' },
  { path: 'aadProfile.serverAppSecret', what: 'Entra server application secret' },
  { path: 'windowsProfile.adminPassword', what: 'Windows administrator password' },
];

/** A credential that is written as a literal (a parameter, variable or Key Vault reference is unknown here). */
function literal(cluster: AksCluster, path: string): Sourced<unknown> | undefined {
  const field = clusterField(cluster, path);
  if (!field.present || isUnknown(field.value)) return undefined;
  return typeof field.value === 'string' && field.value.trim() !== '' ? field : undefined;
}

export default defineRule({
  id: 'AKS-DATA-06',
  title: 'Plaintext credential in the cluster definition',
  description:
    'A service principal secret, Entra application secret or Windows admin password written in a template or Terraform file ends up in source control, CI logs and state files. Pass it as a secure parameter, a Key Vault reference or a sensitive variable without default. The value itself is never shown.',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['CWE-798'],
  fix: {
    az: 'move the credential to Key Vault; prefer a managed identity (az aks update --enable-managed-identity)',
    terraform: 'use a sensitive variable without default or a Key Vault data source instead of a literal',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      for (const { path, what } of CREDENTIALS) {
        const field = literal(cluster, path);
        if (!field) continue;
        reportAt(
          context,
          cluster,
          field,
          `cluster ${cluster.name} has a ${what} written in plaintext (${path})`,
          {
            key: path,
            evidence: { field: path, value: '(redacted)' },
          },
        );
      }
    }
  },
});
