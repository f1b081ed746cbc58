import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-SEC-committedSecret.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a Secret without values and a SecretProviderClass',
      yaml: `apiVersion: v1
kind: Secret
metadata: { name: sa-token, annotations: { kubernetes.io/service-account.name: app } }
type: kubernetes.io/service-account-token
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata: { name: kv, namespace: shop }
spec:
  provider: azure
  parameters: { keyvaultName: shop-kv }
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: rabbitmq-secrets
data:
  RABBITMQ_DEFAULT_USER: dXNlcm5hbWU=
  RABBITMQ_DEFAULT_PASS: cGFzc3dvcmQ=
---
apiVersion: v1
kind: Secret
metadata: { name: api, namespace: shop }
stringData:
  token: abc
`,
      errors: [
        {
          line: 7,
          resource: 'Secret default/rabbitmq-secrets',
          severity: 'high',
          message:
            'Secret default/rabbitmq-secrets commits 2 value(s) to the repository, 1 of them credentials (RABBITMQ_DEFAULT_PASS: a literal value under a name that says secret)',
        },
        { line: 13, resource: 'Secret shop/api', severity: 'high' },
      ],
    },
    {
      name: 'credentials by format and by Secret type, whatever the key',
      yaml: `apiVersion: v1
kind: Secret
metadata: { name: conn, namespace: shop }
stringData:
  settings: "Server=tcp:db;Database=shop;User ID=app;Password=Sup3rS3cret;"
---
apiVersion: v1
kind: Secret
metadata: { name: pull, namespace: shop }
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: eyJhdXRocyI6e319
---
apiVersion: v1
kind: Secret
metadata: { name: alerts, namespace: monitoring }
stringData:
  alertmanager.yaml: |
    global:
      slack_api_url: https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX
`,
      errors: [
        { line: 5, severity: 'high', message: /settings: contains a password in a connection string/ },
        {
          line: 12,
          severity: 'high',
          message: /registry credentials \(type kubernetes.io\/dockerconfigjson\)/,
        },
        { line: 18, severity: 'high', message: /contains a Slack webhook URL/ },
      ],
    },
    {
      name: 'placeholders are reported as placeholders, low',
      yaml: `apiVersion: v1
kind: Secret
metadata: { name: mysql-pass, namespace: shop }
stringData:
  password: MYSQL_ROOT_PASSWORD_VAL
  user: changeme
  token: <your-token>
  key: \${API_KEY}
`,
      errors: [
        {
          line: 4,
          severity: 'low',
          message:
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder form itself, not a template
            'Secret shop/mysql-pass commits 4 value(s) to the repository, only placeholders (..._VAL, changeme, <...>, ${...}), no credential yet: keep the real values out of the repository',
        },
      ],
    },
    {
      name: 'other content (a time zone, a datasource URL without credentials) is low and says so',
      yaml: `apiVersion: v1
kind: Secret
metadata: { name: grafana-config, namespace: monitoring }
stringData:
  grafana.ini: |
    [date_formats]
    default_timezone = UTC
  datasource: http://prometheus-k8s.monitoring.svc:9090
`,
      errors: [
        {
          line: 4,
          severity: 'low',
          message:
            'Secret monitoring/grafana-config commits 2 value(s) to the repository, no value that looks like a credential (grafana.ini: a configuration file without a credential setting; datasource: a value that does not look like a credential)',
        },
      ],
    },
    {
      name: 'items of a List',
      yaml: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata: { name: one, namespace: a }
    data: { k: dg== }
`,
      errors: [{ line: 7, resource: 'Secret a/one' }],
    },
  ],
});
