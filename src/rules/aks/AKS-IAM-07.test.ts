import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-IAM-07.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const podIdentity = armCluster({
  podIdentityProfile: { enabled: true },
  securityProfile: { workloadIdentity: { enabled: true } },
  oidcIssuerProfile: { enabled: true },
});
const noOidc = armCluster({
  securityProfile: { workloadIdentity: { enabled: true } },
  oidcIssuerProfile: { enabled: false },
});
const tfVar = `${tfCluster('  workload_identity_enabled = var.wi\n  oidc_issuer_enabled       = true')}
variable "wi" {
  type = bool
}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform workload identity + OIDC',
      files: {
        'main.tf': tfCluster('  workload_identity_enabled = true\n  oidc_issuer_enabled       = true'),
      },
    },
  ],
  invalid: [
    {
      name: 'deprecated pod identity',
      files: { 'c.json': podIdentity },
      errors: [{ line: lineOf(podIdentity, '"podIdentityProfile"') + 1, message: /pod-managed identity/ }],
    },
    {
      name: 'workload identity without OIDC',
      files: { 'c.json': noOidc },
      errors: [{ line: lineOf(noOidc, '"enabled": false'), message: /OIDC/ }],
    },
    {
      name: 'not enabled',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, message: /does not enable workload identity/ }],
    },
    {
      name: 'depends on a variable',
      files: { 'main.tf': tfVar },
      errors: [],
      notEvaluated: [{ reason: 'depends on var.wi' }],
    },
  ],
});
