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
 * `password = hunter2` / `token: abc` inside a configuration file held in a ConfigMap value. Applied line by line
 * (at most MAX_LINE characters each) with only blanks, not line breaks, matched by the spaces: linear in the value.
 */
const ASSIGNMENT =
  /^[ \t]*[\w.-]*(password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|client[-_]?secret)[\w.-]*[ \t]*[:=][ \t]*["']?([^\s"'#]{3,})/i;

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name) && !REFERENCE_NAME.test(name);
}

/** A value that is not a literal secret: empty, a placeholder, a variable reference, a boolean or a number. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 3) return true;
  if (
    /^(true|false|yes|no|null|none|changeme|change[-_]?me|<.*>|\*+|x+|todo|tbd|redacted|<redacted>)$/i.test(
      trimmed,
    )
  )
    return true;
  if (/^\$\(.*\)$|^\$\{.*\}$|^\{\{.*\}\}$/.test(trimmed)) return true;
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
