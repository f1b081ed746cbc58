// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Terraform interpolations, not JavaScript templates
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadClustersFrom } from '../../src/load/aks/testSupport.js';
import { type AksCluster, clusterField, isUnknown } from '../../src/model/aksCluster.js';
import { lineOf } from '../../src/rules/aks/testFixtures.js';
import { scanAks } from '../support/aksScan.js';

/** A cluster whose network policy is `var.policy` (no default) and whose SKU tier is `var.tier`. */
const MAIN = `resource "azurerm_kubernetes_cluster" "main" {
  name       = "aks1"
  dns_prefix = "aks1"
  sku_tier   = var.tier
  network_profile {
    network_plugin = "azure"
    network_policy = var.policy
  }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
variable "policy" {
  type = string
}
variable "tier" {
  default = "Free"
}
`;

function plain(value: unknown): unknown {
  return isUnknown(value) ? `unknown: ${value.reason}` : value;
}

async function only(files: Record<string, string>): Promise<AksCluster> {
  const loaded = await loadClustersFrom(files);
  assert.deepEqual(
    loaded.issues.map((issue) => issue.message),
    [],
  );
  assert.equal(loaded.clusters.length, 1);
  return loaded.clusters[0]!;
}

describe('tfvars precedence (terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical order)', () => {
  const cases: { name: string; files: Record<string, string>; policy: unknown; tier?: unknown }[] = [
    { name: 'terraform.tfvars', files: { 'terraform.tfvars': 'policy = "azure"\n' }, policy: 'azure' },
    {
      name: 'terraform.tfvars.json wins over terraform.tfvars',
      files: { 'terraform.tfvars': 'policy = "azure"\n', 'terraform.tfvars.json': '{"policy": "calico"}\n' },
      policy: 'calico',
    },
    {
      name: '*.auto.tfvars win over terraform.tfvars.json',
      files: { 'terraform.tfvars.json': '{"policy": "calico"}\n', 'x.auto.tfvars': 'policy = "cilium"\n' },
      policy: 'cilium',
    },
    {
      name: 'auto files in lexical order of names: b.auto.tfvars after a.auto.tfvars.json',
      files: { 'b.auto.tfvars': 'policy = "azure"\n', 'a.auto.tfvars.json': '{"policy": "calico"}\n' },
      policy: 'azure',
    },
    {
      name: 'lexical order compares whole names: a.auto.tfvars.json after a.auto.tfvars',
      files: { 'a.auto.tfvars.json': '{"policy": "calico"}\n', 'a.auto.tfvars': 'policy = "azure"\n' },
      policy: 'calico',
    },
    {
      name: 'a non-automatic prod.tfvars is not loaded',
      files: { 'prod.tfvars': 'policy = "calico"\ntier = "Premium"\n' },
      policy:
        'unknown: depends on var.policy (set in prod.tfvars, which Terraform loads only with -var-file; pass --tf-var-file prod.tfvars)',
      tier: 'Free',
    },
    {
      name: 'variables.tf defaults stay when no file sets them',
      files: { 'terraform.tfvars': 'policy = "azure"\n' },
      policy: 'azure',
      tier: 'Free',
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const cluster = await only({ 'main.tf': MAIN, ...testCase.files });
      assert.equal(plain(clusterField(cluster, 'networkProfile.networkPolicy').value), testCase.policy);
      if (testCase.tier !== undefined)
        assert.equal(plain(clusterField(cluster, 'sku.tier').value), testCase.tier);
    });
  }

  it('the value points at the tfvars line that sets it', async () => {
    const tfvars = 'tier = "Standard"\npolicy = "calico"\n';
    const cluster = await only({ 'main.tf': MAIN, 'terraform.tfvars': tfvars });
    const field = clusterField(cluster, 'networkProfile.networkPolicy');
    assert.deepEqual([field.location?.file, field.location?.line], ['terraform.tfvars', 2]);
  });

  it('--tf-var-file loads a named file last (it wins over *.auto.tfvars)', async () => {
    const result = await scanAks(
      {
        'main.tf': MAIN,
        'x.auto.tfvars': 'policy = "none"\n',
        'prod.tfvars': 'policy = "calico"\ntier = "Standard"\n',
      },
      { tfVarFiles: ['prod.tfvars'] },
    );
    assert.ok(!result.findings.some((finding) => finding.startsWith('AKS-NET-05')), result.findings.join());
    assert.ok(!result.findings.some((finding) => finding.startsWith('AKS-GOV-06')), result.findings.join());
  });

  it('without --tf-var-file the policy from prod.tfvars is not evaluated, naming the flag', async () => {
    const result = await scanAks({ 'main.tf': MAIN, 'prod.tfvars': 'policy = "calico"\n' });
    assert.ok(
      result.notEvaluated.includes(
        `AKS-NET-05 main.tf:${lineOf(MAIN, 'network_policy')} depends on var.policy (set in prod.tfvars, which Terraform loads only with -var-file; pass --tf-var-file prod.tfvars)`,
      ),
      result.notEvaluated.join('\n'),
    );
  });

  it('a missing --tf-var-file is an input error naming it', async () => {
    const result = await scanAks({ 'main.tf': MAIN }, { tfVarFiles: ['nope.tfvars'] });
    assert.deepEqual(result.issues, ['error nope.tfvars:0 --tf-var-file: no such file or folder']);
  });
});

describe('dynamic blocks and the azurerm version (AKS-IAM-02)', () => {
  const dynamicAad = (variable: string, version = '~> 4.0') => `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "${version}" }
  }
}
resource "azurerm_kubernetes_cluster" "main" {
  name       = "aks1"
  dns_prefix = "aks1"
  dynamic "azure_active_directory_role_based_access_control" {
    for_each = var.aad ? ["aad"] : []
    content {
      azure_rbac_enabled = true
    }
  }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
${variable}
`;
  const cases: { name: string; text: string; findings: string[]; notEvaluated: string[] }[] = [
    {
      name: 'for_each on a variable without default: not evaluated',
      text: dynamicAad('variable "aad" {\n  type = bool\n}'),
      findings: [],
      notEvaluated: [
        'AKS-IAM-02 main.tf:9 dynamic "azure_active_directory_role_based_access_control" block: depends on the condition var.aad',
      ],
    },
    {
      name: 'for_each true by default: the block exists, AKS-managed under azurerm 4',
      text: dynamicAad('variable "aad" {\n  default = true\n}'),
      findings: [],
      notEvaluated: [],
    },
    {
      name: 'for_each false by default: no Entra ID',
      text: dynamicAad('variable "aad" {\n  default = false\n}'),
      findings: ['AKS-IAM-02 main.tf:6'],
      notEvaluated: [],
    },
    {
      name: 'azurerm 3 without managed = true and without applications: managed',
      text: dynamicAad('variable "aad" {\n  default = true\n}', '~> 3.100'),
      findings: [],
      notEvaluated: [],
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const result = await scanAks({ 'main.tf': testCase.text });
      assert.deepEqual(
        result.findings.filter((finding) => finding.startsWith('AKS-IAM-02')),
        testCase.findings,
      );
      assert.deepEqual(
        result.notEvaluated.filter((entry) => entry.startsWith('AKS-IAM-02')),
        testCase.notEvaluated,
      );
    });
  }

  it('azurerm 4: the block is AKS-managed whatever `managed` says (the argument no longer exists)', async () => {
    const text = dynamicAad('variable "aad" {\n  default = true\n}').replace(
      'azure_rbac_enabled = true',
      'azure_rbac_enabled = true\n      managed            = false',
    );
    const cluster = await only({ 'main.tf': text });
    assert.equal(clusterField(cluster, 'aadProfile.managed').value, true);
  });

  it('azurerm 3: managed = false with applications is the legacy integration', async () => {
    const text = dynamicAad('variable "aad" {\n  default = true\n}', '~> 3.100').replace(
      'azure_rbac_enabled = true',
      'managed       = false\n      client_app_id = "a"\n      server_app_id = "b"',
    );
    const cluster = await only({ 'main.tf': text });
    assert.equal(clusterField(cluster, 'aadProfile.managed').value, false);
  });

  it('the iterator of a dynamic block is bound to each element', async () => {
    const text = dynamicAad(
      'variable "aad" {\n  default = true\n}\nvariable "groups" {\n  default = { admins = ["g1"] }\n}',
    )
      .replace('for_each = var.aad ? ["aad"] : []', 'for_each = var.aad ? [var.groups] : []')
      .replace(
        'azure_rbac_enabled = true',
        'azure_rbac_enabled     = true\n      admin_group_object_ids = azure_active_directory_role_based_access_control.value.admins',
      );
    const cluster = await only({ 'main.tf': text });
    assert.deepEqual(clusterField(cluster, 'aadProfile.adminGroupObjectIDs').value, ['g1']);
  });
});

/** A plan of one cluster; `extra` merges into the resource's values, `change` is its resource_changes entry. */
function plan(
  values: Record<string, unknown>,
  change: Record<string, unknown>,
  configuration?: unknown,
): string {
  const address = 'azurerm_kubernetes_cluster.main';
  const body = {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: [
          {
            address,
            mode: 'managed',
            type: 'azurerm_kubernetes_cluster',
            name: 'main',
            values: {
              name: 'aks1',
              role_based_access_control_enabled: true,
              default_node_pool: [{ name: 'system', vm_size: 'Standard_D4s_v5' }],
              identity: [{ type: 'SystemAssigned' }],
              ...values,
            },
            ...(change.sensitive_values ? { sensitive_values: change.sensitive_values } : {}),
          },
        ],
      },
    },
    resource_changes: [{ address, change: { actions: ['create'], ...change } }],
    ...(configuration ? { configuration } : {}),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

describe('plan JSON: after_unknown values are unknown, never absent with defaults', () => {
  it('known-after-apply ranges, private flag, local accounts and network profile are not evaluated', async () => {
    const text = plan(
      { api_server_access_profile: [{}], network_profile: [] },
      {
        after_unknown: {
          api_server_access_profile: [{ authorized_ip_ranges: true }],
          private_cluster_enabled: true,
          local_account_disabled: true,
          network_profile: true,
        },
      },
    );
    const result = await scanAks({ 'plan.json': text });
    for (const rule of ['AKS-NET-03', 'AKS-NET-01', 'AKS-IAM-04', 'AKS-NET-05'])
      assert.ok(
        !result.findings.some((f) => f.startsWith(`${rule} `)),
        `${rule} must not fire: ${result.findings}`,
      );
    const reasons = result.notEvaluated.filter((entry) => /^AKS-(NET-0[135]|IAM-04) /.test(entry));
    assert.deepEqual(
      reasons.map((entry) => entry.replace(/ plan\.json:\d+/, '')),
      [
        'AKS-IAM-04 known after apply (azurerm_kubernetes_cluster.main.local_account_disabled)',
        'AKS-NET-01 known after apply (azurerm_kubernetes_cluster.main.private_cluster_enabled)',
        'AKS-NET-03 known after apply (azurerm_kubernetes_cluster.main.private_cluster_enabled)',
        'AKS-NET-05 known after apply (azurerm_kubernetes_cluster.main.network_profile)',
      ],
    );
    assert.ok(
      result.notEvaluated.some((entry) =>
        entry.includes('known after apply (azurerm_kubernetes_cluster.main.private_cluster_enabled)'),
      ),
    );
  });

  it('a known value is judged as before', async () => {
    const result = await scanAks({
      'plan.json': plan(
        { private_cluster_enabled: false, local_account_disabled: false },
        { after_unknown: {} },
      ),
    });
    assert.ok(result.findings.some((f) => f.startsWith('AKS-IAM-04 ')));
    assert.ok(result.findings.some((f) => f.startsWith('AKS-NET-03 ')));
  });
});

describe('AKS-DATA-06 reads where a sensitive credential comes from', () => {
  const sp = { service_principal: [{ client_id: 'app', client_secret: 'Sup3rS3cret!' }], identity: [] };
  const sensitive = { sensitive_values: { service_principal: [{ client_secret: true }] } };
  const configuration = (expression: unknown, variables: unknown = {}) => ({
    root_module: {
      resources: [
        {
          address: 'azurerm_kubernetes_cluster.main',
          expressions: { service_principal: [{ client_secret: expression }] },
        },
      ],
      variables,
    },
  });
  const cases: { name: string; text: string; fires: boolean }[] = [
    {
      name: 'a sensitive variable without default: not plaintext',
      text: plan(
        sp,
        sensitive,
        configuration({ references: ['var.sp_secret'] }, { sp_secret: { sensitive: true } }),
      ),
      fires: false,
    },
    {
      name: 'a Key Vault data source: not plaintext',
      text: plan(
        sp,
        sensitive,
        configuration({
          references: ['data.azurerm_key_vault_secret.sp.value', 'data.azurerm_key_vault_secret.sp'],
        }),
      ),
      fires: false,
    },
    {
      name: 'a literal in the configuration: plaintext',
      text: plan(sp, sensitive, configuration({ constant_value: 'Sup3rS3cret!' })),
      fires: true,
    },
    {
      name: 'a variable whose default is the secret: plaintext',
      text: plan(
        sp,
        sensitive,
        configuration(
          { references: ['var.sp_secret'] },
          { sp_secret: { sensitive: true, default: 'Sup3rS3cret!' } },
        ),
      ),
      fires: true,
    },
    {
      name: 'marked sensitive, no configuration in the plan: not judged plaintext',
      text: plan(sp, sensitive),
      fires: false,
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const result = await scanAks({ 'plan.json': testCase.text });
      const fired = result.findings.filter((f) => f.startsWith('AKS-DATA-06 '));
      assert.equal(fired.length, testCase.fires ? 1 : 0, fired.join());
      assert.ok(!JSON.stringify(result).includes('Sup3rS3cret!'));
    });
  }

  it('HCL: a sensitive variable without default is not plaintext; a tfvars value is, at its line', async () => {
    const main = `resource "azurerm_kubernetes_cluster" "main" {
  name       = "aks1"
  dns_prefix = "aks1"
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  service_principal {
    client_id     = "app"
    client_secret = var.sp_secret
  }
}
variable "sp_secret" {
  sensitive = true
}
`;
    const without = await scanAks({ 'main.tf': main });
    assert.deepEqual(
      without.findings.filter((f) => f.startsWith('AKS-DATA-06')),
      [],
    );
    const withTfvars = await scanAks({
      'main.tf': main,
      'terraform.tfvars': '\nsp_secret = "Sup3rS3cret!"\n',
    });
    assert.deepEqual(
      withTfvars.findings.filter((f) => f.startsWith('AKS-DATA-06')),
      ['AKS-DATA-06 terraform.tfvars:2'],
    );
  });
});
