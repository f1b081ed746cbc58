/**
 * Credential heuristics shared by the secret rules. They name what matched (a key, a format), never the value.
 * Key names alone are noisy (Trivy #8198 flagged `password_validation.py`), so names are only trusted for short,
 * single-line literal values, and formats (PEM keys, JWTs, cloud keys) are recognised wherever they appear.
 */

const SENSITIVE_NAME =
  /(pass(word|wd|phrase)?|pwd|secret|token|api[-_.]?key|access[-_.]?key|private[-_.]?key|client[-_.]?secret|credential|conn(ection)?[-_.]?str(ing)?|auth[-_.]?key|account[-_.]?key|sas[-_.]?key|signing[-_.]?key|encryption[-_.]?key|^azure_.*key$|bearer|jwt)/i;

/** Names that mention a secret but hold a reference to one (a path, a file, a secret's name, a URL, a flag). */
const REFERENCE_NAME =
  /(_|-|\.)(file|path|dir|name|names|ref|url|uri|endpoint|host|enabled|enable|disabled|length|ttl|expiry|expiration|timeout|policy|type|id|kind|mode|header|secs|seconds)$/i;

const CREDENTIAL_FORMATS: { name: string; pattern: RegExp }[] = [
  { name: 'a PEM private key', pattern: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/ },
  // Starts only where a base64url run starts (lookbehind), so a long run is scanned once, not once per `eyJ`.
  {
    name: 'a JSON Web Token',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  },
  { name: 'an AWS access key id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'an Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/=]{20,}/ },
  {
    name: 'an Azure shared access signature',
    pattern: /(SharedAccessSignature=|[?&]sig=)[A-Za-z0-9%+/=]{20,}/,
  },
  { name: 'an Azure Service Bus or Event Hubs key', pattern: /SharedAccessKey=[A-Za-z0-9+/=]{20,}/ },
  { name: 'a password in a connection string', pattern: /\b(password|pwd)\s*=\s*[^;\s'"$]{3,}/i },
  { name: 'a Slack token', pattern: /\bxox[abpors]-[A-Za-z0-9-]{10,}/ },
  // The URL is the credential: whoever has it posts to the channel (api.slack.com/messaging/webhooks).
  { name: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/ },
];

/**
 * `scheme://user:password@`: found from each `://` (indexOf), with the scheme, user and password read over bounded
 * lengths, so a value of any size costs one pass (the unanchored pattern this replaces was quadratic: 9 s on 100 KB).
 */
const URL_SCHEME_BEFORE = /(?:^|[^A-Za-z0-9_])[A-Za-z][A-Za-z0-9+.-]{0,31}$/;
const URL_USERINFO = /[^\s:/@]{1,256}:[^\s@/$]{3,256}@/y;

function hasCredentialsInUrl(value: string): boolean {
  for (let at = value.indexOf('://'); at !== -1; at = value.indexOf('://', at + 3)) {
    if (!URL_SCHEME_BEFORE.test(value.slice(Math.max(0, at - 33), at))) continue;
    URL_USERINFO.lastIndex = at + 3;
    if (URL_USERINFO.test(value)) return true;
  }
  return false;
}

/** Lines longer than this are read only up to it by the assignment pattern (keys sit at the start of a line). */
const MAX_LINE = 4096;

/**
 * `password = hunter2` / `token: abc` / `"basicAuthPassword": "abc"` inside a configuration file held in a
 * ConfigMap or Secret value (INI, properties, YAML and JSON keys, quoted or not). Applied line by line (at most
 * MAX_LINE characters each) with only blanks, not line breaks, matched by the spaces: linear in the value.
 */
const ASSIGNMENT =
  /^[ \t]*["']?[\w.-]*(password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|client[-_]?secret)[\w.-]*["']?[ \t]*[:=][ \t]*["']?([^\s"'#,]{3,})/i;

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name) && !REFERENCE_NAME.test(name);
}

/**
 * The forms of a value that stands for a credential to be filled in later, and what each is called: sample
 * manifests ship them (`MYSQL_PASSWORD_VAL`, `changeme`, `<your-password>`, `${DB_PASSWORD}` for envsubst).
 */
const PLACEHOLDERS: { form: string; pattern: RegExp }[] = [
  { form: 'changeme', pattern: /^(change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me)\b.*$/i },
  { form: '<...>', pattern: /^<[^<>]*>$/ },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder form itself, not a template
  { form: '${...}', pattern: /^\$\{[^{}]*\}$/ },
  { form: '{{...}}', pattern: /^\{\{.*\}\}$/ },
  { form: '..._VAL', pattern: /^[A-Za-z0-9]+([_-][A-Za-z0-9]+)*[_-]VAL(UE)?$/ },
  { form: 'YOUR_...', pattern: /^(your[_-]?|my[_-])[A-Za-z0-9_-]+$/i },
  { form: 'a masked value', pattern: /^(\*+|x{3,}|todo|tbd|redacted|<redacted>|dummy|placeholder)$/i },
];

const MAX_PLACEHOLDER = 256;

/** The placeholder form of a value (`..._VAL`, `changeme` ...), or undefined when it is not one. */
export function placeholderForm(value: string): string | undefined {
  const trimmed = value.trim();
  // Placeholders are short; a long value is never one (and the patterns stay linear on any input).
  if (trimmed.length > MAX_PLACEHOLDER) return undefined;
  return PLACEHOLDERS.find((entry) => entry.pattern.test(trimmed))?.form;
}

/**
 * A value that is not a literal secret: empty, a placeholder, a Kubernetes `$(VAR)` reference, a boolean or a
 * number, a path or a URL without credentials.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 3) return true;
  if (/^(true|false|yes|no|null|none)$/i.test(trimmed)) return true;
  if (placeholderForm(trimmed)) return true;
  if (/^\$\(.*\)$/.test(trimmed)) return true;
  if (/^\d+$/.test(trimmed)) return true;
  // A path or URL without credentials is a reference, not a secret.
  if (/^(\/|\.\/|[a-z]+:\/\/[^@]*$)/i.test(trimmed)) return true;
  return false;
}

/** The credential format a value contains, if any. */
export function credentialFormatIn(value: string): string | undefined {
  const format = CREDENTIAL_FORMATS.find((candidate) => candidate.pattern.test(value))?.name;
  if (format) return format;
  return hasCredentialsInUrl(value) ? 'credentials in a URL' : undefined;
}

/** The assignment of a secret-looking setting inside a file-like value, e.g. `spring.datasource.password=...`. */
export function secretAssignmentIn(value: string): string | undefined {
  let start = 0;
  while (start <= value.length) {
    const newline = value.indexOf('\n', start);
    const end = newline === -1 ? value.length : newline;
    const line = value.slice(start, Math.min(end, start + MAX_LINE));
    const match = ASSIGNMENT.exec(line);
    if (match && !isPlaceholder(match[2]!)) return match[0].split(/[:=]/)[0]!.trim();
    if (newline === -1) break;
    start = newline + 1;
  }
  return undefined;
}

/**
 * Why a literal `name: value` looks like a credential, or undefined. Names count only for short single-line values.
 */
export function credentialReason(name: string, value: string): string | undefined {
  const format = credentialFormatIn(value);
  if (format) return `its value contains ${format}`;
  if (!value.includes('\n') && value.length <= 256 && isSensitiveName(name) && !isPlaceholder(value))
    return 'a literal value under a name that says secret';
  return undefined;
}

/** `--password x`, `--token=x`: a credential passed on a command line, visible in the pod spec and `ps`. */
export function credentialArgument(args: readonly unknown[]): { index: number; flag: string } | undefined {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (typeof arg !== 'string') continue;
    const match = /^--?([A-Za-z][\w.-]*)(?:=(.*))?$/.exec(arg);
    if (!match || !isSensitiveName(match[1]!)) continue;
    const value = match[2] ?? (typeof args[index + 1] === 'string' ? (args[index + 1] as string) : undefined);
    if (value === undefined || value.startsWith('-') || isPlaceholder(value)) continue;
    return { index: match[2] !== undefined ? index : index + 1, flag: `--${match[1]}` };
  }
  return undefined;
}

/** What a committed Secret value holds, said without the value. */
export interface SecretValueClass {
  key: string;
  field: 'data' | 'stringData';
  kind: 'credential' | 'placeholder' | 'other';
  /** Why: the credential format or name, the placeholder form, or what the value is. */
  reason: string;
}

/** Secret types whose values are credentials by definition (Kubernetes "Secret types"). */
const CREDENTIAL_TYPES = new Map<string, string>([
  ['kubernetes.io/dockerconfigjson', 'registry credentials'],
  ['kubernetes.io/dockercfg', 'registry credentials'],
  ['kubernetes.io/basic-auth', 'a user name and password'],
  ['kubernetes.io/ssh-auth', 'an SSH private key'],
  ['kubernetes.io/tls', 'a TLS certificate and private key'],
  ['kubernetes.io/service-account-token', 'a ServiceAccount token'],
  ['bootstrap.kubernetes.io/token', 'a bootstrap token'],
]);

/** Printable text: no control characters other than tab, newline and carriage return, valid UTF-8. */
function isText(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte < 9 || (byte > 13 && byte < 32) || byte === 127) return false;
  return !bytes.toString('utf8').includes('\uFFFD');
}

/**
 * Classifies one value of a committed Secret (`data` base64-decoded, `stringData` as written) before it is
 * redacted: a credential (a known format, a sensitive key with a literal value, a secret setting inside a
 * configuration file, a credential Secret type, binary key material), a placeholder, or other content.
 */
export function classifySecretValue(
  key: string,
  field: 'data' | 'stringData',
  written: unknown,
  type: string,
): SecretValueClass {
  const out = (kind: SecretValueClass['kind'], reason: string): SecretValueClass => ({
    key,
    field,
    kind,
    reason,
  });
  if (typeof written !== 'string') return out('other', 'not a string');
  let value = written;
  if (field === 'data') {
    const bytes = Buffer.from(written.replace(/\s+/g, ''), 'base64');
    if (bytes.length > 0 && !isText(bytes)) return out('credential', 'binary data (key material)');
    value = bytes.toString('utf8');
  }
  const byType = CREDENTIAL_TYPES.get(type);
  if (byType && value.trim() !== '') return out('credential', `${byType} (type ${type})`);
  const format = credentialFormatIn(value);
  if (format) return out('credential', `contains ${format}`);
  const placeholder = placeholderForm(value);
  if (placeholder) return out('placeholder', `a placeholder (${placeholder})`);
  if (value.includes('\n')) {
    const setting = secretAssignmentIn(value);
    if (setting) return out('credential', `a configuration file that sets ${setting}`);
    return out('other', 'a configuration file without a credential setting');
  }
  if (isSensitiveName(key) && !isPlaceholder(value))
    return out('credential', 'a literal value under a name that says secret');
  if (value.trim() === '') return out('other', 'empty');
  return out('other', 'a value that does not look like a credential');
}
