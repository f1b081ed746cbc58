/**
 * PSS benchmark: 10,000 pod templates at restricted/latest with our engine and with @monokle/validation's
 * pod-security-standards plugin, in the same run; then both tools' accuracy on the upstream fixtures.
 * Run alone: node --import tsx bench/pss.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluatePod, evaluateTemplate } from '../src/engines/pss/index.js';
import { loadInventory } from '../src/load/index.js';
import { runRules } from '../src/rules/runRules.js';
import { workloadRules } from '../src/rules/workload/index.js';
import { loadFixtures } from '../test/conformance/pss/fixtures.js';
import { blockNetwork, createMonokle, type MonokleFile, runMonokle } from './pss/monokle.js';
import { syntheticDeployments } from './pss/workloads.js';

const TEMPLATES = 10_000;
const PER_FILE = 100;

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function speed(): Promise<void> {
  const documents = syntheticDeployments(TEMPLATES);
  const files: MonokleFile[] = [];
  for (let i = 0; i < documents.length; i += PER_FILE) {
    const path = `workloads-${String(i / PER_FILE).padStart(3, '0')}.yaml`;
    files.push({ id: path, path, content: documents.slice(i, i + PER_FILE).join('---\n') });
  }
  const directory = mkdtempSync(join(tmpdir(), 'aksguard-bench-pss-'));
  try {
    for (const file of files) writeFileSync(join(directory, file.path), file.content);

    const heapBefore = process.memoryUsage().heapUsed;
    const loadStart = performance.now();
    const inventory = await loadInventory({ paths: ['.'], cwd: directory });
    const loadMs = performance.now() - loadStart;
    const templates = inventory.podTemplates;
    if (templates.length !== TEMPLATES)
      throw new Error(`expected ${TEMPLATES} templates, got ${templates.length}`);

    const policy = { level: 'restricted', version: 'latest' } as const;
    let denied = 0;
    const runs: number[] = [];
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      denied = 0;
      for (const template of templates) if (!evaluateTemplate(template, policy).allowed) denied++;
      runs.push(performance.now() - start);
    }
    const evaluateMs = Math.min(...runs);
    const heapAfter = process.memoryUsage().heapUsed;

    // The 19 WL-PSS scan rules share one memoised judgement (enforce and warn policy per namespace).
    const pssRules = workloadRules.filter((rule) => rule.id.startsWith('WL-PSS-'));
    const rulesStart = performance.now();
    const scan = runRules(inventory, pssRules, {
      settings: {
        defaultNamespace: 'default',
        pssLevel: 'restricted',
        pssVersion: 'latest',
        netpolEngine: 'auto',
      },
    });
    const rulesMs = performance.now() - rulesStart;

    const validator = await createMonokle('restricted');
    const monokle = await runMonokle(validator, files);

    console.log(
      `PSS benchmark: ${TEMPLATES} Deployment pod templates at restricted/latest (${files.length} files)`,
    );
    console.log(
      `  aksguard  load ${ms(loadMs)}, evaluate ${ms(evaluateMs)} (best of ${runs.length}), ${denied} denied`,
    );
    console.log(`            heap for inventory + verdicts ${mib(heapAfter - heapBefore)}`);
    console.log(
      `            ${pssRules.length} WL-PSS scan rules ${ms(rulesMs)}, ${scan.findings.length} findings`,
    );
    console.log(
      `  monokle   extract ${ms(monokle.extractMs)}, validate ${ms(monokle.validateMs)}, ${monokle.flagged.size} flagged of ${monokle.resources}`,
    );
    console.log(
      `  speed-up  evaluation ${(monokle.validateMs / evaluateMs).toFixed(0)}x; end to end ${((monokle.extractMs + monokle.validateMs) / (loadMs + evaluateMs)).toFixed(1)}x`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

interface Tally {
  passOk: number;
  passWrong: number;
  failCaught: number;
  failMissed: number;
}

async function accuracy(): Promise<void> {
  const { fixtures, texts, pods } = loadFixtures();
  const files = texts.map((content, index) => ({ id: `c${index}.yaml`, path: `c${index}.yaml`, content }));
  // Monokle has no policy versions: one run per level (baseline = PSS1xx rules, restricted = PSS1xx + PSS2xx).
  const flaggedAt = {
    baseline: (await runMonokle(await createMonokle('baseline'), files)).flaggedFiles,
    restricted: (await runMonokle(await createMonokle('restricted'), files)).flaggedFiles,
  };
  const ours: Tally = { passOk: 0, passWrong: 0, failCaught: 0, failMissed: 0 };
  const theirs: Tally = { passOk: 0, passWrong: 0, failCaught: 0, failMissed: 0 };
  const tally = (t: Tally, pass: boolean, refused: boolean) => {
    if (pass) refused ? t.passWrong++ : t.passOk++;
    else refused ? t.failCaught++ : t.failMissed++;
  };
  for (const f of fixtures) {
    const pass = f.expect === 'pass';
    tally(ours, pass, !evaluatePod(pods[f.content]!, { level: f.level, version: f.minor }).allowed);
    tally(theirs, pass, flaggedAt[f.level].has(`c${f.content}.yaml`));
  }
  const line = (name: string, t: Tally) =>
    `  ${name.padEnd(9)} pass fixtures ${t.passOk} allowed / ${t.passWrong} wrongly refused; fail fixtures ${t.failCaught} refused / ${t.failMissed} missed`;
  console.log(
    `PSS accuracy on the ${fixtures.length} upstream fixtures (kubernetes/pod-security-admission@8f84a87)`,
  );
  console.log(line('aksguard', ours));
  console.log(line('monokle', theirs));
}

export async function runPssBench(): Promise<void> {
  blockNetwork();
  await speed();
  await accuracy();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runPssBench();
