import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeNetpol } from '../../src/engines/netpol/analyze.js';
import { deployment } from '../../src/engines/netpol/testing.js';
import { emptyCoverage } from '../../src/model/coverage.js';
import type { Finding } from '../../src/model/finding.js';
import { connectivityView } from '../../src/report/html/connectivity.js';
import { renderHtmlReport } from '../../src/report/html/report.js';
import { STYLE } from '../../src/report/html/style.js';
import type { Report } from '../../src/report/report.js';
import { allRules } from '../../src/rules/index.js';
import { runCli, tempTree } from '../support/cli.js';

const GOLDEN = fileURLToPath(new URL('./golden/report.outline.txt', import.meta.url));

function finding(
  ruleId: string,
  severity: Finding['severity'],
  name: string,
  line: number,
  extra: Partial<Finding> = {},
): Finding {
  return {
    ruleId,
    severity,
    title: `${ruleId} title`,
    message: `Deployment shop/${name} ${ruleId} message`,
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name },
    location: { file: 'app.yaml', line, column: 3 },
    evidence: { observed: 'x', expected: 'y' },
    fix: `fix of ${ruleId}`,
    fingerprint: `fp-${ruleId}-${name}`,
    ...extra,
  };
}

/** A report built by hand, so the structure does not move when rules change their findings. */
function handmadeReport(): Report {
  const findings = [
    finding('NP-dbWideOpen', 'critical', 'db', 10),
    finding('WL-NET-publicLoadBalancer', 'high', 'web', 20),
    finding('WL-NET-publicLoadBalancer', 'high', 'api', 30, { fix: 'a different fix\naz: az aks update' }),
    finding('WL-HARD-readOnlyRootFs', 'medium', 'web', 40),
    finding('WL-RES-cpuLimit', 'low', 'web', 50),
    finding('WL-HARD-userNamespaces', 'info', 'web', 60),
    {
      ...finding('AKS-NET-01', 'high', 'aks', 1),
      resource: { kind: 'ManagedCluster', name: 'aks' },
      location: { file: 'main.tf', line: 1, column: 1 },
    },
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'aksguard', version: '9.9.9' },
    summary: { critical: 1, high: 3, medium: 1, low: 1, info: 1 },
    findings,
    notEvaluated: [{ ruleId: 'AKS-NET-03', reason: 'depends on var.authorized_ip_ranges' }],
    waived: [
      {
        ...finding('WL-IMG-untrustedRegistry', 'high', 'vendor', 70),
        waiver: { rule: 'WL-IMG-untrustedRegistry', reason: 'vendor image', source: 'config' },
      },
    ],
    waivers: { unused: [], expired: [], invalid: [], annotations: [] },
    errors: [{ level: 'error', file: 'broken.yaml', line: 3, message: 'bad indentation' }],
    notes: [],
    inputs: { files: 3, objects: 4, clusters: 1, rules: allRules.length },
    coverage: {
      ...emptyCoverage(),
      read: { kubernetes: 2, terraform: 1 },
      skipped: [
        {
          path: 'infra/main.bicep',
          category: 'unsupported-format',
          reason: 'Bicep is not read yet',
          significant: true,
        },
      ],
    },
  };
}

function render(report: Report): string {
  const connectivity = connectivityView(
    analyzeNetpol([deployment('shop', 'web'), deployment('shop', 'db'), deployment('ops', 'tool')], {
      engine: 'azure',
    }),
  );
  return [
    ...renderHtmlReport({ report, rules: allRules, color: false, warn: () => {}, extras: { connectivity } }),
  ].join('');
}

const all = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!);

/** The page's structure: sections, headings, controls, findings, graph nodes and edges; no styling. */
function outline(html: string): string {
  const lines: string[] = [];
  lines.push(`title: ${/<head>.*?<title>([^<]*)<\/title>/s.exec(html)?.[1]}`);
  lines.push(
    `toc: ${all(html, /<nav class="toc"[^>]*>(.*?)<\/nav>/g)
      .flatMap((nav) => all(nav, /href="#([^"]+)"/g))
      .join(' ')}`,
  );
  for (const section of html.matchAll(/<section id="([^"]+)"><h2>([^<]*)<\/h2>(.*?)<\/section>/gs)) {
    const [, id, heading, body] = section;
    lines.push(`section ${id}: ${heading}`);
    if (id !== 'rules') for (const h3 of all(body!, /<h3[^>]*>([^<]*)</g)) lines.push(`  h3 ${h3}`);
    for (const list of all(body!, /<details id="([^"]+)"/g)) lines.push(`  list ${list}`);
    const statuses = all(body!, /<tr id="control-([^"]+)" data-status="([^"]+)"/g);
    if (statuses.length > 0)
      lines.push(
        `  controls: ${[...body!.matchAll(/<tr id="control-([^"]+)" data-status="([^"]+)"/g)].map((m) => `${m[1]}=${m[2]}`).join(' ')}`,
      );
    // Groups in page order, each with its findings.
    const marks =
      /<details class="group" open id="([^"]+)" data-key="[^"]*" data-fam="([^"]*)" data-sev="([^"]+)">|<details class="finding" id="([^"]+)" data-sev="([^"]+)" data-ns="([^"]*)">/g;
    for (const m of body!.matchAll(marks))
      lines.push(
        m[1] ? `  group ${m[1]} family=${m[2]} worst=${m[3]}` : `    finding #${m[4]} ${m[5]} ns=${m[6]}`,
      );
    for (const dt of new Set(all(body!, /<dt>([^<]+)<\/dt>/g))) lines.push(`  fact ${dt}`);
    for (const svg of body!.matchAll(/<svg class="graph" id="([^"]+)"[^>]*>(.*?)<\/svg>/gs)) {
      lines.push(`  svg ${svg[1]}`);
      lines.push(`    nodes: ${all(svg[2]!, /class="node kind-[^"]+" data-id="([^"]+)"/g).join(' ')}`);
      lines.push(
        `    edges: ${[...svg[2]!.matchAll(/class="edge[^"]*" data-from="([^"]+)" data-to="([^"]+)"/g)].map((m) => `${m[1]}>${m[2]}`).join(' ')}`,
      );
    }
    const banners = all(body!, /<p class="banner" role="note">([^<]*)</g);
    for (const banner of banners) lines.push(`  banner ${banner}`);
    const docs = all(body!, /<details class="doc" id="([^"]+)"/g);
    if (docs.length > 0) lines.push(`  docs: ${docs.join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('HTML report: structure', () => {
  it('matches the golden structure (sections, controls, findings, graph; not pixels)', () => {
    const actual = outline(render(handmadeReport()));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, actual);
    assert.ok(existsSync(GOLDEN), `${GOLDEN} is missing: run with UPDATE_GOLDEN=1 and review it`);
    assert.equal(
      actual,
      readFileSync(GOLDEN, 'utf8'),
      'the structure changed: run with UPDATE_GOLDEN=1 and review the diff',
    );
  });

  it('is one self-contained file: one style, one script, both allowed by hash in a CSP that allows nothing else', () => {
    const html = render(handmadeReport());
    const styles = all(html, /<style>(.*?)<\/style>/gs);
    const scripts = all(html, /<script>(.*?)<\/script>/gs);
    assert.equal(styles.length, 1);
    assert.equal(scripts.length, 1);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    assert.equal(
      csp,
      `default-src 'none'; style-src ${sha(styles[0]!)}; script-src ${sha(scripts[0]!)}; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    // Nothing to fetch: no src attribute, no link element, every link a fragment of the page.
    assert.doesNotMatch(html, /\ssrc=/);
    assert.doesNotMatch(html, /<link\b/);
    assert.deepEqual(
      all(html, /\shref="([^"]*)"/g).filter((href) => !href.startsWith('#')),
      [],
    );
    assert.doesNotMatch(html, /\sstyle="/, 'no inline style attribute (the CSP would block it)');
  });

  it('is bounded: beyond 20,000 findings the page keeps the most severe and says how many it left out', () => {
    const base = handmadeReport();
    const many = Array.from({ length: 20_003 }, (_, i) => ({
      ...finding('WL-RES-cpuLimit', 'low', `w${i}`, i + 1),
      evidence: {},
      fix: '',
    }));
    const html = [
      ...renderHtmlReport({
        report: { ...base, findings: many },
        rules: allRules,
        color: false,
        warn: () => {},
      }),
    ].join('');
    assert.equal(html.split('<details class="finding"').length - 1, 20_000);
    assert.match(
      html,
      /<h2>Findings \(20003\)<\/h2><p class="banner" role="note">truncated: 3 findings of the lowest severities not shown/,
    );
  });

  it('puts each finding once, with its fingerprint as id, and the rule’s fix once per group', () => {
    const html = render(handmadeReport());
    const ids = all(html, /<details class="finding" id="([^"]+)"/g);
    assert.deepEqual(
      ids,
      handmadeReport().findings.map((f) => f.fingerprint),
    );
    assert.equal(html.split('fix of WL-NET-publicLoadBalancer').length - 1, 1, 'the common fix, once');
    assert.match(html, /<pre class="fix">a different fix\n<span class="cmd">\$ az aks update<\/span><\/pre>/);
  });
});

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe('HTML report: readable contrast in both schemes', () => {
  it('badges (white text), body text, muted text and links reach WCAG AA (4.5:1)', () => {
    const variables = (css: string) =>
      new Map(
        [...css.matchAll(/--([a-z-]+):(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!] as [string, string]),
      );
    const light = variables(STYLE.slice(0, STYLE.indexOf('@media (prefers-color-scheme:dark)')));
    const dark = new Map([
      ...light,
      ...variables(/@media \(prefers-color-scheme:dark\)\{:root\{([^}]*)\}/.exec(STYLE)![1]!),
    ]);
    for (const [scheme, vars] of [
      ['light', light],
      ['dark', dark],
    ] as const) {
      const v = (name: string) => vars.get(name)!;
      for (const badge of ['critical', 'high', 'medium', 'low', 'info', 'pass', 'fail', 'ne'])
        assert.ok(contrast('#ffffff', v(badge)) >= 4.5, `${scheme}: white on --${badge} ${v(badge)}`);
      for (const [text, on] of [
        ['fg', 'bg'],
        ['fg', 'panel'],
        ['muted', 'bg'],
        ['muted', 'panel'],
        ['link', 'bg'],
      ])
        assert.ok(contrast(v(text!), v(on!)) >= 4.5, `${scheme}: --${text} on --${on}`);
    }
  });
});

describe('HTML report: escaping and secrets', () => {
  const HOSTILE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "<script>alert(1)</script>"
  namespace: "x\\"><img src=y onerror=alert(2)>"
spec:
  template:
    metadata: { labels: { app: "<b>bold</b>" } }
    spec:
      containers: [{ name: "c'<x>", image: "evil.io/<svg onload=alert(3)>:1" }]
---
apiVersion: v1
kind: Service
metadata: { name: "</title><script>alert(4)</script>", namespace: "x\\"><img src=y onerror=alert(2)>" }
spec: { type: LoadBalancer, ports: [{ port: 80 }], selector: { app: "<b>bold</b>" } }
`;

  it('renders names from the input as text: a manifest named <script> cannot run or inject markup', async () => {
    const tree = tempTree({ 'app.yaml': HOSTILE });
    try {
      const result = await runCli(
        ['scan', '.', '--no-config', '-o', 'html', '--output-file', 'r.html', '--fail-on', 'none'],
        { cwd: tree.dir },
      );
      assert.equal(result.code, 0, result.stderr);
      const html = readFileSync(join(tree.dir, 'r.html'), 'utf8');
      assert.equal(html.split('<script').length - 1, 1, 'only the page’s own script element');
      assert.doesNotMatch(html, /<img|<svg onload|<b>bold|<\/title><script/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.match(html, /data-ns="x&quot;&gt;&lt;img src=y onerror=alert\(2\)&gt;"/);
      const netpol = await runCli(['netpol', 'list', '-f', '.', '-o', 'html', '--output-file', 'n.html'], {
        cwd: tree.dir,
      });
      assert.equal(netpol.code, 0, netpol.stderr);
      const page = readFileSync(join(tree.dir, 'n.html'), 'utf8');
      assert.equal(page.split('<script').length - 1, 1);
      assert.doesNotMatch(page, /<img|<svg onload|<\/title><script/);
      assert.match(page, /data-id="ns:x&quot;&gt;&lt;img src=y onerror=alert\(2\)&gt;"/);
    } finally {
      tree.cleanup();
    }
  });
});

describe('HTML views of netpol list, netpol diff and rbac paths', () => {
  const OLD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: x }] } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: db, namespace: shop }
spec: { template: { metadata: { labels: { app: db } }, spec: { containers: [{ name: db, image: x, ports: [{ containerPort: 5432 }] }] } } }
`;
  const NEW = `${OLD}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 5432 }] }]
`;

  const IMDS_BLOCK = `${OLD}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: block-imds, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress: [{ to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.254/32] } }] }]
`;

  it('netpol list -o html: the connectivity graph with its drill-down and the connection table', async () => {
    const tree = tempTree({ 'app.yaml': NEW });
    try {
      const result = await runCli(
        ['netpol', 'list', '-f', '.', '--engine', 'azure', '-o', 'html', '--output-file', 'n.html'],
        {
          cwd: tree.dir,
        },
      );
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        /^aksguard: wrote the HTML report to .*n\.html \(open it in a browser\)\n$/,
      );
      const html = readFileSync(join(tree.dir, 'n.html'), 'utf8');
      assert.deepEqual(all(html, /<svg class="graph" id="([^"]+)"/g), ['svg-connectivity', 'svg-drill-shop']);
      const drill = /<svg class="graph" id="svg-drill-shop".*?<\/svg>/s.exec(html)![0];
      const drawn = [...drill.matchAll(/data-from="([^"]+)" data-to="([^"]+)"/g)].map(
        (m) => `${m[1]}>${m[2]}`,
      );
      assert.deepEqual(
        drawn.filter((e) => !e.includes('special:')),
        ['wl:shop/web[Deployment]>wl:shop/db[Deployment]', 'wl:shop/db[Deployment]>wl:shop/web[Deployment]'],
      );
      // The policy admits only web into db: nothing from outside reaches it.
      assert.deepEqual(
        drawn.filter((e) => e.endsWith('>wl:shop/db[Deployment]')),
        ['wl:shop/web[Deployment]>wl:shop/db[Deployment]'],
      );
      assert.match(
        html,
        /<td>shop\/web\[Deployment\]<\/td><td>shop\/db\[Deployment\]<\/td><td class="mono">TCP 5432<\/td>/,
      );
    } finally {
      tree.cleanup();
    }
  });

  it('netpol diff -o html colours what changed; --compare-engines -o html shows the verdicts per engine', async () => {
    const tree = tempTree({ 'old/app.yaml': OLD, 'new/app.yaml': NEW, 'imds/app.yaml': IMDS_BLOCK });
    try {
      const diff = await runCli(['netpol', 'diff', 'old', 'new', '--engine', 'azure', '-o', 'html'], {
        cwd: tree.dir,
      });
      assert.equal(diff.code, 0, diff.stderr);
      assert.match(diff.stdout, /^<!DOCTYPE html>/);
      const edges = [
        ...diff.stdout.matchAll(/<g class="edge change-(\w+)" data-from="([^"]+)" data-to="([^"]+)"/g),
      ].map((m) => `${m[1]} ${m[2]}>${m[3]}`);
      assert.ok(edges.includes('changed wl:shop/web[Deployment]>wl:shop/db[Deployment]'), edges.join('\n'));
      assert.ok(
        edges.every((e) => e.startsWith('changed ') || e.startsWith('removed ')),
        edges.join('\n'),
      );
      // The classic IMDS block (0.0.0.0/0 except 169.254.169.254): on Cilium an ipBlock never matches pods.
      const engines = await runCli(['netpol', 'list', '-f', 'imds', '--compare-engines', '-o', 'html'], {
        cwd: tree.dir,
      });
      assert.equal(engines.code, 0, engines.stderr);
      assert.match(engines.stdout, /<th>azure<\/th><th>calico<\/th><th>cilium<\/th>/);
      assert.match(
        engines.stdout,
        /<td>shop\/web\[Deployment\]<\/td><td>shop\/db\[Deployment\]<\/td><td class="mono">All Connections<\/td><td class="mono">All Connections<\/td><td class="mono">No Connections<\/td>/,
      );
      assert.match(
        engines.stdout,
        /<g class="edge change-changed" data-from="wl:shop\/web\[Deployment\]" data-to="wl:shop\/db\[Deployment\]">/,
      );
    } finally {
      tree.cleanup();
    }
  });

  it('rbac paths -o html: one diagram per path; -o html is refused by the other rbac commands', async () => {
    const tree = tempTree({
      'rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: admin-bot }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: admin-bot, namespace: ops }]
`,
    });
    try {
      const result = await runCli(['rbac', 'paths', '--all', '-f', '.', '-o', 'html'], { cwd: tree.dir });
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stdout,
        /<h3 id="path-0">ServiceAccount ops\/admin-bot → cluster-admin <span class="muted">\(1 step\)<\/span><\/h3>/,
      );
      assert.match(result.stdout, /via ClusterRoleBinding admin-bot \(ClusterRole cluster-admin\)/);
      const refused = await runCli(['rbac', 'can-i', 'get', 'pods', '--as', 'x', '-f', '.', '-o', 'html'], {
        cwd: tree.dir,
      });
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /-o must be table or json, not "html"/);
    } finally {
      tree.cleanup();
    }
  });
});
