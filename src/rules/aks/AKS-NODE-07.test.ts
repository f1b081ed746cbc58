import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-07.js';
import { azCluster, lineOf } from './testFixtures.js';

const half = azCluster({}, { securityProfile: { enableSecureBoot: true, enableVTPM: false } });
const none = azCluster();

ruleTester(rule, {
  valid: [
    { name: 'Windows pools are not judged', files: { 'c.json': azCluster({}, { osType: 'Windows' }) } },
    {
      name: 'Secure Boot + vTPM',
      files: { 'c.json': azCluster({}, { securityProfile: { enableSecureBoot: true, enableVTPM: true } }) },
    },
  ],
  invalid: [
    {
      name: 'no vTPM',
      files: { 'c.json': half },
      errors: [
        { line: lineOf(half, '"enableSecureBoot"'), resource: 'AgentPool system', message: /without vTPM$/ },
      ],
    },
    {
      name: 'default',
      files: { 'c.json': none },
      errors: [{ line: lineOf(none, '"name": "system"') - 1, message: /Secure Boot and vTPM/ }],
    },
  ],
});
