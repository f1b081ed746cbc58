import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-04.js';
import { azCluster, lineOf, tfCluster } from './testFixtures.js';

const open = azCluster({ apiServerAccessProfile: { authorizedIpRanges: ['0.0.0.0/0'] } });
const wide = tfCluster(
  '  api_server_access_profile {\n    authorized_ip_ranges = ["20.0.0.0/8", "10.1.0.0/16"]\n  }',
);
const split = azCluster({ apiServerAccessProfile: { authorizedIpRanges: ['0.0.0.0/1', '128.0.0.0/1'] } });

ruleTester(rule, {
  valid: [
    {
      name: 'narrow public ranges, bare IP',
      files: {
        'c.json': azCluster({ apiServerAccessProfile: { authorizedIpRanges: ['20.50.0.0/24', '52.1.2.3'] } }),
      },
    },
    {
      name: '0.0.0.0/32 (only the cluster egress IP)',
      files: { 'c.json': azCluster({ apiServerAccessProfile: { authorizedIpRanges: ['0.0.0.0/32'] } }) },
    },
    {
      name: 'private cluster: ranges not applicable',
      files: {
        'c.json': azCluster({
          apiServerAccessProfile: { enablePrivateCluster: true, authorizedIpRanges: ['0.0.0.0/0'] },
        }),
      },
    },
    {
      name: 'custom minimum prefix',
      files: { 'c.json': azCluster({ apiServerAccessProfile: { authorizedIpRanges: ['20.0.0.0/12'] } }) },
      params: { minPrefixLength: 8 },
    },
  ],
  invalid: [
    {
      name: '0.0.0.0/0',
      files: { 'c.json': open },
      errors: [{ line: lineOf(open, '"authorizedIpRanges"'), message: /every address/ }],
    },
    {
      name: 'a /8 and a private range',
      files: { 'main.tf': wide },
      errors: [
        { line: lineOf(wide, 'authorized_ip_ranges'), message: /20\.0\.0\.0\/8 is wider than \/16/ },
        { line: lineOf(wide, 'authorized_ip_ranges'), message: /10\.1\.0\.0\/16 is a private range/ },
      ],
    },
    {
      name: 'two halves that cover the whole IPv4 space',
      files: { 'c.json': split },
      errors: [
        { line: lineOf(split, '"authorizedIpRanges"'), message: /0\.0\.0\.0\/1 is wider/ },
        { line: lineOf(split, '"authorizedIpRanges"'), message: /128\.0\.0\.0\/1 is wider/ },
        { line: lineOf(split, '"authorizedIpRanges"'), message: /100% of the IPv4 address space/ },
      ],
    },
  ],
});
