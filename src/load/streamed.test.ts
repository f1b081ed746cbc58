import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testBinaries } from '../../test/support/binaries.js';
import { evaluateInventory, type TemplateVerdict, verdictOf } from '../engines/pss/index.js';
import { filesSource } from '../sources/files.js';
import { loadSources } from './index.js';
import { StreamedPodTemplates } from './streamed.js';

const POLICY = { level: 'restricted', version: 30 } as const;

function pod(name: string, extra = '', namespace = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  containers:
    - name: app
      image: app${extra}
`;
}

const PRIVILEGED = '\n      securityContext: { privileged: true }';

interface Case {
  name: string;
  files: Record<string, string>;
  paths: string[];
  stdin?: string;
  defaultNamespace?: string;
  /** The verdicts expected, as `resource name @ file:line allowed`. */
  expected: string[];
  /** Error issues expected, as `file:line message`. */
  errors?: string[];
  /** Rendered with the test binaries (kubectl kustomize): the pod templates the inventory still holds. */
  rendered?: number;
}

const CASES: Case[] = [
  {
    name: 'identical copies across files and within a file are judged once, the first kept',
    files: {
      'a.yaml': `${pod('web')}---\n${pod('web')}`,
      'b.yaml': `${pod('web')}---\n${pod('api')}`,
    },
    paths: ['.'],
    expected: ['web @ a.yaml:1 false', 'api @ b.yaml:10 false'],
  },
  {
    name: 'copies whose contents differ are each judged; a third equal to the first is not',
    files: {
      'a.yaml': `${pod('web')}---\n${pod('web', PRIVILEGED)}---\n${pod('web')}---\n${pod('web', PRIVILEGED)}`,
    },
    paths: ['a.yaml'],
    expected: ['web @ a.yaml:1 false', 'web @ a.yaml:10 false'],
  },
  {
    name: '`namespace: default` and none are the same object under the default namespace',
    files: { 'a.yaml': `${pod('web', '', 'default')}---\n${pod('web')}---\n${pod('web', '', 'shop')}` },
    paths: ['a.yaml'],
    expected: ['web @ a.yaml:1 false', 'web @ a.yaml:20 false'],
  },
  {
    name: '... and different objects under another (-n shop): the first and third are the same',
    files: { 'a.yaml': `${pod('web', '', 'default')}---\n${pod('web')}---\n${pod('web', '', 'shop')}` },
    paths: ['a.yaml'],
    defaultNamespace: 'shop',
    expected: ['web @ a.yaml:1 false', 'web @ a.yaml:11 false'],
  },
  {
    name: 'generateName objects are never copies; Namespaces declared twice change nothing',
    files: {
      'a.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {generateName: job-}\nspec: {containers: [{name: a, image: a}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {generateName: job-}\nspec: {containers: [{name: a, image: a}]}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n`,
    },
    paths: ['a.yaml'],
    expected: ['job-* @ a.yaml:1 false', 'job-* @ a.yaml:6 false'],
  },
  {
    name: 'lists expand in order; an item without apiVersion and kind is an error in its place',
    files: {
      'list.yaml': `apiVersion: v1\nkind: PodList\nitems:\n  - metadata: {name: one}\n    spec: {containers: [{name: a, image: a}]}\n  - metadata: {name: one}\n    spec: {containers: [{name: a, image: a}]}\n---\napiVersion: v1\nkind: List\nitems:\n  - {metadata: {name: two}}\n  - apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: three}\n    spec: {template: {spec: {containers: [{name: a, image: a}]}}}\n`,
    },
    paths: ['list.yaml'],
    expected: ['one @ list.yaml:4 false', 'three @ list.yaml:13 false'],
    errors: ['list.yaml:12 item 0 of the List has no apiVersion and kind; skipped'],
  },
  {
    name: 'a broken document is an error; the documents around it are judged',
    files: {
      'a.yaml': `${pod('first')}---\nkind: Pod\napiVersion: v1\nmetadata: {name: [\n---\n${pod('last')}`,
      'b.yaml': 'not: [closed\n',
      'c.txt.yaml': 'just: a mapping\n',
    },
    paths: ['.'],
    expected: ['first @ a.yaml:1 false', 'last @ a.yaml:14 false'],
    errors: [
      'a.yaml:13 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'b.yaml:2 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  },
  {
    name: 'standard input is read first (as today), and the copy of its object in a file is dropped',
    files: { 'a.yaml': pod('web') },
    paths: ['a.yaml', '-'],
    stdin: `${pod('web')}---\n${pod('cli', PRIVILEGED)}`,
    expected: ['web @ <stdin>:1 false', 'cli @ <stdin>:10 false'],
  },
  {
    name: 'a Flux HelmRelease among the files is still read for its render request',
    files: {
      'flux.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: app, namespace: shop}\nspec:\n  chart:\n    spec: {chart: ./missing, sourceRef: {kind: GitRepository, name: repo}}\n---\n${pod('web')}`,
    },
    paths: ['flux.yaml'],
    expected: ['web @ flux.yaml:8 false'],
  },
  {
    name: "an overlay's rendered copy of a file's object is dropped; its other objects follow the files'",
    files: {
      'a.yaml': `${pod('web')}---\n${pod('api', PRIVILEGED)}`,
      'overlay/kustomization.yaml': 'resources:\n  - pods.yaml\n',
      'overlay/pods.yaml': `${pod('web')}---\n${pod('api')}---\n${pod('extra')}`,
    },
    paths: ['.'],
    expected: [
      'web @ a.yaml:1 false',
      'api @ a.yaml:10 false',
      'api @ overlay/pods.yaml:10 false',
      'extra @ overlay/pods.yaml:19 false',
    ],
    rendered: 3,
  },
];

const binaries = testBinaries();

interface Outcome {
  verdicts: TemplateVerdict[];
  errors: string[];
  read: unknown;
  skipped: unknown;
  templatesLeft: number;
}

async function judge(dir: string, test: Case, streamed: boolean): Promise<Outcome> {
  const defaultNamespace = test.defaultNamespace ?? 'default';
  const source = filesSource({
    paths: test.paths,
    cwd: dir,
    io: { readStdin: async () => test.stdin ?? '' },
    ...(typeof binaries === 'string' ? {} : { env: { PATH: binaries.folder } }),
  });
  const verdicts: TemplateVerdict[] = [];
  const taker = new StreamedPodTemplates(defaultNamespace, (template) =>
    verdicts.push(verdictOf(template, POLICY)),
  );
  const inventory = await loadSources([source], {
    defaultNamespace,
    cwd: dir,
    ...(streamed ? { takeDocument: taker.take } : {}),
  });
  if (streamed) for (const template of taker.rest(inventory)) verdicts.push(verdictOf(template, POLICY));
  else verdicts.push(...evaluateInventory(inventory, POLICY));
  return {
    verdicts,
    errors: inventory.issues
      .filter((issue) => issue.level === 'error')
      .map((issue) => `${issue.file}:${issue.line} ${issue.message}`),
    read: inventory.coverage.read,
    skipped: inventory.coverage.skipped,
    templatesLeft: inventory.podTemplates.length,
  };
}

describe('pss check judging documents as files are read (StreamedPodTemplates)', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'aksguard-streamed-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const [index, test] of CASES.entries()) {
    const skip = test.rendered !== undefined && typeof binaries === 'string' ? binaries : false;
    it(test.name, { skip }, async () => {
      const dir = join(root, String(index));
      for (const [file, text] of Object.entries(test.files)) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
      }
      const today = await judge(dir, test, false);
      const streamed = await judge(dir, test, true);
      assert.deepEqual(
        streamed.verdicts.map(
          (v) => `${v.resource.name} @ ${v.location.file}:${v.location.line} ${v.allowed}`,
        ),
        test.expected,
      );
      assert.deepEqual(streamed.errors, test.errors ?? []);
      // Exactly what the inventory gives, member for member, with the same coverage.
      assert.deepEqual(streamed.verdicts, today.verdicts);
      assert.deepEqual(streamed.errors, today.errors);
      assert.deepEqual(streamed.read, today.read);
      assert.deepEqual(streamed.skipped, today.skipped);
      // The files' documents were taken, not kept for the inventory (rendered documents are).
      assert.equal(streamed.templatesLeft, test.rendered ?? 0);
    });
  }
});
