import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempTree } from '../support/cli.js';

/**
 * Every command `aksguard fix` prints is run through bash, with `az` and `kubectl` replaced by functions that
 * record their arguments and no program on PATH: a name from input that injected anything (`;`, `$( )`, a newline
 * ending a comment) would show as a second command, an unknown command, or a created file.
 */
const BASH = spawnSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim();

function runThroughBash(line: string): { invocations: string[][]; stderr: string; created: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'aksguard-shell-'));
  // Our own placeholders (<ACR_NAME>, <POOL>) are for the reader to replace; quoted here so bash takes them as words.
  const command = line.replace(/<[^<>\s']+>/g, (placeholder) => `'${placeholder}'`);
  const prelude = [
    'record() { printf "%s\\037" "$@"; printf "\\036"; }',
    'az() { record az "$@"; }',
    'kubectl() { record kubectl "$@"; }',
    'command_not_found_handle() { printf "INJECTED:%s\\036" "$1"; return 127; }',
  ].join('\n');
  const result = spawnSync(BASH, ['--norc', '--noprofile', '-c', `${prelude}\n${command}`], {
    cwd: dir,
    env: { PATH: dir },
    encoding: 'utf8',
  });
  const created = readdirSync(dir);
  rmSync(dir, { recursive: true, force: true });
  const invocations = result.stdout
    .split('\u001e')
    .filter(Boolean)
    .map((record) =>
      record.split('\u001f').filter((_, index, all) => index < all.length - 1 || all[index] !== ''),
    );
  return { invocations, stderr: result.stderr, created };
}

function commandsOf(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^(# )?(az|kubectl) /.test(line))
    .map((line) => line.replace(/^# /, ''));
}

const HOSTILE_POD = `apiVersion: v1
kind: Pod
metadata: { name: "a;touch pwned-pod", namespace: "ns$(touch pwned-ns)" }
spec:
  containers: [{ name: app, image: nginx, securityContext: { privileged: true } }]
---
apiVersion: v1
kind: Pod
metadata: { name: "b\\ntouch pwned-newline", namespace: shop }
spec:
  containers: [{ name: app, image: nginx, securityContext: { privileged: true } }]
`;

function cluster(resourceGroup: string, name: string, pool: string): string {
  return JSON.stringify({
    id: `/subscriptions/0000/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: 'westeurope',
    properties: {
      kubernetesVersion: '1.33.2',
      enableRBAC: true,
      disableLocalAccounts: false,
      agentPoolProfiles: [
        {
          name: pool,
          mode: 'System',
          count: 3,
          osType: 'Linux',
          enableNodePublicIP: true,
          osDiskType: 'Managed',
        },
      ],
      networkProfile: { networkPlugin: 'azure', networkPolicy: 'none' },
    },
  });
}

describe('aksguard fix never puts an input-derived string unquoted in a shell command', () => {
  const tree = tempTree({
    'pods.yaml': HOSTILE_POD,
    'hostile.json': cluster('rg$(touch pwned-rg)', 'shop;touch pwned-name', 'np;touch pwned-pool'),
    'quoted.json': cluster('rg(prod)', 'shop', 'np1'),
  });

  it('every printed command runs as exactly one az/kubectl call with its words intact', async () => {
    const result = await runCli(
      ['fix', 'pods.yaml', '--cluster', 'hostile.json', '--cluster', 'quoted.json'],
      {
        cwd: tree.dir,
      },
    );
    assert.ok(result.code === 0 || result.code === 2, result.stderr);
    const commands = commandsOf(result.stdout);
    assert.ok(commands.length >= 6, result.stdout);
    assert.ok(commands.some((line) => line.startsWith('kubectl patch')));
    assert.ok(
      commands.some((line) => / -n <POOL>2 /.test(line)),
      'the hostile pool name is a placeholder',
    );
    assert.ok(
      commands.some((line) => line.includes("-g 'rg(prod)'")),
      'a valid group with parentheses is quoted',
    );
    for (const line of commands) {
      const run = runThroughBash(line);
      assert.deepEqual(run.created, [], line);
      assert.equal(run.invocations.length, 1, `${line}\n${JSON.stringify(run.invocations)}\n${run.stderr}`);
      const argv = run.invocations[0]!;
      assert.ok(argv[0] === 'az' || argv[0] === 'kubectl', line);
      for (const word of argv) assert.ok(!/pwned|INJECTED/.test(word), `${line}: ${word}`);
      const group = argv.indexOf('-g');
      if (group >= 0) assert.match(argv[group + 1]!, /^(rg\(prod\)|<RESOURCE_GROUP>)$/, line);
    }
    // No line of the output starts with an injected command (a newline in a name cannot end a comment).
    assert.doesNotMatch(result.stdout, /^touch /m);
  });

  it('cleans up', () => tree.cleanup());
});
