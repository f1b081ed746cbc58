import { readFileSync } from 'node:fs';
import { loadClustersFrom } from './src/load/aks/testSupport.ts';
import { clusterField } from './src/model/aksCluster.ts';
const files: Record<string,string> = {};
for (const f of process.argv.slice(2)) files[f] = readFileSync(f, 'utf8');
const r = await loadClustersFrom(files);
console.log('issues', r.issues, 'skipped', r.skipped, 'read', r.bicepRead);
for (const c of r.clusters) {
  console.log(c.name, c.dialect, c.address, c.apiVersion, c.location, 'partial', c.partial);
  for (const p of ['enableRBAC','disableLocalAccounts','apiServerAccessProfile.enablePrivateCluster','apiServerAccessProfile.authorizedIPRanges','networkProfile.networkPolicy','addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID','identity.type','dnsPrefix','tags.env'])
    console.log('  ', p, JSON.stringify(clusterField(c, p)));
  for (const pool of c.pools) console.log('  pool', pool.name, pool.declaredAs, pool.address, pool.location.line, JSON.stringify(pool.fields.entries.get('ostype')), JSON.stringify(pool.fields.entries.get('enablenodepublicip')));
  console.log('  surroundings', JSON.stringify(c.surroundings));
}
