import { defineRule } from '../defineRule.js';
import { isPlainObject } from './lib/pods.js';

export default defineRule({
  id: 'WL-SEC-committedSecret',
  title: 'Secret with values committed to the repository',
  description:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder form itself, not a template
    'A Secret manifest with `data` or `stringData` puts the credential itself in the repository: base64 is an encoding, not encryption, so everyone with read access to the repository (and its history, forks and CI logs) has the secret. Keep secrets in Azure Key Vault and deliver them with the Secrets Store CSI driver (SecretProviderClass), or commit only encrypted forms (SealedSecret, ExternalSecret, SOPS). The finding is high when a value looks like a credential (a key, token, password, connection string, private key or known token format, a credential Secret type); a Secret holding only placeholders (`..._VAL`, `changeme`, `<...>`, `${...}`) or other content (a time zone, a URL without credentials) is low, and says so.',
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
      // Rated by what the values hold (classified at load, before redaction): a credential is high; placeholders
      // and other content (a time zone, a URL without credentials) are low, and the message says which.
      const classes = secret.secretValues ?? [];
      const credentials = classes.filter((entry) => entry.kind === 'credential');
      const placeholders = classes.filter((entry) => entry.kind === 'placeholder');
      const name = `Secret ${secret.namespace}/${secret.metadata.name}`;
      const evidence = {
        keys,
        type: secret.raw.type ?? 'Opaque',
        values: classes.map(({ key, kind, reason }) => ({ key, kind, reason })),
      };
      if (credentials.length > 0) {
        const first = credentials[0]!;
        context.report({
          object: secret,
          path: [first.field, first.key],
          message: `${name} commits ${keys.length} value(s) to the repository, ${credentials.length} of them credentials (${credentials.map((entry) => `${entry.key}: ${entry.reason}`).join('; ')})`,
          evidence,
        });
        continue;
      }
      const what =
        placeholders.length === classes.length && classes.length > 0
          ? `only placeholders (${[...new Set(placeholders.map((entry) => entry.reason.replace(/^a placeholder \((.*)\)$/, '$1')))].join(', ')}), no credential yet: keep the real values out of the repository`
          : `no value that looks like a credential (${classes.map((entry) => `${entry.key}: ${entry.reason}`).join('; ')})`;
      context.report({
        object: secret,
        path: [field],
        severity: 'low',
        message: `${name} commits ${keys.length} value(s) to the repository, ${what}`,
        evidence,
      });
    }
  },
});
