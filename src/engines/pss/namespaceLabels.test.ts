import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_NAMESPACE_POLICY, type NamespacePolicy, policyToEvaluate } from './namespaceLabels.js';

const P = 'pod-security.kubernetes.io/';

function policy(
  enforce: [string, number | 'latest'],
  audit: [string, number | 'latest'],
  warn: [string, number | 'latest'],
): NamespacePolicy {
  const lv = ([level, version]: [string, number | 'latest']) =>
    ({ level, version }) as NamespacePolicy['enforce'];
  return { enforce: lv(enforce), audit: lv(audit), warn: lv(warn) };
}

describe('policyToEvaluate (upstream api.PolicyToEvaluate)', () => {
  const cases: { name: string; labels?: Record<string, string>; want: NamespacePolicy; errors?: string[] }[] =
    [
      { name: 'no labels: the defaults', labels: {}, want: DEFAULT_NAMESPACE_POLICY },
      { name: 'undefined labels: the defaults', want: DEFAULT_NAMESPACE_POLICY },
      {
        name: 'unrelated labels: the defaults',
        labels: { app: 'x' },
        want: DEFAULT_NAMESPACE_POLICY,
      },
      {
        name: 'an unknown label of the Pod Security prefix: the defaults',
        labels: { app: 'x', [`${P}enforce-extra`]: 'restricted' },
        want: DEFAULT_NAMESPACE_POLICY,
      },
      {
        name: 'a Pod Security label after unrelated ones is read',
        labels: { app: 'x', team: 'y', [`${P}enforce`]: 'baseline' },
        want: policy(['baseline', 'latest'], ['privileged', 'latest'], ['baseline', 'latest']),
      },
      {
        name: 'enforce only: warn follows enforce level and version',
        labels: { [`${P}enforce`]: 'baseline', [`${P}enforce-version`]: 'v1.25' },
        want: policy(['baseline', 25], ['privileged', 'latest'], ['baseline', 25]),
      },
      {
        name: 'enforce and warn-version: warn takes enforce level but keeps its own version',
        labels: {
          [`${P}enforce`]: 'restricted',
          [`${P}enforce-version`]: 'v1.25',
          [`${P}warn-version`]: 'v1.30',
        },
        want: policy(['restricted', 25], ['privileged', 'latest'], ['restricted', 30]),
      },
      {
        name: 'enforce privileged: warn stays at the default',
        labels: { [`${P}enforce`]: 'privileged' },
        want: policy(['privileged', 'latest'], ['privileged', 'latest'], ['privileged', 'latest']),
      },
      {
        name: 'explicit warn is not overridden by a stricter enforce',
        labels: { [`${P}enforce`]: 'restricted', [`${P}warn`]: 'baseline' },
        want: policy(['restricted', 'latest'], ['privileged', 'latest'], ['baseline', 'latest']),
      },
      {
        name: 'invalid enforce level fails closed to restricted (and warn follows)',
        labels: { [`${P}enforce`]: 'strict' },
        want: policy(['restricted', 'latest'], ['privileged', 'latest'], ['restricted', 'latest']),
        errors: [`${P}enforce`],
      },
      {
        name: 'invalid audit level fails open to privileged',
        labels: { [`${P}audit`]: 'Baseline' },
        want: policy(['privileged', 'latest'], ['privileged', 'latest'], ['privileged', 'latest']),
        errors: [`${P}audit`],
      },
      {
        name: 'invalid warn level fails open to privileged, even with a stricter enforce',
        labels: { [`${P}enforce`]: 'baseline', [`${P}warn`]: 'nope' },
        want: policy(['baseline', 'latest'], ['privileged', 'latest'], ['privileged', 'latest']),
        errors: [`${P}warn`],
      },
      {
        name: 'invalid versions fall back to latest',
        labels: {
          [`${P}enforce`]: 'baseline',
          [`${P}enforce-version`]: '1.25',
          [`${P}audit`]: 'restricted',
          [`${P}audit-version`]: 'v1.07',
          [`${P}warn`]: 'restricted',
          [`${P}warn-version`]: 'v2.1',
        },
        want: policy(['baseline', 'latest'], ['restricted', 'latest'], ['restricted', 'latest']),
        errors: [`${P}enforce-version`, `${P}audit-version`, `${P}warn-version`],
      },
      {
        name: 'versions without levels apply to the default levels',
        labels: { [`${P}enforce-version`]: 'v1.20' },
        want: policy(['privileged', 20], ['privileged', 'latest'], ['privileged', 'latest']),
      },
      {
        name: 'all three modes',
        labels: {
          [`${P}enforce`]: 'baseline',
          [`${P}enforce-version`]: 'v1.29',
          [`${P}audit`]: 'restricted',
          [`${P}audit-version`]: 'latest',
          [`${P}warn`]: 'restricted',
          [`${P}warn-version`]: 'v1.31',
        },
        want: policy(['baseline', 29], ['restricted', 'latest'], ['restricted', 31]),
      },
    ];
  for (const c of cases) {
    it(c.name, () => {
      const { policy: got, errors } = policyToEvaluate(c.labels);
      assert.deepEqual(got, c.want);
      assert.deepEqual(
        errors.map((e) => e.label),
        c.errors ?? [],
      );
    });
  }

  it('applies labels over configured defaults', () => {
    const defaults = policy(['restricted', 30], ['restricted', 30], ['restricted', 30]);
    const { policy: got } = policyToEvaluate({ [`${P}enforce`]: 'baseline' }, defaults);
    assert.deepEqual(got, policy(['baseline', 30], ['restricted', 30], ['restricted', 30]));
  });

  it('does not mutate the defaults', () => {
    policyToEvaluate({ [`${P}enforce`]: 'restricted' });
    assert.deepEqual(DEFAULT_NAMESPACE_POLICY.warn, { level: 'privileged', version: 'latest' });
  });
});
