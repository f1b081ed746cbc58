import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { progressReporter } from '../../src/cli/commands/scan.js';
import type { Report } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { runCli, tempTree } from '../support/cli.js';

const publicService = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: LoadBalancer
`;
const nodePortService = `apiVersion: v1
kind: Service
metadata:
  name: debug
  namespace: shop
spec:
  type: NodePort
`;

describe('aksguard scan: exit codes and gating', () => {
  it('exits 1 on a high finding, 0 with --fail-on critical or none; --severity only filters the display', async () => {
    const tree = tempTree({ 'svc.yaml': publicService });
    try {
      const base = ['scan', '.', '--no-config', '--rule', 'WL-NET-publicLoadBalancer', '-o', 'json'];
      assert.equal((await runCli(base, { cwd: tree.dir })).code, 1);
      assert.equal((await runCli([...base, '--fail-on', 'critical'], { cwd: tree.dir })).code, 0);
      assert.equal((await runCli([...base, '--fail-on', 'none'], { cwd: tree.dir })).code, 0);
      const filtered = await runCli([...base, '--severity', 'critical'], { cwd: tree.dir });
      assert.equal(filtered.code, 1, 'display filters never change the exit code');
      assert.equal((JSON.parse(filtered.stdout) as Report).findings.length, 0);
    } finally {
      tree.cleanup();
    }
  });

  it('exits 2 on input errors but still reports the findings of the other files', async () => {
    const tree = tempTree({ 'svc.yaml': publicService, 'broken.yaml': 'kind: [\n' });
    try {
      const result = await runCli(['scan', '.', '--no-config', '--rule', 'WL-NET-', '-o', 'json'], {
        cwd: tree.dir,
      });
      assert.equal(result.code, 2);
      const report = JSON.parse(result.stdout) as Report;
      assert.equal(report.findings[0]?.ruleId, 'WL-NET-publicLoadBalancer');
      assert.equal(report.errors[0]?.file, 'broken.yaml');
      assert.equal(report.errors[0]?.line, 2);
      assert.match(result.stderr, /1 input error\(s\); the rest was scanned/);
    } finally {
      tree.cleanup();
    }
  });

  it('exits 2 with a clear message on usage errors', async () => {
    const unknownFormat = await runCli(['scan', '.', '-o', 'xml']);
    assert.equal(unknownFormat.code, 2);
    assert.match(unknownFormat.stderr, /unknown output format "xml"/);
    const unknownOption = await runCli(['scan', '.', '--frobnicate']);
    assert.equal(unknownOption.code, 2);
    assert.match(unknownOption.stderr, /unknown option '--frobnicate'/);
    const badThreshold = await runCli(['scan', '.', '--fail-on', 'severe']);
    assert.equal(badThreshold.code, 2);
  });

  it('writes the report to --output-file and reads - from standard input', async () => {
    const tree = tempTree({});
    try {
      const result = await runCli(
        ['scan', '-', '--no-config', '--rule', 'WL-NET-nodePort', '-o', 'json', '--output-file', 'out.json'],
        { cwd: tree.dir, stdin: nodePortService },
      );
      assert.equal(result.stdout, '');
      const report = JSON.parse(readFileSync(join(tree.dir, 'out.json'), 'utf8')) as Report;
      assert.equal(report.findings[0]?.location?.file, '<stdin>');
      assert.equal(report.findings[0]?.location?.line, 7);
    } finally {
      tree.cleanup();
    }
  });

  it('prints a table on a terminal, with colour only when allowed', async () => {
    const tree = tempTree({ 'svc.yaml': publicService });
    try {
      const args = ['scan', '.', '--no-config', '--rule', 'WL-NET-publicLoadBalancer'];
      const plain = await runCli(args, { cwd: tree.dir, tty: true, env: { NO_COLOR: '1' } });
      assert.match(
        plain.stdout,
        /HIGH \(1\)\n {2}Service shop\/web {2}svc\.yaml\n {4}WL-NET-publicLoadBalancer :7 /,
      );
      assert.ok(!plain.stdout.includes('\u001b['));
      const forced = await runCli(args, { cwd: tree.dir, env: { FORCE_COLOR: '1' }, tty: true });
      assert.ok(forced.stdout.includes('\u001b['));
      const piped = await runCli(args, { cwd: tree.dir });
      assert.equal((JSON.parse(piped.stdout) as Report).schemaVersion, 1, 'JSON when not on a terminal');
    } finally {
      tree.cleanup();
    }
  });
});

describe('policy layer: configuration, waivers, baseline', () => {
  it('applies rule switches, severity overrides and parameters from .aksguard.yaml found upward', async () => {
    const tree = tempTree({
      '.aksguard.yaml': `rules:
  WL-NET-nodePort: { severity: critical }
  WL-NET-publicLoadBalancer: off
  WL-IMG-untrustedRegistry:
    params: { allowedRegistries: [docker.io] }
`,
      'app/svc.yaml': `${publicService}---\n${nodePortService}---\napiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec:\n  containers: [{ name: c, image: nginx:1.27 }]\n`,
    });
    try {
      const result = await runCli(
        ['scan', '.', '--rule', 'WL-NET-', '--rule', 'WL-IMG-untrustedRegistry', '-o', 'json'],
        {
          cwd: join(tree.dir, 'app'),
        },
      );
      const report = JSON.parse(result.stdout) as Report;
      assert.deepEqual(
        report.findings.map((finding) => `${finding.ruleId} ${finding.severity}`),
        ['WL-NET-nodePort critical'],
      );
    } finally {
      tree.cleanup();
    }
  });

  it('rejects a configuration with an unknown key, naming the file', async () => {
    const tree = tempTree({ '.aksguard.yaml': 'rulez: {}\n', 'a.yaml': nodePortService });
    try {
      const result = await runCli(['scan', '.'], { cwd: tree.dir });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /\.aksguard\.yaml:1: unknown key "rulez"/);
    } finally {
      tree.cleanup();
    }
  });

  it('applies config and annotation waivers and audits unused, expired and invalid ones', async () => {
    const files = {
      'config.yaml': `waivers:
  - rule: WL-NET-publicLoadBalancer
    resource: { kind: Service, namespace: shop, name: web }
    reason: behind Front Door WAF
    expires: 2099-01-01
  - rule: WL-NET-externalIPs
    reason: nothing matches this
  - rule: WL-NET-nodePort
    reason: too old
    expires: 2020-01-01
`,
      'svc.yaml': `${publicService}---\n${nodePortService}---
apiVersion: v1
kind: Service
metadata:
  name: legacy
  namespace: shop
  annotations:
    aksguard.io/ignore: "WL-NET-nodePort: migrating to ingress; WL-BROKEN"
spec:
  type: NodePort
`,
    };
    const tree = tempTree(files);
    try {
      const report = await scan({
        paths: ['svc.yaml'],
        cwd: tree.dir,
        config: join(tree.dir, 'config.yaml'),
        only: ['WL-NET-'],
      });
      assert.deepEqual(
        report.findings.map((finding) => `${finding.ruleId} ${finding.resource.name}`),
        ['WL-NET-nodePort debug'],
      );
      assert.deepEqual(
        report.waived
          .map((finding) => `${finding.resource.name} ${finding.waiver.source} ${finding.waiver.reason}`)
          .sort(),
        ['legacy annotation migrating to ingress', 'web config behind Front Door WAF'],
      );
      assert.deepEqual(
        report.waivers.unused.map((waiver) => waiver.rule),
        ['WL-NET-externalIPs'],
      );
      assert.equal(report.waivers.unused[0]?.location?.line, 6);
      assert.deepEqual(
        report.waivers.expired.map((waiver) => waiver.rule),
        ['WL-NET-nodePort'],
      );
      assert.match(report.waivers.invalid[0]?.problem ?? '', /"WL-BROKEN" is not "<RULE-ID>: <reason>"/);

      const forbidden = await scan({
        paths: ['svc.yaml'],
        cwd: tree.dir,
        config: { rules: {}, waivers: [], allowAnnotationWaivers: false, settings: {} },
        only: ['WL-NET-nodePort'],
      });
      assert.deepEqual(forbidden.findings.map((finding) => finding.resource.name).sort(), [
        'debug',
        'legacy',
      ]);
      assert.match(forbidden.waivers.invalid.at(-1)?.problem ?? '', /annotation waivers are forbidden/);
    } finally {
      tree.cleanup();
    }
  });

  it('reads annotation waivers from a pod template too', async () => {
    const tree = tempTree({
      'd.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    metadata:
      annotations:
        aksguard.io/ignore: "WL-IMG-*: vendor image, mirrored nightly"
    spec:
      containers: [{ name: c, image: nginx }]
`,
    });
    try {
      const report = await scan({ paths: ['.'], cwd: tree.dir, config: false, only: ['WL-IMG-'] });
      assert.equal(report.findings.length, 0);
      assert.equal(report.waived.length, 3);
    } finally {
      tree.cleanup();
    }
  });

  it('writes a baseline and then reports only new findings', async () => {
    const tree = tempTree({ 'svc.yaml': publicService });
    try {
      const args = ['scan', '.', '--no-config', '--rule', 'WL-NET-', '-o', 'json'];
      const first = await runCli([...args, '--write-baseline', 'baseline.json'], { cwd: tree.dir });
      assert.equal(first.code, 1);
      const again = await runCli([...args, '--baseline', 'baseline.json'], { cwd: tree.dir });
      assert.equal(again.code, 0);
      assert.deepEqual((JSON.parse(again.stdout) as Report).baseline, {
        file: 'baseline.json',
        suppressed: 1,
      });
      const grown = tempTree({
        'svc.yaml': `# a line above moves nothing\n${publicService}---\n${nodePortService}`,
      });
      try {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(join(grown.dir, 'baseline.json'), readFileSync(join(tree.dir, 'baseline.json')));
        const report = JSON.parse(
          (await runCli([...args, '--baseline', 'baseline.json'], { cwd: grown.dir })).stdout,
        ) as Report;
        assert.deepEqual(
          report.findings.map((finding) => finding.ruleId),
          ['WL-NET-nodePort'],
        );
      } finally {
        grown.cleanup();
      }
    } finally {
      tree.cleanup();
    }
  });
});

describe('aksguard rules', () => {
  it('lists the catalogue, filters by family and prints one page', async () => {
    const list = await runCli(['rules']);
    assert.equal(list.code, 0);
    assert.match(
      list.stdout,
      /WL-NET-publicLoadBalancer\s+high\s+workload\s+★ Service exposed on a public load balancer/,
    );
    const json = JSON.parse((await runCli(['rules', '--family', 'workload', '-o', 'json'])).stdout) as {
      id: string;
      family: string;
    }[];
    assert.ok(json.length >= 16 && json.every((rule) => rule.family === 'workload'));
    const page = await runCli(['rules', 'WL-SEC-committedSecret']);
    assert.match(
      page.stdout,
      /^# WL-SEC-committedSecret: Secret with values committed to the repository\n\n.*\n\nSeverity: \*\*high\*\*/,
    );
    assert.match(page.stdout, /### ❌ Incorrect/);
    const missing = await runCli(['rules', 'NOPE-1']);
    assert.equal(missing.code, 2);
  });
});

describe('scan inputs that are not manifests', () => {
  it('does not read the --azure-role-assignments file as a manifest', async () => {
    const tree = tempTree({ 'svc.yaml': nodePortService, 'roles.json': '[]\n' });
    try {
      const result = await runCli(
        [
          'scan',
          '.',
          '--no-config',
          '--rule',
          'WL-NET-',
          '--azure-role-assignments',
          'roles.json',
          '-o',
          'json',
        ],
        {
          cwd: tree.dir,
        },
      );
      const report = JSON.parse(result.stdout) as Report;
      assert.deepEqual(report.notes, []);
      assert.equal(report.inputs.files, 1);
    } finally {
      tree.cleanup();
    }
  });
});

describe('command-line parsing', () => {
  it('keeps --version for the tool before a command and for the command after it', async () => {
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const tree = tempTree({
      'pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: x, securityContext: { privileged: true } }]\n',
    });
    try {
      const result = await runCli(
        ['pss', 'check', '.', '--level', 'baseline', '--version', 'v1.30', '-o', 'json'],
        {
          cwd: tree.dir,
        },
      );
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.equal((JSON.parse(result.stdout) as { version: string }).version, 'v1.30');
    } finally {
      tree.cleanup();
    }
  });
});

describe('progress', () => {
  it('writes to a terminal stderr only after 400 ms, at most every 100 ms, and clears the line', () => {
    let now = 1000;
    let stderr = '';
    const progress = progressReporter(
      {
        stderrIsTTY: true,
        err: (text) => {
          stderr += text;
        },
      },
      () => now,
    );
    progress.update('reading inputs');
    now += 399;
    progress.update('checking 10 objects');
    assert.equal(stderr, '', 'quick scans show nothing');
    now += 1;
    progress.update('rule 1/9 A-1');
    now += 50;
    progress.update('rule 2/9 A-2');
    now += 100;
    progress.update('rule 3/9 A-3');
    progress.done();
    assert.equal(stderr, '\r\u001b[2Kaksguard: rule 1/9 A-1…\r\u001b[2Kaksguard: rule 3/9 A-3…\r\u001b[2K');
  });

  it('never writes progress when stderr is not a terminal', () => {
    let now = 0;
    let stderr = '';
    const progress = progressReporter(
      {
        stderrIsTTY: false,
        err: (text) => {
          stderr += text;
        },
      },
      () => now,
    );
    now = 10_000;
    progress.update('rule 1/9 A-1');
    progress.done();
    assert.equal(stderr, '');
  });
});

describe('aksguard scan: coverage', () => {
  const helmTemplate = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
`;

  it('lists what was read by dialect and what was skipped, and says so under the summary', async () => {
    const tree = tempTree({
      'k8s/svc.yaml': publicService,
      'chart/templates/deployment.yaml': helmTemplate,
      'infra/main.bicep':
        "module platform 'br:contoso.azurecr.io/bicep/platform:1.2.0' = {\n  params: {}\n}\n",
      'infra/tool.json': '{"compilerOptions": {}}\n',
    });
    try {
      const base = ['scan', '.', '--no-config', '--rule', 'WL-NET-publicLoadBalancer'];
      const json = await runCli([...base, '-o', 'json'], { cwd: tree.dir });
      const report = JSON.parse(json.stdout) as Report;
      assert.deepEqual(report.coverage.read, { kubernetes: 1, bicep: 1 });
      assert.deepEqual(
        report.coverage.skipped.map((entry) => [entry.path, entry.category, entry.significant]),
        [
          [join('chart', 'templates', 'deployment.yaml'), 'unrendered-template', true],
          [join('infra', 'main.bicep'), 'remote-source', true],
          [join('infra', 'tool.json'), 'not-kubernetes', false],
        ],
      );
      const table = await runCli([...base, '-o', 'table'], { cwd: tree.dir });
      assert.match(
        table.stdout,
        /2 inputs not analysed: 1 unrendered template, 1 remote module or source \(see -o json\)\n$/,
      );
    } finally {
      tree.cleanup();
    }
  });

  it('never says "No findings" when nothing was analysed, and --fail-on-skipped exits 1 on skipped inputs', async () => {
    const tree = tempTree({ 'chart/templates/deployment.yaml': helmTemplate });
    try {
      const table = await runCli(['scan', '.', '--no-config', '-o', 'table'], { cwd: tree.dir });
      assert.equal(table.code, 0);
      assert.doesNotMatch(table.stdout, /No findings\./);
      assert.match(table.stdout, /Nothing was analysed/);
      const gated = await runCli(['scan', '.', '--no-config', '-o', 'json', '--fail-on-skipped'], {
        cwd: tree.dir,
      });
      assert.equal(gated.code, 1);
    } finally {
      tree.cleanup();
    }
  });
});
