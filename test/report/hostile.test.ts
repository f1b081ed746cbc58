import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { markdownCode, markdownText } from '../../src/report/escape.js';
import { runCli, sarifMultitoolPresent, sarifProblems, tempTree } from '../support/cli.js';

const ESC = '\u001b';
// An OSC 8 hyperlink, a screen clear, a C1 CSI and a right-to-left override, in names and annotation values.
const HOSTILE_NAME = `evil${ESC}]8;;https://attacker.example${ESC}\\\\x${ESC}[2J\u009b31m\u202e`;
const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: ${JSON.stringify(HOSTILE_NAME)}
  namespace: shop
  annotations: { note: ${JSON.stringify(`${ESC}[31mred`)} }
spec:
  hostNetwork: true
  containers:
    - name: ${JSON.stringify(`app${ESC}[1m`)}
      image: nginx
      securityContext: { privileged: true }
`;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: our own SGR colour sequences
const OWN_COLOURS = /\u001b\[\d+m/g;

describe('no control character from input reaches the terminal', () => {
  const tree = tempTree({ 'pod.yaml': MANIFEST, [`bad${ESC}[2J.yaml`]: 'a: [\n' });
  const commands: [string, string[]][] = [
    ['scan -o table', ['scan', '.', '--no-config', '-o', 'table']],
    ['scan -o table (colour)', ['scan', '.', '--no-config', '-o', 'table']],
    ['scan -o markdown', ['scan', '.', '--no-config', '-o', 'markdown']],
    ['pss check', ['pss', 'check', '.']],
    ['netpol list', ['netpol', 'list', '-f', '.']],
    ['netpol list -o md', ['netpol', 'list', '-f', '.', '-o', 'md']],
    ['netpol list -o dot', ['netpol', 'list', '-f', '.', '-o', 'dot']],
    ['netpol explain', ['netpol', 'explain', '-f', '.']],
    ['netpol gaps', ['netpol', 'gaps', '-f', '.']],
    ['rbac who-can', ['rbac', 'who-can', 'get', 'pods', '-f', '.']],
    ['fix', ['fix', '.']],
    ['unknown option', ['scan', `--${ESC}[2J`]],
  ];
  for (const [name, args] of commands) {
    it(name, async () => {
      const result = await runCli(args, {
        cwd: tree.dir,
        ...(name.includes('colour') ? { env: { FORCE_COLOR: '1' } } : {}),
      });
      // Our own colours are SGR sequences (ESC [ n m); nothing else may carry an escape.
      const withoutOwnColours = result.stdout.replace(OWN_COLOURS, '');
      assert.doesNotMatch(withoutOwnColours, CONTROL, `stdout of ${name}`);
      assert.doesNotMatch(result.stderr, CONTROL, `stderr of ${name}`);
    });
  }
  it('shows the escaped characters instead', async () => {
    const result = await runCli(['scan', '.', '--no-config', '-o', 'table'], { cwd: tree.dir });
    assert.match(
      result.stdout,
      /Pod shop\/evil\\x1b\]8;;https:\/\/attacker\.example\\x1b\\\\x\\x1b\[2J\\x9b31m\\u202e/,
    );
    assert.match(result.stdout, /bad\\x1b\[2J\.yaml/);
  });
  it('cleans up', () => tree.cleanup());
});

describe('Markdown cells cannot break the table or smuggle links and HTML', () => {
  it('escapes pipes, newlines, HTML and link syntax', () => {
    assert.equal(
      markdownText('a | b\n<img src=x onerror=alert(1)> [click](https://evil) ![i](x) **bold** `code`'),
      'a \\| b &lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(https://evil\\) \\!\\[i\\]\\(x\\) \\*\\*bold\\*\\* \\`code\\`',
    );
    assert.equal(markdownCode('a`b|c'), '``a`b\\|c``');
    assert.equal(markdownCode('`x'), '`` `x ``');
  });

  it('a hostile message stays in its cell', async () => {
    const tree = tempTree({
      'pod.yaml': MANIFEST.replace(
        JSON.stringify(HOSTILE_NAME),
        '"x | y\\n| injected | row [a](https://evil) <b>"',
      ),
    });
    try {
      const markdown = (await runCli(['scan', '.', '--no-config', '-o', 'markdown'], { cwd: tree.dir }))
        .stdout;
      const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && line.includes('Pod shop/'));
      assert.ok(rows.length > 0);
      for (const row of rows) {
        // Five cells: every | from input is escaped.
        assert.equal(row.replace(/\\\|/g, '').split('|').length, 7, row);
        assert.doesNotMatch(row, /<b>|\]\(https/);
      }
    } finally {
      tree.cleanup();
    }
  });
});

describe('input errors in JUnit and SARIF', () => {
  const tree = tempTree({
    'good.yaml': MANIFEST,
    'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [\n',
  });
  it('JUnit: an erroring test case named after the file', async () => {
    const result = await runCli(['scan', '.', '--no-config', '-o', 'junit'], { cwd: tree.dir });
    assert.equal(result.code, 2);
    assert.match(result.stdout, /<testsuites name="aksguard" tests="\d+" failures="\d+" errors="1"/);
    assert.match(
      result.stdout,
      /<testsuite name="aksguard.inputs" tests="1" failures="0" errors="1" skipped="0">\n {4}<testcase classname="aksguard.inputs" name="broken.yaml:\d+"><error type="input" message="[^"]+">broken.yaml:\d+: /,
    );
  });

  it('SARIF: invocations[0].toolExecutionNotifications names the file and line, and validates', {
    skip: !sarifMultitoolPresent,
  }, async () => {
    const sarifFile = join(tree.dir, 'out.sarif');
    const result = await runCli(
      ['scan', '.', '--no-config', '-o', 'sarif', '--output-file', sarifFile, '--exclude', '*.sarif'],
      {
        cwd: tree.dir,
      },
    );
    assert.equal(result.code, 2);
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    const [invocation] = sarif.runs[0].invocations;
    assert.equal(invocation.executionSuccessful, true);
    assert.equal(invocation.toolExecutionNotifications.length, 1);
    const [notification] = invocation.toolExecutionNotifications;
    assert.equal(notification.level, 'error');
    assert.equal(notification.descriptor.id, 'aksguard/input-error');
    assert.equal(notification.locations[0].physicalLocation.artifactLocation.uri, 'broken.yaml');
    assert.ok(notification.locations[0].physicalLocation.region.startLine >= 1);
    assert.deepEqual(sarifProblems(sarifFile, tree.dir), []);
  });
  it('cleans up', () => tree.cleanup());
});
