import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleTester, runRuleOnCase } from '../testing/ruleTester.js';
import rule from './RBAC-SEC-043.js';
import { bindingYaml, grantYaml, roleYaml } from './testFixtures.js';

const sa = (ns: string, name: string) =>
  `  - kind: ServiceAccount\n    name: ${name}\n    namespace: ${ns}\n`;

/** A Deployment running as `serviceAccount`, and a RoleBinding giving that ServiceAccount a role. */
function workload(ns: string, serviceAccount: string, podSpec = '', bound = true): string {
  const deployment = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: ${ns}
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      serviceAccountName: ${serviceAccount}
${podSpec}      containers:
        - name: api
          image: contoso.azurecr.io/api:1.0
`;
  if (!bound) return deployment;
  return `${deployment}---
${roleYaml('Role', 'api-role', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], ns)}---
${bindingYaml('RoleBinding', 'api-rb', 'Role', 'api-role', sa(ns, serviceAccount), ns)}`;
}

const bareWorkloadSa = `---
apiVersion: v1
kind: Pod
metadata:
  name: api-pod
  namespace: shop
spec:
  serviceAccountName: api-sa
  containers:
    - name: api
      image: contoso.azurecr.io/api:1.0
`;

const exec = grantYaml({
  name: 'debug',
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
});
const getExec = grantYaml({
  name: 'debug',
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }],
});
const attachEverywhere = grantYaml({
  name: 'attach-all',
  rules: [{ apiGroups: [''], resources: ['pods/attach'], verbs: ['create'] }],
});
const ephemeral = grantYaml({
  name: 'debug',
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['patch'] }],
});
const execNamed = (name: string) =>
  grantYaml({
    name: 'debug',
    namespace: 'shop',
    rules: [{ apiGroups: [''], resources: ['pods/exec'], resourceNames: [name], verbs: ['create'] }],
  });

ruleTester(rule, {
  valid: [
    { name: 'the ServiceAccount holds no binding', yaml: exec.yaml + workload('shop', 'api-sa', '', false) },
    {
      name: 'the pod does not mount the token',
      yaml: exec.yaml + workload('shop', 'api-sa', '      automountServiceAccountToken: false\n'),
    },
    {
      name: 'the ServiceAccount does not mount its token',
      yaml: `${exec.yaml + workload('shop', 'api-sa')}---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: api-sa
  namespace: shop
automountServiceAccountToken: false
`,
    },
    { name: 'exec in another namespace', yaml: exec.yaml + workload('other', 'api-sa') },
    {
      name: 'the binding may also create pods (RBAC-WL-020 reports it)',
      yaml:
        grantYaml({
          name: 'debug',
          namespace: 'shop',
          rules: [
            { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
            { apiGroups: [''], resources: ['pods'], verbs: ['create'] },
          ],
        }).yaml + workload('shop', 'api-sa'),
    },
    {
      name: 'exec limited by resourceNames to another pod',
      yaml: execNamed('other-pod').yaml + workload('shop', 'api-sa'),
    },
    { name: 'get pods/exec at the latest version', yaml: getExec.yaml + workload('shop', 'api-sa') },
    {
      name: 'a ServiceAccount taking its own token gains nothing',
      yaml:
        grantYaml({
          name: 'debug',
          namespace: 'shop',
          rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
          subjects: sa('shop', 'api-sa'),
        }).yaml + workload('shop', 'api-sa'),
    },
  ],
  invalid: [
    {
      name: 'create pods/exec where a workload mounts a bound ServiceAccount token',
      yaml: exec.yaml + workload('shop', 'api-sa'),
      errors: [
        {
          line: exec.line,
          resource: exec.resource,
          message:
            'RoleBinding shop/debug lets User alice@contoso.com exec into running pods in namespace shop and take the token of ServiceAccount shop/api-sa (ClusterRole custom, rules[0])',
        },
      ],
    },
    {
      name: 'get pods/exec before 1.35',
      yaml: getExec.yaml + workload('shop', 'api-sa'),
      settings: { k8sVersion: '1.34' },
      errors: [{ line: getExec.line, message: /exec into running pods in namespace shop/ }],
    },
    {
      name: 'attach cluster-wide reaches the tokens of every namespace',
      yaml: attachEverywhere.yaml + workload('shop', 'api-sa') + workload('kube-system', 'agent'),
      errors: [
        {
          line: attachEverywhere.line,
          resource: 'ClusterRoleBinding attach-all',
          message:
            'ClusterRoleBinding attach-all lets User alice@contoso.com attach to running pods cluster-wide and take the token of ServiceAccounts kube-system/agent, shop/api-sa (ClusterRole custom, rules[0])',
        },
      ],
    },
    {
      name: 'ephemeral containers',
      yaml: ephemeral.yaml + workload('shop', 'api-sa'),
      errors: [
        { line: ephemeral.line, message: /add an ephemeral container to running pods in namespace shop/ },
      ],
    },
    {
      name: 'exec limited by resourceNames to the pod that mounts the token',
      yaml: execNamed('api-pod').yaml + workload('shop', 'api-sa') + bareWorkloadSa,
      errors: [
        { line: execNamed('api-pod').line, message: /take the token of ServiceAccount shop\/api-sa / },
      ],
    },
  ],
});

describe('RBAC-SEC-043 details', () => {
  it('lists each token within reach with its workload and what the token is worth', async () => {
    const result = await runRuleOnCase(rule, { yaml: exec.yaml + workload('shop', 'api-sa') });
    assert.deepEqual(result.findings[0]?.evidence?.tokens, [
      {
        serviceAccount: 'shop/api-sa',
        workload: 'Deployment shop/api',
        via: 'exec into',
        boundBy: ['RoleBinding shop/api-rb → Role api-role'],
      },
    ]);
  });
});
