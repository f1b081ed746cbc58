import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { tempTree } from '../support/tempTree.js';

/**
 * Issue 9 §2: an input-controlled name equal to a property of Object.prototype never crashes the scan nor changes
 * a result. Every place a name from the input meets a lookup (kinds, object and namespace names, label and
 * annotation keys and values, selectors, data keys, env names, ports, RBAC verbs and resources, Terraform locals,
 * variables and `os_sku`) gets each hostile name; the report must equal the one for a harmless name of the same shape.
 */
const HOSTILE = [
  'toString',
  'constructor',
  '__proto__',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];
/** A harmless name of the same shape (case, underscores, length): validation treats both alike. */
const harmless = (name: string) => name.replace(/[a-z]/g, 'q').replace(/[A-Z]/g, 'Q');

function manifests(name: string): Record<string, string> {
  const n = JSON.stringify(name);
  return {
    'k8s.yaml': `apiVersion: v1
kind: ${n}
metadata: { name: ${n}, namespace: ${n} }
---
apiVersion: v1
kind: Namespace
metadata:
  name: ${n}
  labels: { ${n}: ${n}, pod-security.kubernetes.io/enforce: ${n} }
  annotations: { ${n}: ${n} }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${n}
  namespace: ${n}
  labels: { ${n}: ${n} }
  annotations: { ${n}: ${n} }
spec:
  selector: { matchLabels: { ${n}: ${n} } }
  template:
    metadata: { labels: { ${n}: ${n}, app: web }, annotations: { ${n}: ${n} } }
    spec:
      serviceAccountName: ${n}
      nodeSelector: { ${n}: ${n} }
      containers:
        - name: ${n}
          image: ${n}
          env: [{ name: ${n}, value: ${n} }]
          ports: [{ name: ${n}, containerPort: 8080 }]
          securityContext: { capabilities: { add: [${n}] }, seccompProfile: { type: ${n} } }
          resources: { limits: { ${n}: ${n} } }
      volumes: [{ name: ${n}, ${n}: {} }]
---
apiVersion: v1
kind: Service
metadata: { name: ${n}, namespace: ${n} }
spec:
  type: ${n}
  selector: { ${n}: ${n} }
  ports: [{ port: 80, targetPort: ${n} }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${n}, namespace: ${n} }
spec:
  podSelector: { matchLabels: { ${n}: ${n} } }
  policyTypes: [${n}]
  ingress:
    - from: [{ namespaceSelector: { matchExpressions: [{ key: ${n}, operator: ${n}, values: [${n}] }] } }]
      ports: [{ port: ${n}, protocol: ${n} }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: ${n} }
rules: [{ apiGroups: [${n}], resources: [${n}], verbs: [${n}], resourceNames: [${n}] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ${n}, namespace: ${n} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ${n}, name: ${n} }
subjects: [{ kind: ${n}, name: ${n}, namespace: ${n} }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: ${n}, namespace: ${n} }
data: { ${n}: ${n} }
`,
    'main.tf': `locals {
  ${name.startsWith('_') ? 'x' : ''}${name} = "${name}"
}
variable "${name}" {
  default = "${name}"
}
resource "azurerm_kubernetes_cluster" "${name}" {
  name                = "${name}"
  location            = "westeurope"
  resource_group_name = var.${name}
  dns_prefix          = ${name.startsWith('_') ? `"${name}"` : `local.${name}`}
  default_node_pool {
    name       = "system"
    vm_size    = "${name}"
    os_sku     = "${name}"
    vnet_subnet_id = module.${name.startsWith('_') ? 'x' : ''}${name}.id
    node_count = 1
  }
  identity { type = "${name}" }
  network_profile {
    network_plugin = "${name}"
    network_policy = "${name}"
  }
  tags = { ${name} = "${name}" }
}
`,
  };
}

async function run(name: string): Promise<string> {
  const tree = tempTree(manifests(name));
  try {
    const report: Report = await scan({ paths: ['.'], cwd: tree.dir, config: false });
    assert.ok(!report.errors.some((error) => error.file === '<internal>'), JSON.stringify(report.errors));
    const text = JSON.stringify({
      findings: report.findings.map((finding) => [
        finding.ruleId,
        finding.severity,
        finding.message,
        finding.location?.line,
      ]),
      errors: report.errors.map((error) => [error.file, error.line, error.message]),
    });
    return text.split(name).join('NAME').split(name.toLowerCase()).join('NAME');
  } finally {
    tree.cleanup();
  }
}

describe('prototype property names in the input', () => {
  it('never crash nor change a result, wherever they appear', { timeout: 120_000 }, async () => {
    for (const name of HOSTILE) {
      const expected = await run(harmless(name));
      const actual = await run(name);
      if (actual === expected) continue;
      const index = [...actual].findIndex((char, at) => char !== expected[at]);
      assert.fail(`${name}: differs at …${actual.slice(Math.max(0, index - 120), index + 120)}…`);
    }
  });
});
