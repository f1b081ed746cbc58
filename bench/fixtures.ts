/**
 * The benchmark inputs written as YAML files, so whole processes (the CLI, the js-yaml floor) can be timed on them:
 * `node --import tsx bench/fixtures.ts DIR NAME...` with NAME one of the sets below. Deterministic.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dump } from 'js-yaml';
import { generateCluster, oneOwnerPods, REAL_CLUSTER } from './netpol/generate.js';
import { syntheticDeployments } from './pss/workloads.js';
import { syntheticRbac } from './rbac/generate.js';
import { appFile } from './scan.js';

/** Documents per file for the object sets (a file a team would keep, not one giant stream). */
const PER_FILE = 100;

function writeDocuments(directory: string, documents: readonly string[], perFile = PER_FILE): void {
  mkdirSync(directory, { recursive: true });
  for (let index = 0; index < documents.length; index += perFile)
    writeFileSync(
      join(directory, `part-${String(index / perFile).padStart(5, '0')}.yaml`),
      `${documents.slice(index, index + perFile).join('---\n')}`,
    );
}

const yamlOf = (raw: unknown): string => dump(raw, { lineWidth: -1, noRefs: true });

/** About `objects` objects of the scan benchmark's applications (32 objects a file). */
export function writeApps(directory: string, objects: number): number {
  mkdirSync(directory, { recursive: true });
  const files = Math.ceil(objects / 32);
  for (let index = 0; index < files; index++)
    writeFileSync(join(directory, `app-${String(index).padStart(5, '0')}.yaml`), appFile(index, 10));
  return files * 32;
}

export function writeRbac(directory: string, roles: number, bindings: number): number {
  const { objects } = syntheticRbac({ roles, bindings, subjects: 20_000, namespaces: 500 });
  writeDocuments(
    directory,
    objects.map(({ raw }) => yamlOf({ apiVersion: 'rbac.authorization.k8s.io/v1', ...raw })),
    500,
  );
  return objects.length;
}

export function writeNetpolCluster(directory: string, namespaces: number): number {
  const { objects } = generateCluster({ ...REAL_CLUSTER, namespaces });
  writeDocuments(
    directory,
    objects.map(({ raw }) => yamlOf(raw)),
    500,
  );
  return objects.length;
}

/** One ReplicaSet's `pods` pods (one owner, one namespace) and a default-deny: the pod-IP growth case. */
export function writeOneOwner(directory: string, pods: number): number {
  const documents = [
    yamlOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'big' } }),
    yamlOf({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web', namespace: 'big' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 8080 }] }] },
    }),
  ];
  for (const pod of oneOwnerPods(pods)) documents.push(yamlOf(pod.raw));
  writeDocuments(directory, documents, 1000);
  return documents.length;
}

export function writePss(directory: string, templates: number): number {
  writeDocuments(directory, syntheticDeployments(templates));
  return templates;
}

export const FIXTURES: Record<string, (directory: string) => number> = {
  apps10k: (d) => writeApps(d, 10_000),
  apps100k: (d) => writeApps(d, 100_000),
  rbac: (d) => writeRbac(d, 10_000, 50_000),
  netpol5k: (d) => writeNetpolCluster(d, REAL_CLUSTER.namespaces),
  netpol50k: (d) => writeNetpolCluster(d, 5556),
  owner20k: (d) => writeOneOwner(d, 20_000),
  owner40k: (d) => writeOneOwner(d, 40_000),
  pss10k: (d) => writePss(d, 10_000),
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root, ...names] = process.argv.slice(2);
  if (!root) throw new Error('usage: fixtures.ts DIR NAME...');
  for (const name of names.length > 0 ? names : Object.keys(FIXTURES)) {
    const write = FIXTURES[name];
    if (!write) throw new Error(`unknown fixture ${name}`);
    const count = write(join(root, name));
    console.log(`${name}: ${count} objects`);
  }
}
