import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lineOf } from '../../src/rules/aks/testFixtures.js';
import { scan } from '../../src/scan.js';
import { scanAks, summarize } from '../support/aksScan.js';
import { tempTree } from '../support/tempTree.js';

const MODULE_MAIN = `resource "azurerm_kubernetes_cluster" "this" {
  name                    = var.name
  dns_prefix              = var.name
  local_account_disabled  = var.local_accounts_disabled
  private_cluster_enabled = var.settings.private
  network_profile {
    network_plugin = "azure"
    network_policy = var.network_policy
  }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
`;
const MODULE_VARIABLES = `variable "name" {}
variable "network_policy" {
  default = null
}
variable "local_accounts_disabled" {
  default = false
}
variable "settings" {
  default = { private = false }
}
`;
const CALLER = `module "aks" {
  source         = "./modules/aks"
  name           = "aks-prod"
  network_policy = var.policy
  settings = {
    private = true
  }
}
variable "policy" {
  default = "none"
}
`;

const only = (list: string[], rule: string) => list.filter((entry) => entry.startsWith(`${rule} `));

describe('Terraform local module calls', () => {
  const files = {
    'main.tf': CALLER,
    'modules/aks/main.tf': MODULE_MAIN,
    'modules/aks/variables.tf': MODULE_VARIABLES,
  };

  const table: { rule: string; expected: string[]; why: string }[] = [
    {
      rule: 'AKS-NET-05',
      expected: [`AKS-NET-05 main.tf:${lineOf(CALLER, 'network_policy')}`],
      why: 'value from the caller: its argument line',
    },
    { rule: 'AKS-NET-01', expected: [], why: 'settings.private = true from an object argument' },
    { rule: 'AKS-NET-03', expected: [], why: 'private cluster' },
    {
      rule: 'AKS-IAM-04',
      expected: [`AKS-IAM-04 modules/aks/main.tf:${lineOf(MODULE_MAIN, 'local_account_disabled')}`],
      why: 'module default: the module line',
    },
    { rule: 'AKS-IAM-02', expected: ['AKS-IAM-02 modules/aks/main.tf:1'], why: 'absent: the resource' },
  ];
  for (const { rule, expected, why } of table) {
    it(`${rule}: ${why}`, async () => {
      const result = await scanAks(files);
      assert.deepEqual(result.issues, []);
      assert.deepEqual(only(result.findings, rule), expected);
    });
  }

  it('the called folder is not also judged as a root of its own (one cluster, no unknowns)', async () => {
    const result = await scanAks(files);
    assert.deepEqual(
      result.notEvaluated.filter((entry) => entry.includes('depends on var.')),
      [],
    );
    assert.equal(only(result.findings, 'AKS-IAM-02').length, 1);
  });

  it('scanning the module folder alone judges it as a root (its variables unknown)', async () => {
    const result = await scanAks(files, { paths: ['modules/aks'] });
    assert.deepEqual(only(result.notEvaluated, 'AKS-NET-05'), [
      `AKS-NET-05 modules/aks/main.tf:${lineOf(MODULE_MAIN, 'network_policy')} depends on var.network_policy`,
    ]);
  });

  it('a module outside the scanned paths is read from disk', async () => {
    const result = await scanAks(files, { paths: ['main.tf'] });
    assert.deepEqual(only(result.findings, 'AKS-NET-05'), [
      `AKS-NET-05 main.tf:${lineOf(CALLER, 'network_policy')}`,
    ]);
  });

  it('nested calls: an argument passed down keeps pointing at where it is set', async () => {
    const wrapper = `module "inner" {
  source         = "../aks"
  name           = "aks-prod"
  network_policy = var.network_policy
}
variable "network_policy" {}
`;
    const root = `module "platform" {
  source         = "./modules/platform"
  network_policy = "none"
}
`;
    const result = await scanAks({
      'main.tf': root,
      'modules/platform/main.tf': wrapper,
      'modules/aks/main.tf': MODULE_MAIN,
      'modules/aks/variables.tf': MODULE_VARIABLES,
    });
    assert.deepEqual(only(result.findings, 'AKS-NET-05'), ['AKS-NET-05 main.tf:3']);
  });

  it('count = 0 deploys nothing', async () => {
    const result = await scanAks({ ...files, 'main.tf': CALLER.replace('source ', 'count  = 0\n  source ') });
    assert.deepEqual(result.findings, []);
  });

  it('a module folder that does not exist is an error at the call', async () => {
    const result = await scanAks({ 'main.tf': 'module "x" {\n  source = "./nope"\n}\n' });
    assert.deepEqual(result.issues, ['error main.tf:1 module "x": no Terraform files in "./nope"']);
  });

  it('a module calling itself is bounded', async () => {
    const result = await scanAks({ 'main.tf': 'module "again" {\n  source = "./"\n}\n' });
    assert.deepEqual(result.findings, []);
  });
});

describe('remote module sources are listed as not analysed', () => {
  const cases: [string, string][] = [
    [
      'git::https://example.com/aks.git?ref=v1',
      'a Git repository is not fetched; scan a checkout of it with the caller',
    ],
    [
      'github.com/example/terraform-aks',
      'a Git repository is not fetched; scan a checkout of it with the caller',
    ],
    [
      'example/aks/azurerm',
      'a registry module is not fetched; run terraform init (or terraform get) so it is installed under .terraform/modules, then scan again',
    ],
    ['https://example.com/aks.zip', 'an archive or bucket is not fetched'],
  ];
  for (const [source, why] of cases) {
    it(source, async () => {
      const text = `\nmodule "aks" {\n  source = "${source}"\n}\n`;
      const result = await scanAks({ 'main.tf': text });
      assert.deepEqual(result.coverage.skipped, [
        {
          path: 'main.tf',
          line: 2,
          category: 'remote-source',
          reason: `module "aks" not analysed (remote source ${JSON.stringify(source)}): ${why}`,
          significant: true,
        },
      ]);
    });
  }
});

describe('a remote module counts as a gap only when it may deploy a cluster (as Bicep registry modules)', () => {
  const cases: [source: string, significant: boolean][] = [
    ['Azure/avm-res-containerregistry-registry/azurerm', false],
    ['registry.terraform.io/Azure/avm-res-network-virtualnetwork/azurerm', false],
    ['Azure/avm-ptn-alz/azurerm', false],
    ['Azure/avm-ptn-aks-production/azurerm', true],
    ['Azure/avm-res-containerservice-fleet/azurerm', true],
    ['example/aks/azurerm', true],
    ['git::https://example.com/registry.git', true],
  ];
  for (const [source, significant] of cases)
    it(`${source}: ${significant ? 'significant' : 'listed, not significant'}`, async () => {
      const result = await scanAks({ 'main.tf': `module "m" {\n  source = "${source}"\n}\n` });
      assert.deepEqual(
        result.coverage.skipped.map((entry) => [entry.category, entry.significant]),
        [['remote-source', significant]],
      );
    });
});

describe('remote modules installed by terraform init are read from .terraform/modules', () => {
  const manifest = JSON.stringify({
    Modules: [
      { Key: '', Source: '', Dir: '.' },
      {
        Key: 'aks',
        Source: 'registry.terraform.io/example/aks/azurerm',
        Version: '1.0.0',
        Dir: '.terraform/modules/aks',
      },
    ],
  });
  const caller = `module "aks" {
  source         = "example/aks/azurerm"
  version        = "1.0.0"
  name           = "aks1"
  network_policy = "none"
}
`;
  it('judged through the call, with its arguments; not a root of its own; not listed as skipped', async () => {
    const result = await scanAks({
      'main.tf': caller,
      '.terraform/modules/modules.json': manifest,
      '.terraform/modules/aks/main.tf': MODULE_MAIN,
      '.terraform/modules/aks/variables.tf': MODULE_VARIABLES,
    });
    assert.deepEqual(
      result.coverage.skipped.filter((entry) => entry.significant),
      [],
    );
    assert.deepEqual(only(result.findings, 'AKS-NET-05'), ['AKS-NET-05 main.tf:5']);
    assert.equal(only(result.findings, 'AKS-IAM-02').length, 1);
  });

  it('without the installed copy the call is listed as not analysed', async () => {
    const result = await scanAks({ 'main.tf': caller });
    assert.deepEqual(
      result.coverage.skipped.map((entry) => `${entry.category} ${entry.path}:${entry.line}`),
      ['remote-source main.tf:1'],
    );
  });
});

describe('Terraform modules are folders: symbolic links elsewhere never change a root', () => {
  it('a sibling folder linking variables.tf to the root leaves the root verdicts unchanged', async () => {
    const root = `resource "azurerm_kubernetes_cluster" "main" {
  name       = "aks1"
  dns_prefix = "aks1"
  network_profile {
    network_plugin = "azure"
    network_policy = var.policy
  }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
}
`;
    const variables = 'variable "policy" {\n  default = "calico"\n}\n';
    const tree = tempTree({ 'main.tf': root, 'variables.tf': variables });
    try {
      const before = summarize(await scan({ paths: ['.'], cwd: tree.dir, config: false, families: ['aks'] }));
      // `a-sibling` sorts before `variables.tf`: the link is reached first.
      mkdirSync(join(tree.dir, 'a-sibling'));
      symlinkSync('../variables.tf', join(tree.dir, 'a-sibling', 'variables.tf'));
      const after = summarize(await scan({ paths: ['.'], cwd: tree.dir, config: false, families: ['aks'] }));
      assert.deepEqual(after.findings, before.findings);
      assert.deepEqual(after.notEvaluated, before.notEvaluated);
      assert.deepEqual(only(after.findings, 'AKS-NET-05'), []);
    } finally {
      tree.cleanup();
    }
  });
});

describe('registry module Azure/aks/azurerm (inputs of release 11.5.0)', () => {
  const call = (inner: string, version = '11.5.0') => `module "aks" {
  source              = "Azure/aks/azurerm"
  version             = "${version}"
  prefix              = "demo"
  resource_group_name = "rg"
${inner}}
`;
  const secure = call(`  role_based_access_control_enabled = true
  rbac_aad_azure_rbac_enabled       = true
  network_plugin                    = "azure"
  network_policy                    = "azure"
  local_account_disabled            = true
  private_cluster_enabled           = true
`);
  const table: { name: string; text: string; rule: string; expected: string[] }[] = [
    {
      name: 'module default: kubenet without policy',
      text: call(''),
      rule: 'AKS-NET-05',
      expected: ['AKS-NET-05 main.tf:1'],
    },
    { name: 'network_policy argument', text: secure, rule: 'AKS-NET-05', expected: [] },
    {
      name: 'RBAC off by default, so no Entra block',
      text: call(''),
      rule: 'AKS-IAM-02',
      expected: ['AKS-IAM-02 main.tf:1'],
    },
    { name: 'RBAC on: the module adds the Entra block', text: secure, rule: 'AKS-IAM-02', expected: [] },
    {
      name: 'role_based_access_control_enabled = false points at the argument',
      text: call('  role_based_access_control_enabled = false\n'),
      rule: 'AKS-IAM-01',
      expected: ['AKS-IAM-01 main.tf:6'],
    },
    { name: 'public API, no ranges', text: call(''), rule: 'AKS-NET-03', expected: ['AKS-NET-03 main.tf:1'] },
    { name: 'private cluster', text: secure, rule: 'AKS-NET-03', expected: [] },
    { name: 'oms agent on by default (workspace created)', text: call(''), rule: 'AKS-MON-03', expected: [] },
    {
      name: 'oms agent off',
      text: call('  log_analytics_workspace_enabled = false\n'),
      rule: 'AKS-MON-03',
      expected: ['AKS-MON-03 main.tf:1'],
    },
    {
      name: 'extra node pools are judged',
      text: call(
        '  node_pools = {\n    user = {\n      name                   = "user"\n      vm_size                = "Standard_D4s_v5"\n      node_public_ip_enabled = true\n    }\n  }\n',
      ),
      rule: 'AKS-NET-08',
      expected: ['AKS-NET-08 main.tf:10'],
    },
  ];
  for (const testCase of table) {
    it(`${testCase.rule}: ${testCase.name}`, async () => {
      const result = await scanAks({ 'main.tf': testCase.text });
      assert.deepEqual(result.issues, []);
      assert.deepEqual(only(result.findings, testCase.rule), testCase.expected);
    });
  }

  it('another major release is noted (its inputs may differ)', async () => {
    const result = await scanAks({ 'main.tf': call('', '~> 9.0') });
    assert.deepEqual(result.issues, [
      'note main.tf:3 module.aks: Azure/aks/azurerm is read with the inputs of release 11.5.0; version "~> 9.0" may name or default them differently',
    ]);
  });
});

describe('resource count and for_each, for expressions', () => {
  const text = `resource "azurerm_kubernetes_cluster" "main" {
  name       = "aks1"
  dns_prefix = "aks1"
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "pool" {
  for_each               = { for i in range(3) : "pool\${i}" => { public = i % 2 == 1 } if i > 0 }
  name                   = each.key
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.main.id
  vm_size                = "Standard_D4s_v5"
  node_public_ip_enabled = each.value.public
}
resource "azurerm_kubernetes_cluster_node_pool" "counted" {
  count                 = 2
  name                  = "c\${count.index}"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D4s_v5"
}
`;
  it('one pool per instance, each.key/each.value and count.index bound', async () => {
    const result = await scanAks({ 'main.tf': text });
    assert.deepEqual(result.issues, []);
    assert.deepEqual(only(result.findings, 'AKS-NET-08'), ['AKS-NET-08 main.tf:14']);
    assert.deepEqual(
      result.notEvaluated.filter((entry) => /each\.|count\./.test(entry)),
      [],
    );
    assert.equal(only(result.findings, 'AKS-DATA-02').length, 5);
  });
});
