import { defineRule } from '../defineRule.js';
import { isPlainObject } from './lib/pods.js';

export default defineRule({
  id: 'WL-SEC-committedSecret',
  title: 'Secret with values committed to the repository',
  description:
    'A Secret manifest with `data` or `stringData` puts the credential itself in the repository: base64 is an encoding, not encryption, so everyone with read access to the repository (and its history, forks and CI logs) has the secret. Keep secrets in Azure Key Vault and deliver them with the Secrets Store CSI driver (SecretProviderClass), or commit only encrypted forms (SealedSecret, ExternalSecret, SOPS).',
  severity: 'high',
  family: 'workload',
  inputs: { kubernetes: ['Secret'] },
  seed: true,
  refs: ['AKS security: secrets delivered from the API, not written into manifests'],
  fix: {
    manifest:
      'Delete the Secret manifest, rotate the credential, store it in Azure Key Vault and mount it with a SecretProviderClass (or use SealedSecret / ExternalSecret).',
  },
  check(context) {
    for (const secret of context.inventory.byKind.get('Secret') ?? []) {
      // A Secret read from a cluster's API (--include-secret-values) is where a Secret belongs, not a commit.
      if (secret.group !== '' || secret.document.live) continue;
      const keys: string[] = [];
      let field: 'data' | 'stringData' | undefined;
      for (const name of ['data', 'stringData'] as const) {
        const values = secret.raw[name];
        if (isPlainObject(values) && Object.keys(values).length > 0) {
          keys.push(...Object.keys(values));
          field ??= name;
        }
      }
      if (!field) continue;
      context.report({
        object: secret,
        path: [field],
        message: `Secret ${secret.namespace}/${secret.metadata.name} commits ${keys.length} value(s) to the repository (keys: ${keys.join(', ')})`,
        evidence: { keys, type: secret.raw.type ?? 'Opaque' },
      });
    }
  },
});
