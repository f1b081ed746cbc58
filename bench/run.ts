/**
 * `npm run bench [-- NAME...]`: prints the figures of every benchmark (or only the named ones:
 * scan, pss, rbac, netpol, aks). Benchmarks measure; they never fail a build.
 */
const suites: Record<string, string> = {
  scan: 'runScanBench',
  pss: 'runPssBench',
  rbac: 'runRbacBench',
  netpol: 'runNetpolBench',
  aks: 'runAksBench',
};

const wanted = process.argv.slice(2).filter((name) => !name.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(suites);
console.log(`aksguard benchmarks on ${process.platform}/${process.arch}, Node ${process.version}\n`);
for (const name of names) {
  const exported = suites[name];
  if (!exported) {
    console.error(`unknown benchmark "${name}" (known: ${Object.keys(suites).join(', ')})`);
    process.exitCode = 2;
    continue;
  }
  const started = performance.now();
  const module = (await import(`./${name}.js`)) as Record<string, () => Promise<void>>;
  await module[exported]!();
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
