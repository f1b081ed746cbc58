import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluatePod } from '../../src/engines/pss/index.js';
import { objectsOfDocument } from '../../src/load/k8s/objects.js';
import { podTemplateOf } from '../../src/load/k8s/podTemplates.js';
import { parseYamlFile } from '../../src/load/yaml.js';

/**
 * Issue 9 "done means": 10,000 generated manifests mixing YAML 1.1 scalars, tags, merge keys, byte-order marks and
 * hostile names go through the loader and the Pod Security engine in-process. Nothing throws (the CLI's exit 3),
 * no input takes 2 s, and every pod kubectl would apply as privileged is found privileged (and no other).
 */
const TRUE_FORMS = [
  'true',
  'True',
  'TRUE',
  'yes',
  'Yes',
  'YES',
  'y',
  'Y',
  'on',
  'On',
  'ON',
  '!!bool yes',
  '!!bool "on"',
];
const FALSE_FORMS = ['false', 'no', 'N', 'off', 'OFF', '"yes"', "'on'", '!!str true', '~', '', 'tRUE', '0'];
const HOSTILE_NAMES = ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'web', 'y', 'on'];
const PORT_FORMS: [string, number][] = [
  ['80', 80],
  ['0x50', 80],
  ['0o120', 80],
  ['0120', 80],
  ['0b1010000', 80],
  ['8_0', 80],
  ['!!int "80"', 80],
];

/** How the privileged flag is written: directly, through a merge key, or duplicated (the last key wins). */
const privilegedWriting = fc.oneof(
  fc.record({ how: fc.constant('direct' as const), value: fc.boolean(), form: fc.nat() }),
  fc.record({ how: fc.constant('merge-after' as const), value: fc.boolean(), form: fc.nat() }),
  fc.record({ how: fc.constant('merge-before' as const), value: fc.boolean(), form: fc.nat() }),
  fc.record({ how: fc.constant('duplicate' as const), value: fc.boolean(), form: fc.nat() }),
  fc.record({ how: fc.constant('merge-list' as const), value: fc.boolean(), form: fc.nat() }),
);

function form(value: boolean, pick: number): string {
  const forms = value ? TRUE_FORMS : FALSE_FORMS;
  return forms[pick % forms.length]!;
}

interface Generated {
  text: string;
  privileged: boolean;
}

function generate(
  writing: { how: string; value: boolean; form: number },
  name: string,
  labelKey: string,
  port: number,
  bom: boolean,
  crlf: boolean,
  prefixDocuments: number,
): Generated {
  const yes = form(writing.value, writing.form);
  const no = form(!writing.value, writing.form + 1);
  let securityContext: string;
  let anchor = '';
  switch (writing.how) {
    case 'merge-after':
      // go-yaml v2: a merge after an explicit key overrides it.
      anchor = `      x: &sc { privileged: ${yes} }\n`;
      securityContext = `        privileged: ${no}\n        <<: *sc\n`;
      break;
    case 'merge-before':
      anchor = `      x: &sc { privileged: ${no} }\n`;
      securityContext = `        <<: *sc\n        privileged: ${yes}\n`;
      break;
    case 'merge-list':
      // Earlier maps in a merge list take precedence.
      anchor = `      x: &a { privileged: ${yes} }\n      y: &b { privileged: ${no} }\n`;
      securityContext = '        <<: [*a, *b]\n';
      break;
    case 'duplicate':
      securityContext = `        privileged: ${no}\n        privileged: ${yes}\n`;
      break;
    default:
      securityContext = `        privileged: ${yes}\n`;
  }
  const [portText] = PORT_FORMS[port % PORT_FORMS.length]!;
  const n = JSON.stringify(name);
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: ${n}
  namespace: ${n}
  labels: { ${JSON.stringify(labelKey)}: ${n} }
  annotations:
    kubectl.kubernetes.io/default-container: ${n}
spec:
  containers:
    - name: ${n}
      image: contoso.azurecr.io/app:1.0.0
      ports: [{ containerPort: ${portText} }]
${anchor ? anchor.replace(/^ {6}/gm, '      ') : ''}      securityContext:
${securityContext}`;
  const filler = Array.from(
    { length: prefixDocuments },
    (_, index) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c${index} }\ndata: { ${n}: ${n} }\n`,
  );
  let text = [...filler, `${bom ? '\ufeff' : ''}${pod}`].join('---\n');
  if (crlf) text = text.replaceAll('\n', '\r\n');
  return { text, privileged: writing.value };
}

describe('fuzz: generated manifests through the loader and the Pod Security engine', () => {
  it('10,000 manifests: no crash, no hang, every privileged pod found', { timeout: 300_000 }, () => {
    let runs = 0;
    let slowest = 0;
    fc.assert(
      fc.property(
        privilegedWriting,
        fc.constantFrom(...HOSTILE_NAMES),
        fc.constantFrom(...HOSTILE_NAMES, 'app.kubernetes.io/name'),
        fc.nat(),
        fc.boolean(),
        fc.boolean(),
        fc.nat({ max: 2 }),
        (writing, name, labelKey, port, bom, crlf, prefix) => {
          runs++;
          const { text, privileged } = generate(writing, name, labelKey, port, bom, crlf, prefix);
          const started = performance.now();
          const parsed = parseYamlFile('fuzz.yaml', text);
          const errors = parsed.issues.filter((issue) => issue.level === 'error');
          assert.deepEqual(errors, [], text);
          const pod = parsed.documents.at(-1)!;
          const { objects } = objectsOfDocument(pod, 'default');
          const template = podTemplateOf(objects[0]!);
          assert.ok(template, text);
          const container = template.containers[0]!.container as { ports?: { containerPort?: unknown }[] };
          assert.equal(container.ports?.[0]?.containerPort, 80, text);
          const result = evaluatePod(objects[0]!.raw, { level: 'baseline', version: 'latest' });
          const found = result.violations.some((violation) => violation.check === 'privileged');
          slowest = Math.max(slowest, performance.now() - started);
          assert.equal(found, privileged, text);
        },
      ),
      { numRuns: 10_000 },
    );
    assert.equal(runs, 10_000);
    assert.ok(slowest < 2000, `slowest input took ${slowest.toFixed(0)} ms`);
  });
});
