/**
 * Input-derived words in the shell commands that `aksguard fix` prints. A name the platform would refuse cannot be
 * the real name, so it becomes a placeholder; a valid name that holds a shell metacharacter (a resource group may
 * hold parentheses) is single-quoted. Nothing from input reaches a command line unquoted, not even in its comment.
 */

/** Words the shell reads literally, unquoted (POSIX portable filename characters). */
const PLAIN = /^[A-Za-z0-9._-]+$/;

function word(value: string, valid: RegExp, placeholder: string): string {
  if (!valid.test(value)) return placeholder;
  if (PLAIN.test(value)) return value;
  // Valid names hold no quote or newline (each pattern below excludes them), so single quotes are enough.
  return `'${value}'`;
}

/** Azure resource groups: 1–90 letters, digits, `_ - . ( )`, not ending in a period (Azure naming rules). */
const RESOURCE_GROUP = /^[-\w.()\p{L}\p{N}]{0,89}[-\w()\p{L}\p{N}]$/u;
/** AKS cluster names: letters, digits, `_ -`, starting with a letter or digit, at most 63. */
const CLUSTER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
/** AKS node pool names: lowercase letters and digits, starting with a letter, at most 12. */
const POOL = /^[a-z][a-z0-9]{0,11}$/;
/** Kubernetes object names (DNS-1123 subdomain) and namespaces (DNS-1123 label). */
const OBJECT_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAMESPACE = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

export const shellWord = {
  resourceGroup: (value: string) => word(value, RESOURCE_GROUP, '<RESOURCE_GROUP>'),
  cluster: (value: string) => word(value, CLUSTER, '<CLUSTER_NAME>'),
  pool: (value: string) => word(value, POOL, '<POOL>'),
  objectName: (value: string) => word(value, OBJECT_NAME, '<NAME>'),
  namespace: (value: string) => word(value, NAMESPACE, '<NAMESPACE>'),
  kind: (value: string) => word(value, KIND, '<KIND>'),
};
