import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadClustersFrom } from '../../../src/load/aks/testSupport.js';
import type { AksCluster } from '../../../src/model/aksCluster.js';
import { aksRules } from '../../../src/rules/aks/index.js';
import { corpus, filesUnder, type Verdict, verdictOf } from './harness.js';

/** Documents of the azure-rest-api-specs examples that are not clusters (a run command, an AAD profile reset, credentials). */
const NOT_CLUSTERS = [
  'RunCommandRequest.json',
  'ManagedClustersResetAADProfile.json',
  'ManagedClustersGetAccessProfile.json',
];

describe('AKS corpora load without error', () => {
  const sets: [string, number][] = [
    ['aks/arm-examples/', 27],
    ['aks/kubescape/', 20],
    ['aks/terraform-examples/', 28],
    ['apps/aks-store-demo/infra/terraform/', 3],
  ];
  for (const [prefix, fileCount] of sets) {
    it(`every file of ${prefix}`, async () => {
      const files = filesUnder(prefix);
      assert.equal(Object.keys(files).length, fileCount);
      const loaded = await loadClustersFrom(files);
      assert.deepEqual(
        loaded.issues.filter((issue) => issue.level === 'error'),
        [],
      );
      for (const path of Object.keys(files).filter((file) => file.endsWith('.json'))) {
        const isCluster = loaded.clusters.some((cluster) => cluster.location.file === path);
        assert.equal(isCluster, !NOT_CLUSTERS.some((name) => path.endsWith(name)), path);
      }
    });
  }

  it('every Checkov fixture loads', async () => {
    const loaded = await loadClustersFrom(filesUnder('aks/checkov/'));
    assert.deepEqual(loaded.issues, []);
    assert.ok(loaded.clusters.length > 100);
  });

  it('keeps the store demo Terraform next to its source', () => {
    assert.ok(
      corpus['apps/aks-store-demo/infra/terraform/kubernetes.tf']?.includes(
        'avm-res-containerservice-managedcluster',
      ),
    );
  });
});

async function clusterOf(path: string): Promise<AksCluster> {
  const directory = path.slice(0, path.lastIndexOf('/') + 1);
  const files = path.endsWith('.tf') ? filesUnder(directory) : { [path]: corpus[path]! };
  const loaded = await loadClustersFrom(files);
  const cluster = loaded.clusters.find((candidate) => candidate.location.file === path && !candidate.partial);
  assert.ok(cluster, `no cluster in ${path}`);
  return cluster;
}

/** Expected verdicts on real documents, each checked against what the document says. */
const table: [string, string, Verdict, string][] = [
  ['aks/arm-examples/ManagedClustersGet.json', 'AKS-IAM-01', 'FAIL', 'enableRBAC: false'],
  ['aks/arm-examples/ManagedClustersCreate_Update.json', 'AKS-NET-08', 'FAIL', 'enableNodePublicIP: true'],
  [
    'aks/arm-examples/ManagedClustersCreate_Update.json',
    'AKS-DATA-06',
    'FAIL',
    'literal servicePrincipalProfile.secret and Windows adminPassword',
  ],
  ['aks/arm-examples/ManagedClustersCreate_Update.json', 'AKS-DATA-03', 'PASS', 'diskEncryptionSetID set'],
  [
    'aks/arm-examples/ManagedClustersCreate_PrivateClusterPublicFQDN.json',
    'AKS-NET-02',
    'FAIL',
    'private with enablePrivateClusterPublicFQDN',
  ],
  [
    'aks/arm-examples/ManagedClustersCreate_PrivateClusterPublicFQDN.json',
    'AKS-NET-03',
    'PASS',
    'authorized ranges do not apply to private clusters',
  ],
  [
    'aks/arm-examples/ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
    'AKS-IAM-03',
    'PASS',
    'aadProfile.enableAzureRBAC',
  ],
  [
    'aks/arm-examples/ManagedClustersCreate_SecurityProfile.json',
    'AKS-MON-01',
    'PASS',
    'defender.securityMonitoring.enabled',
  ],
  [
    'aks/arm-examples/ManagedClustersCreate_DisableRunCommand.json',
    'AKS-IAM-08',
    'PASS',
    'disableRunCommand: true',
  ],
  ['aks/arm-examples/ManagedClustersCreate_Premium.json', 'AKS-GOV-06', 'PASS', 'Premium tier is valid'],
  [
    'aks/arm-examples/ManagedClustersCreate_EnableEncryptionAtHost.json',
    'AKS-DATA-02',
    'PASS',
    'enableEncryptionAtHost on the pool',
  ],
  [
    'aks/arm-examples/old/ManagedClustersCreate_Update.json',
    'AKS-NODE-01',
    'NOT_EVALUATED',
    'API 2019-08-01 has no node OS channel',
  ],
  ['aks/kubescape/rbac-enabled-cloud/failed/input/aks.json', 'AKS-IAM-01', 'FAIL', 'enableRBAC false'],
  [
    'aks/kubescape/ensure-azure-rbac-is-set/failed/input/ClusterDescribe.json',
    'AKS-IAM-03',
    'FAIL',
    'enableAzureRBAC false',
  ],
  [
    'aks/kubescape/ensure-azure-rbac-is-set/failed_with_aadProfile_null/input/ClusterDescribe.json',
    'AKS-IAM-02',
    'FAIL',
    'no aadProfile',
  ],
  [
    'aks/kubescape/restrict-access-to-the-control-plane-endpoint/success/input/aks.json',
    'AKS-NET-03',
    'PASS',
    'private cluster',
  ],
  [
    'aks/kubescape/restrict-access-to-the-control-plane-endpoint/failed/input/aks.json',
    'AKS-NET-03',
    'FAIL',
    'public, no ranges',
  ],
  [
    'aks/kubescape/rule-cni-enabled-aks/aks-calico-kubenet-pass/input/aks.json',
    'AKS-NET-05',
    'PASS',
    'calico engine',
  ],
  [
    'aks/kubescape/rule-cni-enabled-aks/aks-calico-kubenet-pass/input/aks.json',
    'AKS-NET-07',
    'FAIL',
    'kubenet plugin',
  ],
  [
    'aks/kubescape/rule-cni-enabled-aks/aks-kubenet-null-fail/input/aks.json',
    'AKS-NET-05',
    'FAIL',
    'networkPolicy null',
  ],
  [
    'aks/kubescape/secret-etcd-encryption-cloud/aks_kms/input/aks.json',
    'AKS-DATA-01',
    'PASS',
    'azureKeyVaultKms enabled',
  ],
  [
    'aks/kubescape/secret-etcd-encryption-cloud/aks_host_encryption/input/aks.json',
    'AKS-DATA-01',
    'FAIL',
    'host encryption does not encrypt etcd (kubescape C-0244 passes it)',
  ],
  [
    'aks/kubescape/ensure-azure-rbac-is-set/success/input/ClusterDescribe.json',
    'AKS-NODE-06',
    'FAIL',
    'AKSUbuntu-1804 node image',
  ],
  ['aks/terraform-examples/network-policy-calico/main.tf', 'AKS-NET-05', 'PASS', 'network_policy calico'],
  ['aks/terraform-examples/basic-cluster/main.tf', 'AKS-NET-05', 'FAIL', 'no network_profile'],
  ['aks/terraform-examples/private-api-server/main.tf', 'AKS-NET-01', 'PASS', 'private_cluster_enabled'],
  ['aks/terraform-examples/monitoring-log-analytics/main.tf', 'AKS-MON-03', 'PASS', 'oms_agent block'],
  [
    'aks/terraform-examples/old/role-based-access-control-azuread/main.tf',
    'AKS-IAM-02',
    'FAIL',
    'legacy AAD client/server applications (azurerm 2.x)',
  ],
  [
    'aks/terraform-examples/old/role-based-access-control/main.tf',
    'AKS-IAM-06',
    'NOT_EVALUATED',
    'service_principal client_id from a variable without default',
  ],
  [
    'apps/aks-store-demo/infra/terraform/kubernetes.tf',
    'AKS-IAM-04',
    'PASS',
    'AVM disable_local_accounts with managed AAD',
  ],
  ['apps/aks-store-demo/infra/terraform/kubernetes.tf', 'AKS-NET-05', 'PASS', 'AVM network_policy cilium'],
  [
    'apps/aks-store-demo/infra/terraform/kubernetes.tf',
    'AKS-NODE-01',
    'PASS',
    'AVM auto_upgrade_profile.node_os_channel_upgrade is dropped by Terraform (not a module input): the NodeImage default applies',
  ],
  ['apps/aks-store-demo/infra/terraform/kubernetes.tf', 'AKS-NET-01', 'FAIL', 'public API server'],
  [
    'apps/aks-store-demo/infra/terraform/kubernetes.tf',
    'AKS-MON-03',
    'FAIL',
    'addon_profile_oms_agent is null: local.deploy_observability_tools follows var.deploy_observability_tools, default "false"',
  ],
];

describe('expected verdicts on the corpora', () => {
  for (const [path, ruleId, verdict, why] of table) {
    it(`${ruleId} ${verdict} on ${path} (${why})`, async () => {
      const rule = aksRules.find((candidate) => candidate.id === ruleId)!;
      const cluster = await clusterOf(path);
      assert.equal(verdictOf(rule, { key: path, cluster }), verdict);
    });
  }
});
