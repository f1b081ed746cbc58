import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-SEC-secretInConfigMap.js';

ruleTester(rule, {
  valid: [
    {
      name: 'settings, references and scripts named after passwords',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data:
  LOG_LEVEL: debug
  PASSWORD_MIN_LENGTH: "12"
  TOKEN_ENDPOINT: https://login.microsoftonline.com/x/oauth2/v2.0/token
  password_validation.py: |
    def validate(password):
        return len(password) > 12
  ORDER_QUEUE_USERNAME: username
`,
    },
    {
      name: 'ignored key',
      params: { ignoreKeys: ['DEMO_PASSWORD'] },
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: { name: demo }
data:
  DEMO_PASSWORD: demo-only-value
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: shop
data:
  DB_PASSWORD: "p4ssw0rd!"
  storage: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abcdefghijklmnopqrstuvwxyz0123456789ABCD==;EndpointSuffix=core.windows.net"
  application.properties: |
    spring.datasource.url=jdbc:postgresql://db/shop
    spring.datasource.password=hunter2hunter2
`,
      errors: [
        {
          line: 7,
          resource: 'ConfigMap shop/app-config',
          message: /key "DB_PASSWORD" looks like a credential/,
        },
        { line: 8, message: /Azure storage account key/ },
        { line: 9, message: /key "application\.properties" looks like a credential/ },
      ],
    },
  ],
});
