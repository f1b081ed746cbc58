import { ruleTester } from '../testing/ruleTester.js';
import rule from './NP-invalid.js';

ruleTester(rule, {
  valid: [
    {
      name: 'the IMDS block written correctly',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: block-imds, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.169.254/32]
`,
    },
  ],
  invalid: [
    {
      name: 'the AKS docs example and other API rejections',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: imds, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 10.10.0.0/0#example
            except:
              - 169.254.169.254/32
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ports, namespace: shop }
spec:
  podSelector: {}
  ingress:
    - ports:
        - port: http
          endPort: 9000
        - protocol: ICMP
`,
      errors: [
        {
          line: 10,
          resource: 'NetworkPolicy shop/imds',
          message:
            /spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: Invalid value: "10\.10\.0\.0\/0#example": must be a valid CIDR value/,
        },
        {
          line: 22,
          resource: 'NetworkPolicy shop/ports',
          message: /endPort: may not be specified when `port` is non-numeric/,
        },
        { line: 23, resource: 'NetworkPolicy shop/ports', message: /protocol: Unsupported value: "ICMP"/ },
      ],
    },
    {
      name: 'except outside cidr, both ipBlock and a selector',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: mixed, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/16
            except: [10.1.0.0/24]
        - podSelector: {}
          ipBlock: { cidr: 10.0.0.0/8 }
`,
      errors: [
        {
          line: 11,
          message: /except\[0\]: Invalid value: "10\.1\.0\.0\/24": must be a strict subset of `cidr`/,
        },
        { line: 12, message: /to\[1\]: may not specify both ipBlock and another peer/ },
      ],
    },
  ],
});
