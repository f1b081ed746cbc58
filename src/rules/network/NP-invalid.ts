import { formatPath } from '../../model/source.js';
import { defineRule } from '../defineRule.js';
import { NETWORK } from '../inputs.js';
import { netpolOf } from './netpolContext.js';

export default defineRule({
  id: 'NP-invalid',
  title: 'NetworkPolicy the API server rejects',
  description:
    'A NetworkPolicy that fails API validation is never created, so the protection it describes does not exist. The AKS best-practice page itself shows one: an IMDS block with `cidr: 10.10.0.0/0#example`, where YAML keeps `#example` in the value, and `10.10.0.0/0` has bits set beyond its prefix. aksguard validates ipBlock CIDRs strictly (StrictIPCIDRValidation), except inside cidr, endPort, ports, protocols, peers and selectors as `ValidateNetworkPolicy` does, and leaves such policies out of the connectivity computed.',
  severity: 'high',
  family: 'network',
  inputs: NETWORK,
  seed: true,
  refs: [
    'kubernetes pkg/apis/networking/validation ValidateNetworkPolicy',
    'AKS operator best practices: Restrict access to IMDS',
  ],
  fix: {
    manifest:
      'Correct the field named in the finding, e.g. `cidr: 0.0.0.0/0` with `except: [169.254.169.254/32]`, then validate with `kubectl apply --dry-run=server`.',
  },
  check(context) {
    for (const invalid of netpolOf(context).invalid) {
      invalid.problems.forEach((problem, index) => {
        context.report({
          object: invalid.object,
          path: problem.path,
          key: String(index),
          message: `NetworkPolicy ${invalid.namespace}/${invalid.name} is rejected by the API server and protects nothing: ${formatPath(problem.path)}: ${problem.message}`,
          evidence: { field: formatPath(problem.path), problem: problem.message },
        });
      });
    }
  },
});
