// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell scripts, not JavaScript templates
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandLines, type ScriptSyntax } from '../../src/load/aks/azScript.js';
import { loadClustersFrom } from '../../src/load/aks/testSupport.js';
import { type AksCluster, clusterField, isUnknown, poolField } from '../../src/model/aksCluster.js';
import { lineOf } from '../../src/rules/aks/testFixtures.js';
import { scanAks } from '../support/aksScan.js';

function words(text: string, syntax: ScriptSyntax = 'sh'): string[][] {
  return commandLines(text, syntax).map((command) =>
    command.words.map((word) =>
      isUnknown(word.text) ? `?${word.text.reason}` : `${word.text}@${word.line}:${word.column}`,
    ),
  );
}

describe('command lines as the shell splits them', () => {
  const table: { name: string; text: string; syntax?: ScriptSyntax; expected: string[][] }[] = [
    {
      name: 'plain words',
      text: 'az aks create -n a',
      expected: [['az@1:1', 'aks@1:4', 'create@1:8', '-n@1:15', 'a@1:18']],
    },
    {
      name: 'backslash continuation keeps each word on its own line',
      text: 'az aks create \\\n  --name a \\\n  -g b',
      expected: [['az@1:1', 'aks@1:4', 'create@1:8', '--name@2:3', 'a@2:10', '-g@3:3', 'b@3:6']],
    },
    {
      name: 'quotes and escapes',
      text: `echo 'a b' "c \\"d\\"" e\\ f`,
      expected: [['echo@1:1', 'a b@1:6', 'c "d"@1:12', 'e f@1:22']],
    },
    {
      name: 'variables are unknown, naming them',
      text: 'x $RG "${NAME}-aks" "$(date)"',
      expected: [
        ['x@1:1', '?depends on $RG', '?depends on $NAME', '?depends on the command substitution $(date)'],
      ],
    },
    {
      name: 'separators and comments',
      text: 'a 1; b 2 && c 3 || d | e # f g\n# h\ni',
      expected: [
        ['a@1:1', '1@1:3'],
        ['b@1:6', '2@1:8'],
        ['c@1:13', '3@1:15'],
        ['d@1:20'],
        ['e@1:24'],
        ['i@3:1'],
      ],
    },
    {
      name: 'PowerShell: backtick continuation, $env: and $var unknown, doubled single quotes',
      syntax: 'powershell',
      text: "az aks create `\n  -n $name `\n  -g $env:RG --tags 'it''s'",
      expected: [
        [
          'az@1:1',
          'aks@1:4',
          'create@1:8',
          '-n@2:3',
          '?depends on $name',
          '-g@3:3',
          '?depends on $env:RG',
          '--tags@3:14',
          "it's@3:21",
        ],
      ],
    },
    {
      name: 'Make: $(VAR) and $$VAR',
      syntax: 'make',
      text: '\taz aks create -n $(CLUSTER) -g $$RG',
      expected: [
        [
          'az@1:2',
          'aks@1:5',
          'create@1:9',
          '-n@1:16',
          '?depends on the make variable CLUSTER',
          '-g@1:30',
          '?depends on $RG',
        ],
      ],
    },
  ];
  for (const { name, text, syntax, expected } of table)
    it(name, () => assert.deepEqual(words(text, syntax), expected));
});

async function single(files: Record<string, string>): Promise<AksCluster> {
  const loaded = await loadClustersFrom(files);
  assert.deepEqual(loaded.issues, []);
  assert.equal(loaded.clusters.length, 1);
  return loaded.clusters[0]!;
}

function value(cluster: AksCluster, path: string): unknown {
  const field = clusterField(cluster, path);
  return isUnknown(field.value) ? `unknown: ${field.value.reason}` : field.value;
}

describe('az aks create with the az CLI defaults for absent flags', () => {
  const minimal = 'az aks create -g rg -n aks1 --generate-ssh-keys\n';
  const defaults: [string, unknown][] = [
    ['enableRBAC', true],
    ['networkProfile.networkPlugin', 'kubenet'],
    ['networkProfile.networkPolicy', undefined],
    ['networkProfile.loadBalancerSku', 'standard'],
    ['networkProfile.outboundType', 'loadBalancer'],
    ['identity.type', 'SystemAssigned'],
    ['sku.tier', 'Free'],
    ['aadProfile', undefined],
    ['disableLocalAccounts', undefined],
    ['apiServerAccessProfile', undefined],
    ['agentPoolProfiles.0.name', 'nodepool1'],
    ['agentPoolProfiles.0.mode', 'System'],
    ['agentPoolProfiles.0.count', 3],
  ];
  for (const [path, expected] of defaults) {
    it(`${path} absent → ${JSON.stringify(expected)}`, async () => {
      assert.equal(value(await single({ 'create.sh': minimal }), path), expected);
    });
  }

  const flags: { flags: string; path: string; expected: unknown }[] = [
    {
      flags: '--network-plugin azure --network-policy calico',
      path: 'networkProfile.networkPolicy',
      expected: 'calico',
    },
    { flags: '--network-policy=cilium', path: 'networkProfile.networkPolicy', expected: 'cilium' },
    { flags: '--enable-aad --enable-azure-rbac', path: 'aadProfile.managed', expected: true },
    {
      flags: '--enable-aad --aad-admin-group-object-ids g1,g2',
      path: 'aadProfile.adminGroupObjectIDs',
      expected: ['g1', 'g2'],
    },
    {
      flags: '--api-server-authorized-ip-ranges 1.2.3.4/32,5.6.7.0/24',
      path: 'apiServerAccessProfile.authorizedIPRanges',
      expected: ['1.2.3.4/32', '5.6.7.0/24'],
    },
    {
      flags: '--enable-private-cluster',
      path: 'apiServerAccessProfile.enablePrivateCluster',
      expected: true,
    },
    { flags: '--disable-local-accounts', path: 'disableLocalAccounts', expected: true },
    { flags: '--disable-rbac', path: 'enableRBAC', expected: false },
    { flags: '--tier standard', path: 'sku.tier', expected: 'Standard' },
    { flags: '-a monitoring,azure-policy', path: 'addonProfiles.azurepolicy.enabled', expected: true },
    { flags: '--service-principal app --client-secret s3cr3t', path: 'identity.type', expected: undefined },
    {
      flags: '--network-policy "$POLICY"',
      path: 'networkProfile.networkPolicy',
      expected: 'unknown: depends on $POLICY',
    },
    { flags: '--enable-node-public-ip', path: 'agentPoolProfiles.0.enableNodePublicIP', expected: true },
  ];
  for (const { flags: given, path, expected } of flags) {
    it(`${given} → ${path} = ${JSON.stringify(expected)}`, async () => {
      const cluster = await single({ 'create.sh': `az aks create -g rg -n aks1 ${given}\n` });
      assert.deepEqual(value(cluster, path), expected);
    });
  }
});

describe('later commands change the same cluster (same -g and -n as written)', () => {
  const script = `RG=rg
NAME=aks1
az aks create -g $RG -n $NAME \\
  --network-plugin azure
az aks update -g $RG -n $NAME --enable-aad --disable-local-accounts
az aks update -g other -n $NAME --disable-rbac
az aks nodepool add -g $RG --cluster-name $NAME -n win --os-type Windows --enable-node-public-ip
az aks nodepool update -g $RG --cluster-name $NAME -n nodepool1 --ssh-access disabled
az aks enable-addons -g $RG -n $NAME -a azure-policy
`;
  it('updates, add-ons and node pools apply to the created cluster; an unknown cluster is a note', async () => {
    const loaded = await loadClustersFrom({ 'deploy.sh': script });
    assert.deepEqual(
      loaded.issues.map((issue) => `${issue.level} ${issue.line} ${issue.message}`),
      [
        'note 6 az aks update changes a cluster this input does not create (other/$NAME); only a created cluster is judged',
      ],
    );
    const [cluster] = loaded.clusters;
    assert.equal(loaded.clusters.length, 1);
    assert.equal(value(cluster!, 'aadProfile.managed'), true);
    assert.equal(value(cluster!, 'disableLocalAccounts'), true);
    assert.equal(value(cluster!, 'enableRBAC'), true);
    assert.equal(value(cluster!, 'addonProfiles.azurepolicy.enabled'), true);
    assert.deepEqual(
      cluster!.pools.map((pool) => [
        pool.name,
        poolField(pool, 'mode').value,
        poolField(pool, 'securityProfile.sshAccess').value,
      ]),
      [
        ['nodepool1', 'System', 'disabled'],
        ['win', 'User', undefined],
      ],
    );
  });

  it('findings point at the flag, or at the az aks create line when the flag is absent', async () => {
    const result = await scanAks({ 'deploy.sh': script });
    const pick = (rule: string) => result.findings.filter((f) => f.startsWith(`${rule} `));
    assert.deepEqual(pick('AKS-NET-08'), [
      `AKS-NET-08 deploy.sh:${lineOf(script, '--enable-node-public-ip')}`,
    ]);
    assert.deepEqual(pick('AKS-NET-05'), ['AKS-NET-05 deploy.sh:3']);
    assert.deepEqual(pick('AKS-IAM-02'), []);
    assert.deepEqual(pick('AKS-IAM-04'), []);
    assert.deepEqual(result.coverage.read, { 'az-script': 1 });
  });
});

describe('scripts in every form people keep them', () => {
  const cases: { name: string; files: Record<string, string>; file: string; line: number }[] = [
    {
      name: 'PowerShell',
      files: { 'deploy.ps1': 'az aks create `\n  -g rg -n aks1 `\n  --enable-node-public-ip\n' },
      file: 'deploy.ps1',
      line: 3,
    },
    {
      name: '.azcli scratchpad',
      files: { 'aks.azcli': 'az aks create -g rg -n aks1 --enable-node-public-ip\n' },
      file: 'aks.azcli',
      line: 1,
    },
    {
      name: 'Makefile recipe',
      files: {
        Makefile:
          'CLUSTER ?= aks1\n\ncluster:\n\t@az aks create -g rg -n $(CLUSTER) \\\n\t  --enable-node-public-ip\n',
      },
      file: 'Makefile',
      line: 5,
    },
    {
      name: 'GitHub Actions run: block',
      files: {
        '.github/workflows/deploy.yml':
          'name: deploy\non: push\njobs:\n  aks:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          az aks create -g rg -n aks1 \\\n            --enable-node-public-ip\n',
      },
      file: '.github/workflows/deploy.yml',
      line: 10,
    },
    {
      name: 'Azure Pipelines AzureCLI@2 inlineScript',
      files: {
        'azure-pipelines.yml':
          'trigger: [main]\nsteps:\n  - task: AzureCLI@2\n    inputs:\n      azureSubscription: sub\n      scriptType: bash\n      inlineScript: |\n        az aks create -g rg -n aks1 --enable-node-public-ip\n',
      },
      file: 'azure-pipelines.yml',
      line: 8,
    },
    {
      name: 'Azure Pipelines script: step',
      files: { 'pipeline.yml': 'steps:\n  - script: az aks create -g rg -n aks1 --enable-node-public-ip\n' },
      file: 'pipeline.yml',
      line: 2,
    },
  ];
  for (const { name, files, file, line } of cases) {
    it(`${name}: the flag's line`, async () => {
      const result = await scanAks(files);
      assert.deepEqual(result.issues, []);
      assert.deepEqual(
        result.findings.filter((f) => f.startsWith('AKS-NET-08 ')),
        [`AKS-NET-08 ${file}:${line}`],
      );
      assert.deepEqual(result.coverage.read, { 'az-script': 1 });
      assert.deepEqual(result.coverage.skipped, []);
    });
  }

  it('a workflow without az aks stays a non-Kubernetes file; other scripts are silent', async () => {
    const result = await scanAks({
      'ci.yml': 'steps:\n  - script: npm test\n',
      'build.sh': 'npm ci\naz group create -n rg -l westeurope\n',
    });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.coverage.read, {});
  });

  it('a secret on the command line is reported without its value', async () => {
    const result = await scanAks({
      'create.sh': "az aks create -g rg -n aks1 --windows-admin-password 'Sup3r$ecret!23'\n",
    });
    assert.deepEqual(
      result.findings.filter((f) => f.startsWith('AKS-DATA-06')),
      ['AKS-DATA-06 create.sh:1'],
    );
    assert.ok(!JSON.stringify(result).includes('Sup3r'));
  });
});
