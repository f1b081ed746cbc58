import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-SEC-secretAsEnv.js';

ruleTester(rule, {
  valid: [
    {
      name: 'secret mounted as a volume; configMap env',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    spec:
      volumes:
        - name: creds
          secret: { secretName: db }
      containers:
        - name: api
          image: shop.azurecr.io/api:1.0
          volumeMounts: [{ name: creds, mountPath: /mnt/creds, readOnly: true }]
          envFrom:
            - configMapRef: { name: settings }
          env:
            - name: LEVEL
              valueFrom: { configMapKeyRef: { name: settings, key: level } }
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: order, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: order
          image: shop.azurecr.io/order:1.0
          envFrom:
            - secretRef:
                name: rabbitmq-secrets
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: { name: db, key: password }
`,
      errors: [
        { line: 11, resource: 'Deployment shop/order', message: /every key of Secret rabbitmq-secrets/ },
        { line: 16, message: /DB_PASSWORD comes from Secret db \(key password\)/ },
      ],
    },
  ],
});
