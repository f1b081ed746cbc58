import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-SEC-plainSecretEnv.js';

ruleTester(rule, {
  valid: [
    {
      name: 'secret from a secretKeyRef, reference-like names, placeholders',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: api
          image: shop.azurecr.io/api:1.0
          env:
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: db, key: password } }
            - name: PASSWORD_FILE
              value: /mnt/secrets/db-password
            - name: TOKEN_URL
              value: https://login.microsoftonline.com/tenant/oauth2/token
            - name: API_KEY
              value: $(API_KEY_FROM_INIT)
            - name: SECRET_ENABLED
              value: "true"
          args: ["--password-file", "/mnt/secrets/pw"]
`,
    },
  ],
  invalid: [
    {
      // kubernetes/examples mysql-wordpress style samples: the value stands for a password to fill in.
      name: 'placeholders under a secret name are reported as placeholders, low',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: wordpress, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: wordpress
          image: wordpress:6
          env:
            - name: WORDPRESS_DB_PASSWORD
              value: MYSQL_ROOT_PASSWORD_VAL
            - name: ADMIN_TOKEN
              value: changeme
            - name: SMTP_PASSWORD
              value: \${SMTP_PASSWORD}
            - name: WORDPRESS_DB_HOST
              value: mysql
`,
      errors: [
        {
          line: 12,
          severity: 'low',
          message:
            'Deployment shop/wordpress, container "wordpress": environment variable WORDPRESS_DB_PASSWORD holds a placeholder (..._VAL), not a credential: deliver the real value from a Secret or Azure Key Vault, not here',
        },
        { line: 14, severity: 'low', message: /ADMIN_TOKEN holds a placeholder \(changeme\)/ },
        { line: 16, severity: 'low', message: /SMTP_PASSWORD holds a placeholder \(\$\{\.\.\.\}\)/ },
      ],
    },
    {
      name: 'literal passwords in env and a password on the command line',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          args:
            - "--username"
            - "admin"
            - "--password"
            - "hunter2-db"
          env:
            - name: ORDER_DB_PASSWORD
              value: "s3cr3t-value"
            - name: SOME_SETTING
              value: "-----BEGIN RSA PRIVATE KEY-----\\nMIIE..."
`,
      errors: [
        {
          line: 14,
          resource: 'StatefulSet default/db',
          message: /args passes a credential in plain text \(--password\)/,
        },
        { line: 17, message: /ORDER_DB_PASSWORD holds a credential/ },
        { line: 19, message: /SOME_SETTING holds a credential .*PEM private key/ },
      ],
    },
    {
      name: 'init containers of a bare Pod',
      yaml: `apiVersion: v1
kind: Pod
metadata: { name: migrate, namespace: shop }
spec:
  initContainers:
    - name: init
      image: shop.azurecr.io/migrate:1
      env:
        - { name: GITHUB_TOKEN, value: "ghp_abcdefghijklmnopqrstuvwxyz0123456789" }
  containers:
    - name: main
      image: shop.azurecr.io/app:1
`,
      errors: [
        {
          line: 9,
          resource: 'Pod shop/migrate',
          message: /init container "init": environment variable GITHUB_TOKEN/,
        },
      ],
    },
  ],
});
