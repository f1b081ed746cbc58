import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, tempTree } from '../support/cli.js';

const ROOT = new URL('../../', import.meta.url).pathname;

const APP = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      automountServiceAccountToken: false
      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: web
          image: contoso.azurecr.io/web@sha256:0000000000000000000000000000000000000000000000000000000000000000
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
`;

function block(text: string, first: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(first);
  assert.ok(start >= 0, `no line "${first}" in:\n${text}`);
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

describe('table: the scorecard first, low and info folded', () => {
  it('starts with the zero-trust scorecard; cluster controls are not evaluated without a cluster definition', async () => {
    const tree = tempTree({ 'app.yaml': APP });
    try {
      const result = await runCli(['scan', '.', '--no-config', '-o', 'table'], { cwd: tree.dir });
      const lines = result.stdout.split('\n');
      assert.equal(lines[2], 'Zero-trust scorecard (AKS baseline controls): 1 pass, 3 fail, 7 not evaluated');
      const none = 'not evaluated: no AKS cluster definition among the inputs';
      assert.deepEqual(block(result.stdout, lines[2]!).slice(1), [
        `  ? N/E   Kubernetes RBAC with Entra ID, no local accounts      ${none}`,
        `  ? N/E   Managed identities, kubelet pull-only                 ${none}`,
        `  ? N/E   Network policy engine enforcing valid policies        ${none}`,
        '  ✘ FAIL  Instance metadata (IMDS) blocked for pods             1 finding: NP-imdsReachable',
        `  ? N/E   Private API server or authorized IP ranges            ${none}`,
        '  ✘ FAIL  Internal load balancers, WAF in front of public apps  1 finding: WL-NET-publicLoadBalancer',
        `  ? N/E   Nodes patched automatically, no SSH                   ${none}`,
        `  ? N/E   Disk encryption (host, customer key)                  ${none}`,
        `  ? N/E   Secrets in Key Vault, never in plain text             ${none}`,
        '  ✘ FAIL  Isolation: namespaces, default-deny, sandboxed pools  2 findings: NP-noDefaultDeny',
        '  ✔ PASS  Images from trusted registries',
      ]);
      assert.deepEqual(block(result.stdout, 'LOW (8)'), [
        'LOW (8)',
        '  one line per rule (--all shows each low finding)',
        '  NP-unprotected                1  Workload selected by no NetworkPolicy',
        '  WL-SEC-defaultServiceAccount  1  Workload runs as the default ServiceAccount',
        '  WL-PRB-liveness               1  Liveness probe missing',
        '  WL-PRB-readiness              1  Readiness probe missing',
        '  WL-RES-cpuLimit               1  CPU limit not set',
        '  WL-RES-cpuRequest             1  CPU request not set',
        '  WL-RES-memLimit               1  Memory limit not set',
        '  WL-RES-memRequest             1  Memory request not set',
      ]);
      assert.deepEqual(block(result.stdout, 'INFO (1)'), [
        'INFO (1)',
        '  one line per rule (--all shows each info finding)',
        "  WL-HARD-userNamespaces  1  Pod shares the node's user namespace",
      ]);
      // Folded rules leave the fix list to `aksguard rules`; shown severities keep theirs.
      assert.doesNotMatch(result.stdout, /^ {2}WL-RES-cpuLimit: /m);
      assert.match(result.stdout, /^ {2}WL-NET-publicLoadBalancer: metadata\.annotations/m);
    } finally {
      tree.cleanup();
    }
  });

  it('--all lists each low and info finding; display only: the exit code does not change', async () => {
    const tree = tempTree({ 'app.yaml': APP });
    try {
      const args = ['scan', '.', '--no-config', '-o', 'table', '--fail-on', 'low'];
      const folded = await runCli(args, { cwd: tree.dir });
      const all = await runCli([...args, '--all'], { cwd: tree.dir });
      assert.equal(folded.code, 1);
      assert.equal(all.code, 1);
      assert.deepEqual(block(all.stdout, 'INFO (1)'), [
        'INFO (1)',
        '  Deployment shop/web  app.yaml',
        '    WL-HARD-userNamespaces :16  does not use a user namespace (hostUsers: false); container root is node root',
      ]);
      assert.match(all.stdout, /^ {4}WL-RES-cpuLimit :\d+ {2}/m);
      assert.match(all.stdout, /^ {2}WL-RES-cpuLimit: /m);
      const quiet = await runCli(['scan', '.', '--no-config', '-o', 'table', '--fail-on', 'high', '--all'], {
        cwd: tree.dir,
      });
      assert.equal(quiet.code, 1, 'the public load balancer is high');
    } finally {
      tree.cleanup();
    }
  });

  it('computes the scorecard before --severity hides findings: a hidden failure still fails its control', async () => {
    const tree = tempTree({ 'app.yaml': APP });
    try {
      const result = await runCli(['scan', '.', '--no-config', '-o', 'table', '--severity', 'high'], {
        cwd: tree.dir,
      });
      assert.match(
        result.stdout,
        /✘ FAIL {2}Isolation: namespaces, default-deny, sandboxed pools {2}2 findings: NP-noDefaultDeny/,
      );
      assert.doesNotMatch(result.stdout, /MEDIUM \(/);
    } finally {
      tree.cleanup();
    }
  });
});

describe('table: what `npm start` shows a newcomer first', () => {
  it('the scorecard says in a few words why a control is not evaluated; the reasons follow the findings', async () => {
    const result = await runCli(['scan', 'examples/aks-store-demo', '-o', 'table', '--fail-on', 'none'], {
      cwd: ROOT,
    });
    assert.equal(result.code, 0);
    const lines = result.stdout.split('\n');
    assert.equal(lines[2], 'Zero-trust scorecard (AKS baseline controls): 3 pass, 7 fail, 1 not evaluated');
    const card = block(result.stdout, lines[2]!);
    // The registry module of the container registry cannot hold the cluster: it leaves no control unjudged.
    assert.deepEqual(
      card.filter((line) => !line.includes('✘ FAIL')),
      [
        lines[2],
        '  ✔ PASS  Kubernetes RBAC with Entra ID, no local accounts',
        '  ✔ PASS  Managed identities, kubelet pull-only',
        '  ✔ PASS  Network policy engine enforcing valid policies',
        '  ? N/E   Private API server or authorized IP ranges            not evaluated: AKS-NET-04 (see "Not evaluated" below)',
      ],
    );
    assert.deepEqual(block(result.stdout, 'Not evaluated (1)'), [
      'Not evaluated (1)',
      '  AKS-NET-04 ManagedCluster module.aks: 1 authorized range(s) depend on values not in the input examples/aks-store-demo/infra/terraform/kubernetes.tf:36',
    ]);
    // The first screen is the scorecard and the most severe findings: no coverage line, note or summary.
    const first = lines.slice(0, 40).join('\n');
    assert.match(first, /^CRITICAL \(1\)$/m);
    assert.doesNotMatch(first, /not analysed|Notes \(|Summary:|tied to no cluster/);
  });
});
